/**
 * Node-side entry of the console package: build the SPA and serve it with the proxy to
 * crm-api and telephony. The demo and the e2e test use this; browsers never load it.
 */
export {
  consoleViteConfig,
  consoleProxy,
  CONSOLE_ROOT,
  DEFAULT_CRM_API_URL,
  DEFAULT_TELEPHONY_URL,
  type ConsoleViteOptions,
} from '../../vite.config';
export { buildConsole, startConsole, type ConsoleServer, type StartConsoleOptions } from './serve';
