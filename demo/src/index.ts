/** @cc1357/demo — the whole center in one process (used by `npm run demo`, the smoke run and e2e). */
export { startCenter, type Center, type CenterOptions } from './center';
export { SimClient } from './sim-client';
export { CrmClient } from './crm-client';
