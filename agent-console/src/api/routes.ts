/** crm-api paths the console calls (same origin; the Vite proxy forwards `/api`). */
export const API_ROUTES = {
  login: '/api/auth/login',
  consultations: '/api/consultations',
  todayStats: '/api/stats/today',
  ivrDropout: (date: string) => `/api/stats/ivr-dropout?date=${encodeURIComponent(date)}`,
  /** The pop for a number; '' (withheld) is the path's empty segment, as crm-api allows. */
  callerPop: (number: string | null) => `/api/callers/${encodeURIComponent(number ?? '')}/pop`,
} as const;
