import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import helmet from 'helmet';
import { createLogger, defineConfig, type InlineConfig, type Logger, type Plugin, type ProxyOptions } from 'vite';

/**
 * The console's Vite config as a function so the demo and the e2e test can build and preview
 * the SPA programmatically with the proxy pointing at the services they just started.
 * The browser only ever talks to its own origin: `/api` goes to crm-api, `/socket.io`
 * (websocket included) to telephony's gateway.
 */
export interface ConsoleViteOptions {
  crmApiUrl?: string;
  telephonyUrl?: string;
  /** Port for dev and preview; 0 picks a free one. */
  port?: number;
  host?: string;
  outDir?: string;
}

export const CONSOLE_ROOT = fileURLToPath(new URL('.', import.meta.url));
export const DEFAULT_CRM_API_URL = 'http://127.0.0.1:4100';
export const DEFAULT_TELEPHONY_URL = 'http://127.0.0.1:4200';

export function consoleProxy(crmApiUrl: string, telephonyUrl: string): Record<string, ProxyOptions> {
  return {
    '/api': { target: crmApiUrl, changeOrigin: true },
    '/socket.io': { target: telephonyUrl, changeOrigin: true, ws: true },
  };
}

/**
 * Vite takes NODE_ENV from the calling process before its mode, so a build started from a
 * vitest run (NODE_ENV=test) would ship React's development build (StrictMode double effects,
 * a socket opened twice) and JSX compiled for it. A build is always production, the dev
 * server always development.
 */
function nodeEnvByCommand(): Plugin {
  return {
    name: 'cc1357-node-env-by-command',
    config: (_config, { command }) => {
      const production = command === 'build';
      return {
        define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
        // JSX must match: the production react/jsx-dev-runtime has no jsxDEV.
        oxc: { jsx: { development: !production } },
      };
    },
  };
}

/**
 * Vite's logger, less one routine event: a browser tab closed (or reloaded) while its socket.io
 * websocket went through the proxy resets that connection, and Vite would print a multi-line
 * `ws proxy socket error: ECONNRESET` stack for it. Every other error is printed as before.
 */
export function consoleLogger(level: 'info' | 'warn' | 'error' | 'silent' = 'warn'): Logger {
  const logger = createLogger(level);
  const error = logger.error.bind(logger);
  logger.error = (msg, options) => {
    const code = (options?.error as NodeJS.ErrnoException | null | undefined)?.code;
    if (msg.includes('ws proxy') && (code === 'ECONNRESET' || code === 'EPIPE')) return;
    error(msg, options);
  };
  return logger;
}

/**
 * The usual security headers on the served console (helmet, as crm-api): a CSP that allows only
 * the console's own scripts, styles (inline style attributes: charts), images and connections
 * (the `/api` and `/socket.io` proxies are same-origin), no framing, nosniff, no referrer. No
 * upgrade-insecure-requests: a center may serve the console over plain HTTP on its LAN.
 * Preview (what compose and the demo serve) only: the dev server needs Vite's inline client.
 */
export const CONSOLE_CSP = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'", 'ws:', 'wss:'],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

function securityHeaders(): Plugin {
  const headers = helmet({ contentSecurityPolicy: CONSOLE_CSP, frameguard: { action: 'deny' } });
  return {
    name: 'cc1357-security-headers',
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => headers(req as never, res as never, next));
    },
  };
}

export function consoleViteConfig(options: ConsoleViteOptions = {}): InlineConfig {
  const crmApiUrl = options.crmApiUrl ?? DEFAULT_CRM_API_URL;
  const telephonyUrl = options.telephonyUrl ?? DEFAULT_TELEPHONY_URL;
  const host = options.host ?? '127.0.0.1';
  const proxy = consoleProxy(crmApiUrl, telephonyUrl);
  return {
    configFile: false,
    root: CONSOLE_ROOT,
    plugins: [react(), nodeEnvByCommand(), securityHeaders()],
    logLevel: 'warn',
    customLogger: consoleLogger('warn'),
    clearScreen: false,
    build: { outDir: options.outDir ?? 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1200 },
    server: { host, port: options.port ?? 5173, strictPort: options.port !== undefined, proxy },
    preview: { host, port: options.port ?? 4173, strictPort: options.port !== undefined, proxy },
  };
}

// `vite` / `vite build` / `vite preview` from this folder read the same config from env.
export default defineConfig(
  consoleViteConfig({
    crmApiUrl: process.env.CRM_API_URL,
    telephonyUrl: process.env.TELEPHONY_URL,
    port: process.env.CONSOLE_PORT ? Number(process.env.CONSOLE_PORT) : undefined,
  }),
);
