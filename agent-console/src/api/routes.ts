/** crm-api paths the console calls (same origin; the Vite proxy forwards `/api`). */
export const API_ROUTES = {
  login: '/api/auth/login',
  consultations: '/api/consultations',
  todayStats: '/api/stats/today',
  ivrDropout: (date: string) => `/api/stats/ivr-dropout?date=${encodeURIComponent(date)}`,
  /** The pop for a number; '' (withheld) is the path's empty segment, as crm-api allows. */
  categories: '/api/consultation-categories',
  consultation: (id: string) => `/api/consultations/${encodeURIComponent(id)}`,
  searchCompanies: '/api/search/companies',
  searchConsultations: '/api/search/consultations',
  company: (id: string) => `/api/companies/${encodeURIComponent(id)}`,
  programs: '/api/programs',
  calendar: '/api/programs/calendar',
  sms: '/api/sms',
  callbacks: '/api/callbacks',
  imports: (kind: 'companies' | 'support-history') => `/api/imports/${kind}`,
  callerPop: (number: string | null) => `/api/callers/${encodeURIComponent(number ?? '')}/pop`,
} as const;
