/** @cc1357/demo — the whole center in one process (used by `npm run demo`, the smoke run and e2e). */
export { startCenter, type Center, type CenterOptions } from './center';
export { SimClient } from './sim-client';
export { CrmClient } from './crm-client';
export { SimAgent, type SimAgentTiming } from './sim-agents';
export { runCaller, type CallerResult, type CallerTiming } from './callers';
export { MENU_CHOICES, type CallerScript } from './caller-plan';
export { seededRng, pick } from './rng';
