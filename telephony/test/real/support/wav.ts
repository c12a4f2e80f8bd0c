import { readFileSync } from 'node:fs';

export interface WavInfo {
  format: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  durationMs: number;
  /** Largest absolute sample (16-bit PCM): 0 for pure silence. */
  peak: number;
}

/** Reads a PCM WAV file as Asterisk writes it (RIFF, `fmt `, `data`); throws on anything else. */
export function readWav(file: string): WavInfo {
  const buf = readFileSync(file);
  if (buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE')
    throw new Error(`${file} is not a RIFF/WAVE file`);
  let offset = 12;
  let fmt: Omit<WavInfo, 'durationMs' | 'peak'> | null = null;
  while (offset + 8 <= buf.length) {
    const id = buf.toString('ascii', offset, offset + 4);
    const size = buf.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      fmt = {
        format: buf.readUInt16LE(body),
        channels: buf.readUInt16LE(body + 2),
        sampleRate: buf.readUInt32LE(body + 4),
        bitsPerSample: buf.readUInt16LE(body + 14),
      };
    } else if (id === 'data') {
      if (!fmt) throw new Error(`${file}: data before fmt`);
      const end = Math.min(buf.length, body + size);
      let peak = 0;
      if (fmt.bitsPerSample === 16)
        for (let i = body; i + 1 < end; i += 2) peak = Math.max(peak, Math.abs(buf.readInt16LE(i)));
      const bytesPerSecond = fmt.sampleRate * fmt.channels * (fmt.bitsPerSample / 8);
      return { ...fmt, durationMs: Math.round(((end - body) * 1000) / bytesPerSecond), peak };
    }
    offset = body + size + (size % 2);
  }
  throw new Error(`${file}: no data chunk`);
}
