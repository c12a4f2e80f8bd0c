export { loadConfig, ConfigError, type CrmConfig } from './config';
export { migrate, MIGRATIONS_DIR, type MigrateResult } from './db/migrate';
export { backfillReportFactsAt } from './services/reportFacts';
export { createApp, type AppDeps } from './http/app';
export { startCrmApi, type CrmApiHandle, type StartOptions } from './server';
export {
  seed,
  seedSampleCallers,
  DEMO_PASSWORD,
  type SeedOptions,
  type SeedResult,
  type SampleCallers,
} from './seed/seed';
export { SEED_USERS, generateSeedData, type SeedUser, type SeedData } from './seed/generate';
export { createRng } from './seed/rng';
export { AppError, toAppError } from './errors';
export { partnerCenters, PartnerConfigError, type PartnerCenters, type PartnerFile } from './domain/partnerCenters';
