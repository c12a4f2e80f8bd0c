import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { preview } from 'vite';
import { describe, expect, it } from 'vitest';
import { consoleViteConfig } from '../vite.config';

describe('the console server (vite preview, as compose and the demo serve it)', () => {
  it('sends the usual security headers with a same-origin CSP', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'cc1357-console-'));
    await writeFile(join(outDir, 'index.html'), '<!doctype html><title>1357</title><div id="root"></div>');
    const server = await preview({ ...consoleViteConfig({ outDir, port: 0 }), logLevel: 'silent' });
    try {
      const { port } = server.httpServer.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/`);
      expect(res.status).toBe(200);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-eval');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    } finally {
      await server.close();
      await rm(outDir, { recursive: true, force: true });
    }
  });
});
