/** crm-api paths the console calls (same origin; the Vite proxy forwards `/api`). */
export const API_ROUTES = {
  login: '/api/auth/login',
  consultations: '/api/consultations',
  todayStats: '/api/stats/today',
} as const;
