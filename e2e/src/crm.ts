import {
  createCrmClient,
  unwrap,
  type CrmApiClient,
  type CallerPop,
  type ConsultationDto,
  type ConsultationSearchHit,
  type CrmRoutes,
  type RouteInput,
} from '@cc1357/contracts';

/**
 * Reads of crm-api a scenario checks the browser against (what the CRM says is what the
 * screen must show), through the contracts' typed client. Logins use the demo seed's accounts.
 */
export class CrmReads {
  private readonly crm: CrmApiClient;

  constructor(
    private readonly crmUrl: string,
    private readonly password: string,
    private readonly username = 'supervisor',
  ) {
    this.crm = createCrmClient({ baseUrl: crmUrl, token: () => this.token() });
  }

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
    const anonymous = createCrmClient({ baseUrl: this.crmUrl });
    return unwrap(
      await anonymous.call('login', { body: { username: this.username, password: this.password } }),
      'crm-api login',
    ).token;
  }

  /** The pop crm-api gives for a number (narrowed to one company by 사업자등록번호). */
  async pop(number: string, bizRegNo?: string): Promise<CallerPop> {
    return unwrap(
      await this.crm.call('callerPop', { params: { number }, query: bizRegNo ? { bizRegNo } : {} }),
      'crm-api pop',
    );
  }

  async consultationsOf(companyId: string): Promise<ConsultationDto[]> {
    return unwrap(await this.crm.call('consultations', { query: { companyId } }), 'crm-api consultations');
  }

  /** crm-api's consultation search (masked list), e.g. to find what a browser step saved. */
  async searchConsultations(
    query: RouteInput<CrmRoutes['searchConsultations']>['query'],
  ): Promise<ConsultationSearchHit[]> {
    return unwrap(await this.crm.call('searchConsultations', { query }), 'crm-api consultation search');
  }

  /** The raw answer to a login, for comparing a refusal's message with what the browser shows. */
  async refusedLogin(username: string, password: string): Promise<{ status: number; message: string | null }> {
    const result = await createCrmClient({ baseUrl: this.crmUrl }).call('login', { body: { username, password } });
    return result.ok
      ? { status: result.status, message: null }
      : { status: result.status ?? 0, message: result.message };
  }
}
