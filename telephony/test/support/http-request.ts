import { Agent, request } from 'node:http';

/**
 * One HTTP request over node:http with a keep-alive agent: the status and the body as text.
 * For the drivers that steer pbx-sim (tests, drills, the bench's callers): `fetch` cost the bench
 * process about a quarter of its CPU in its web streams (control-plane CPU profile, 2026-12-04),
 * on the two cores the measured processes share. http only (pbx-sim's steering API is plain HTTP).
 */
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

export interface HttpAnswer {
  status: number;
  text: string;
}

export function httpRequest(
  method: string,
  url: string,
  options: { headers?: Record<string, string>; body?: string } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...options.headers };
    if (options.body !== undefined) headers['content-length'] = Buffer.byteLength(options.body);
    const req = request(url, { method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}
