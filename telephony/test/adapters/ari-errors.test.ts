import { describe, expect, it } from 'vitest';
import { isNotFound, toAriError } from '../../src/adapters/ari/errors';

describe('ARI error parsing (ari-client rejects with the raw body, no status)', () => {
  const rows: [string, string, number][] = [
    ['channel gone', '{"message":"Channel not found"}', 404],
    ['bridge gone', '{"message":"Bridge not found"}', 404],
    ['playback gone', '{"message":"Playback not found"}', 404],
    ['not in Stasis', '{"message":"Channel not in Stasis application"}', 409],
    ['invalid state', '{"message":"Channel in invalid state"}', 412],
    ['recording exists', '{"message":"Recording \'cc/x\' already exists and can not be overwritten"}', 409],
    ['unknown format', '{"message":"specified format is unknown on this system"}', 422],
    ['allocation failed uses `error`', '{"error":"Allocation failed"}', 500],
    ['transport error', 'connect ECONNREFUSED 127.0.0.1:8088', 0],
  ];
  it.each(rows)('%s', (_n, body, status) => {
    const err = toAriError('op', new Error(body));
    expect(err.status).toBe(status);
    expect(isNotFound(err)).toBe(status === 404);
  });
});
