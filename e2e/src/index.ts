export { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumAvailable, launchBrowser, type Browser } from './browser';
export { accessibilityFindings, type AxeFinding } from './axe';
export {
  AUTH_SECRET,
  hasChromium,
  REDIS_URL,
  type Scenario,
  shot,
  startScenario,
  startScenarioCenter,
  STEP_MS,
} from './scenario';
export { CrmReads } from './crm';
export { callUntilDeskRings, escapeRegExp, loginAs } from './console-page';
