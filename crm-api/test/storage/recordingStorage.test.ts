import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { localRecordingStorage, StorageKeyError } from '../../src/storage/recordingStorage';

describe('local recording storage', () => {
  const root = path.join(mkdtempSync(path.join(tmpdir(), 'rec-storage-')), 'store');
  const storage = localRecordingStorage(root);

  it('writes private files under generated keys and reads ranges of them', async () => {
    const key = storage.newKey(new Date('2025-03-14T03:00:00Z'));
    expect(key).toMatch(/^2025\/03\/[0-9a-f]{32}\.wav$/);
    await storage.put(key, Buffer.from('0123456789'));
    expect(readFileSync(path.join(root, key), 'utf8')).toBe('0123456789');
    expect(statSync(path.join(root, key)).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(root, '2025')).mode & 0o777).toBe(0o700);
    expect(await storage.size(key)).toBe(10);
    expect(await text(storage.read(key, { start: 2, end: 4 }))).toBe('234');
    expect(await storage.list()).toEqual([key]);
    expect(await storage.usage()).toEqual({ files: 1, bytes: 10 });
    // No temporary file is left beside it.
    expect(readdirSync(path.dirname(path.join(root, key)))).toHaveLength(1);
    await storage.delete(key);
    expect(await storage.size(key)).toBeNull();
  });

  it('refuses any key it did not make, so no path leaves the root', async () => {
    for (const bad of ['../x.wav', '2025/03/../../../etc/passwd', '/etc/passwd', '2025/03/abc.wav', ''])
      await expect(storage.put(bad, Buffer.from('x'))).rejects.toBeInstanceOf(StorageKeyError);
    expect(() => storage.read('../../x')).toThrow(StorageKeyError);
  });
});
