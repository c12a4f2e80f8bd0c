import type { Scenario } from '../types';
import { acd } from './acd';
import { controlPlane } from './control-plane';
import { crm } from './crm';
import { drills } from './drills';
import { reports } from './reports';
import { realAsterisk } from './real-asterisk';
import { scaleOut } from './scale-out';
import { screenPop } from './screen-pop';
import { suiteScenario } from './legacy';

/**
 * Every scenario `npm run bench` knows, in the order it runs them (`--only a,b` picks).
 * The results file keys `scenarios.<name>` by these names; keep them stable so runs compare.
 */
export const SCENARIOS: Scenario[] = [
  controlPlane,
  screenPop,
  crm,
  reports,
  scaleOut,
  acd,
  realAsterisk,
  suiteScenario(
    'calls',
    () => import('../suites/calls'),
    { 'arrival → answered (telephony)': 'arrival_to_answered', 'queue → agent offered (ACD)': 'queue_to_offered' },
    { BENCH_CALLS: '24', BENCH_CONCURRENCY: '6' },
  ),
  suiteScenario(
    'ivr',
    () => import('../suites/ivr'),
    { 'whole caller journey (pure runner)': 'journey' },
    {
      BENCH_SAMPLES: '200',
    },
  ),
  suiteScenario(
    'loginFlood',
    () => import('../suites/loginFlood'),
    {
      'pop, no login flood': 'pop_no_flood',
      'pop during 300 wrong logins (limits on)': 'pop_flood_limits_on',
      'pop during 300 wrong logins (limits off)': 'pop_flood_limits_off',
    },
    { BENCH_FLOOD: '100', BENCH_FLOOD_CONCURRENCY: '20' },
  ),
  suiteScenario(
    'recordings',
    () => import('../suites/recordings'),
    { 'call end → playable (finalised)': 'end_to_playable', 'range request': 'range_request' },
    { BENCH_RECORDINGS: '10', BENCH_RANGE_REQUESTS: '300' },
  ),
  drills,
];
