import { LoginResponse, type CreateConsultationRequest, DayStats } from '@cc1357/contracts';

/** The few crm-api calls the demo's simulated agents and the smoke check make. */
export class CrmClient {
  constructor(private readonly baseUrl: string) {}

  async login(username: string, password: string): Promise<LoginResponse> {
    const response = await fetch(`${this.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok) throw new Error(`login ${username} → ${response.status} ${await response.text()}`);
    return LoginResponse.parse(await response.json());
  }

  async saveConsultation(token: string, body: CreateConsultationRequest): Promise<void> {
    const response = await fetch(`${this.baseUrl}/api/consultations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok) throw new Error(`save consultation → ${response.status} ${await response.text()}`);
  }

  async statsToday(token: string): Promise<DayStats> {
    const response = await fetch(`${this.baseUrl}/api/stats/today`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok) throw new Error(`stats → ${response.status} ${await response.text()}`);
    return DayStats.parse(await response.json());
  }
}
