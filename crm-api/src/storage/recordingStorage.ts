import { randomBytes } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { chmod, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Where finalised recordings live, behind a small interface so another store (an object store)
 * can replace the local filesystem. Keys are made here, never from input: `<yyyy>/<mm>/<32 hex>.wav`.
 * Files are 0600 and directories 0700 (recordings are personal data; only crm-api reads them).
 */
export interface RecordingStorage {
  /** A fresh key for a recording made at `at`. */
  newKey(at: Date): string;
  /** Writes the bytes under the key atomically (a reader never sees half a file). */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** Size in bytes, or null when there is no such file. */
  size(key: string): Promise<number | null>;
  /** The bytes [start, end] inclusive (the whole file without a range). */
  read(key: string, range?: { start: number; end: number }): ReadStream;
  delete(key: string): Promise<void>;
  /** Every key present (the reconciler compares them with the index). */
  list(): Promise<string[]>;
  /** Bytes used by every stored file. */
  usage(): Promise<{ files: number; bytes: number }>;
}

const KEY = /^\d{4}\/\d{2}\/[0-9a-f]{32}\.wav$/;

export class StorageKeyError extends Error {}

export function localRecordingStorage(root: string): RecordingStorage {
  const base = path.resolve(root);
  // Keys are ours, but the check makes a path outside the root impossible, whatever a row says.
  const fileOf = (key: string): string => {
    if (!KEY.test(key)) throw new StorageKeyError(`not a storage key: ${JSON.stringify(key)}`);
    const file = path.resolve(base, key);
    if (path.relative(base, file).startsWith('..')) throw new StorageKeyError('storage key escapes the root');
    return file;
  };
  const walk = async (dir: string, prefix: string): Promise<string[]> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    const out: string[] = [];
    for (const e of entries) {
      const rel = prefix ? `${prefix}/${e.name}` : e.name;
      if (e.isDirectory()) out.push(...(await walk(path.join(dir, e.name), rel)));
      else if (KEY.test(rel)) out.push(rel);
    }
    return out;
  };
  return {
    newKey(at) {
      const y = String(at.getUTCFullYear()).padStart(4, '0');
      const m = String(at.getUTCMonth() + 1).padStart(2, '0');
      return `${y}/${m}/${randomBytes(16).toString('hex')}.wav`;
    },
    async put(key, bytes) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      // mkdir's mode is masked by the umask and not applied to existing parents: set it.
      for (let d = path.dirname(file); d.startsWith(base) && d !== path.dirname(base); d = path.dirname(d))
        await chmod(d, 0o700);
      const tmp = `${file}.${randomBytes(4).toString('hex')}.part`;
      const fh = await open(tmp, 'wx', 0o600);
      try {
        await fh.writeFile(bytes);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(tmp, file);
    },
    async size(key) {
      try {
        const s = await stat(fileOf(key));
        return s.isFile() ? s.size : null;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    read(key, range) {
      return createReadStream(fileOf(key), range ? { start: range.start, end: range.end } : {});
    },
    async delete(key) {
      await rm(fileOf(key), { force: true });
    },
    list: () => walk(base, ''),
    async usage() {
      const keys = await walk(base, '');
      let bytes = 0;
      for (const k of keys) bytes += (await stat(fileOf(k)).catch(() => ({ size: 0 }))).size;
      return { files: keys.length, bytes };
    },
  };
}
