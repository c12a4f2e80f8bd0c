import { CallerPop, ConsultationDto, ConsultationSearchHit, LoginResponse } from '@cc1357/contracts';

/**
 * Reads of crm-api a scenario checks the browser against (what the CRM says is what the
 * screen must show). Logins use the demo seed's accounts.
 */
export class CrmReads {
  constructor(
    private readonly crmUrl: string,
    private readonly password: string,
    private readonly username = 'supervisor',
  ) {}

  /**
   * The token of the first login, kept for every later read (a scenario's reads all fit in a
   * token's lifetime of hours); a failed login is tried again on the next read.
   */
  private session: Promise<string> | null = null;

  private token(): Promise<string> {
    this.session ??= this.login().catch((error: unknown) => {
      this.session = null;
      throw error;
    });
    return this.session;
  }

  private async login(): Promise<string> {
    const response = await fetch(`${this.crmUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: this.username, password: this.password }),
    });
    return LoginResponse.parse(await response.json()).token;
  }

  private async get(path: string): Promise<unknown> {
    const response = await fetch(`${this.crmUrl}${path}`, { headers: { authorization: `Bearer ${await this.token()}` } });
    if (!response.ok) throw new Error(`crm-api GET ${path} → ${response.status}`);
    return response.json();
  }

  /** The pop crm-api gives for a number (narrowed to one company by 사업자등록번호). */
  async pop(number: string, bizRegNo?: string): Promise<CallerPop> {
    const query = bizRegNo ? `?bizRegNo=${encodeURIComponent(bizRegNo)}` : '';
    return CallerPop.parse(await this.get(`/api/callers/${encodeURIComponent(number)}/pop${query}`));
  }

  async consultationsOf(companyId: string): Promise<ConsultationDto[]> {
    return ConsultationDto.array().parse(await this.get(`/api/consultations?companyId=${encodeURIComponent(companyId)}`));
  }

  /** crm-api's consultation search (masked list), e.g. to find what a browser step saved. */
  async searchConsultations(params: Record<string, string>): Promise<ConsultationSearchHit[]> {
    const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '')).toString();
    return ConsultationSearchHit.array().parse(await this.get(`/api/search/consultations?${query}`));
  }

  /** The raw answer to a login, for comparing a refusal's message with what the browser shows. */
  async refusedLogin(username: string, password: string): Promise<{ status: number; message: string | null }> {
    const response = await fetch(`${this.crmUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    return { status: response.status, message: body?.error?.message ?? null };
  }
}
