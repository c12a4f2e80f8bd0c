import { closeSync, openSync, readSync } from 'node:fs';

/** Length of a PCM WAV file in ms from its header, or null if it is not a readable WAV. */
export function wavDurationMs(file: string): number | null {
  let fd: number | null = null;
  try {
    fd = openSync(file, 'r');
    const buf = Buffer.alloc(4096);
    const n = readSync(fd, buf, 0, buf.length, 0);
    if (n < 12 || buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') return null;
    let offset = 12;
    let byteRate = 0;
    while (offset + 8 <= n) {
      const id = buf.toString('ascii', offset, offset + 4);
      const size = buf.readUInt32LE(offset + 4);
      if (id === 'fmt ' && offset + 16 <= n) byteRate = buf.readUInt32LE(offset + 16);
      if (id === 'data') return byteRate > 0 ? Math.round((size * 1000) / byteRate) : null;
      offset += 8 + size + (size % 2);
    }
    return null;
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
