import { z } from 'zod';
import {
  LoginLocksResponse,
  LoginRequest,
  LoginResponse,
  SessionCheckRequest,
  SessionCheckResponse,
  UserDto,
} from '../auth';
import { dbId } from './shared';
import { route, type RouteSpec } from '../route';

/** Sign-in, sessions and the admin's security actions. */
export const PEOPLE_ROUTES = {
  /* ---------- auth and sessions ---------- */
  login: route({
    method: 'POST',
    path: '/api/auth/login',
    tag: 'auth',
    summary: 'Log in: a token for the console and the socket',
    roles: 'public',
    body: LoginRequest,
    response: LoginResponse,
  }),
  logout: route({
    method: 'POST',
    path: '/api/auth/logout',
    tag: 'auth',
    summary: "End every session of the token's user",
    roles: 'signedIn',
    response: null,
  }),
  me: route({
    method: 'GET',
    path: '/api/me',
    tag: 'auth',
    summary: 'Who the token belongs to',
    roles: 'signedIn',
    serviceToken: true,
    response: UserDto,
  }),
  sessionCheck: route({
    method: 'POST',
    path: '/api/internal/sessions/check',
    tag: 'internal',
    summary: "Which of telephony's connected consoles' sessions are over",
    roles: ['service'],
    serviceToken: true,
    body: SessionCheckRequest,
    response: SessionCheckResponse,
  }),

  /* ---------- admin ---------- */
  loginLocks: route({
    method: 'GET',
    path: '/api/admin/login-locks',
    tag: 'admin',
    summary: 'Accounts and addresses locked out after too many login attempts',
    roles: ['admin'],
    response: LoginLocksResponse,
  }),
  liftLoginLock: route({
    method: 'DELETE',
    path: '/api/admin/login-locks/:kind/:key',
    tag: 'admin',
    summary: 'Lift one login lock',
    roles: ['admin'],
    params: z.object({ kind: z.enum(['account', 'address']), key: z.string().min(1).max(255) }),
    response: null,
  }),
  deactivateUser: route({
    method: 'POST',
    path: '/api/admin/users/:id/deactivate',
    tag: 'admin',
    summary: 'Deactivate a user (ends their sessions)',
    roles: ['admin'],
    params: dbId('must be a user id'),
    response: UserDto,
  }),
  activateUser: route({
    method: 'POST',
    path: '/api/admin/users/:id/activate',
    tag: 'admin',
    summary: 'Activate a user again',
    roles: ['admin'],
    params: dbId('must be a user id'),
    response: UserDto,
  }),
} as const satisfies Record<string, RouteSpec>;
