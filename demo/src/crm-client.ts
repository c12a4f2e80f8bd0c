import {
  createCrmClient,
  unwrap,
  type CreateConsultationRequest,
  type DayStats,
  type LoginResponse,
} from '@cc1357/contracts';

const TIMEOUT_MS = 5_000;
// Generous on purpose: crm-api checks passwords one at a time on a single argon2id thread, so
// eight bots logging in together on a busy machine wait their turn for seconds. This guards
// against a hung server, not a slow one (a CI run failed on 5 s).
const LOGIN_TIMEOUT_MS = 60_000;

/**
 * The few crm-api calls the demo's simulated agents and the smoke check make, through the
 * contracts' typed client; a failure throws (the demo stops on it and says which call).
 */
export class CrmClient {
  constructor(private readonly baseUrl: string) {}

  private as(token: string | null, timeoutMs = TIMEOUT_MS) {
    return createCrmClient({ baseUrl: this.baseUrl, token: () => token, timeoutMs });
  }

  async login(username: string, password: string): Promise<LoginResponse> {
    return unwrap(
      await this.as(null, LOGIN_TIMEOUT_MS).call('login', { body: { username, password } }),
      `login ${username}`,
    );
  }

  async saveConsultation(token: string, body: CreateConsultationRequest): Promise<void> {
    unwrap(await this.as(token).call('createConsultation', { body }), 'save consultation');
  }

  async statsToday(token: string): Promise<DayStats> {
    return unwrap(await this.as(token).call('todayStats'), 'stats');
  }
}
