/**
 * What the benchmark suites (bench/) drive: the services behind the hot routes, called
 * in-process against a real database, and the national-scale seeder. Not used by the server.
 */
export { createPool } from './db/pool';
export { createCatalogueCache } from './services/catalogue';
export { migrate } from './db/migrate';
export { prewarmPopReads } from './db/prewarm';
export { callerPop } from './services/pop';
export { searchCompanies } from './services/search';
export { companyRecommendations } from './services/programs';
export { backfillReportFacts } from './services/reportFacts';
export { queueCallsWithoutReportFacts } from './repositories/reportFacts';
export { seedScale, type ScaleOptions, type ScaleResult } from './seed/scale';
export type { ServiceContext, Actor } from './services/context';
