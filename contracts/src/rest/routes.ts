import { type RouteSpec } from './route';
import { CALLER_ROUTES } from './route-groups/callers';
import { CONSULTATION_ROUTES } from './route-groups/consultations';
import { OPERATION_ROUTES } from './route-groups/operations';
import { PEOPLE_ROUTES } from './route-groups/people';
import { PROGRAM_ROUTES } from './route-groups/programs';
import { RECORDING_ROUTES } from './route-groups/recordings';
import { RELAY_ROUTES } from './route-groups/relays';
import { REPORT_ROUTES } from './route-groups/reports';
import { ANALYSIS_ROUTES } from './route-groups/analysis';
import { ME_ROUTES } from './route-groups/me';

/**
 * Every crm-api endpoint, once (see RouteSpec). Lists mask personal data (phone
 * "010-****-5678", representative "김*수"); single-record views are full and audited.
 */
// One file per resource group under route-groups/; the order here is the order crm-api mounts them
// (a literal path such as /api/relays/dead-letters before /api/relays/:id) and OpenAPI lists them.
export const CRM_ROUTES = {
  ...PEOPLE_ROUTES,
  ...CALLER_ROUTES,
  ...CONSULTATION_ROUTES,
  ...PROGRAM_ROUTES,
  ...RELAY_ROUTES,
  ...OPERATION_ROUTES,
  ...RECORDING_ROUTES,
  ...REPORT_ROUTES,
  ...ANALYSIS_ROUTES,
  ...ME_ROUTES,
} as const satisfies Record<string, RouteSpec>;

export type CrmRoutes = typeof CRM_ROUTES;
export type CrmRouteName = keyof CrmRoutes;
