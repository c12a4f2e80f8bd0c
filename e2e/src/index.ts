export { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumAvailable, launchBrowser, type Browser } from './browser';
export { accessibilityFindings, type AxeFinding } from './axe';
export { SimSteering } from './sim';
export { CrmReads } from './crm';
export { callUntilDeskRings, escapeRegExp, loginAs } from './console-page';
