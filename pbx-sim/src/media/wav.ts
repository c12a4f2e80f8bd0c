/**
 * Minimal RIFF/WAVE writer for recordings: 16-bit PCM mono. The audio is a quiet 425 Hz tone
 * (Korean ring-back pitch) under faint noise, so a browser plays something audible but soft.
 */
export function wavBytes(durationMs: number, sampleRate = 8000): Buffer {
  const samples = Math.max(0, Math.round((durationMs / 1000) * sampleRate));
  const dataBytes = samples * 2;
  // Every byte is written below: the 44 of the header, then the tiled audio.
  const buf = Buffer.allocUnsafe(44 + dataBytes);
  buf.write('RIFF', 0, 'ascii');
  buf.writeUInt32LE(36 + dataBytes, 4);
  buf.write('WAVE', 8, 'ascii');
  buf.write('fmt ', 12, 'ascii');
  buf.writeUInt32LE(16, 16); // fmt chunk size
  buf.writeUInt16LE(1, 20); // PCM
  buf.writeUInt16LE(1, 22); // mono
  buf.writeUInt32LE(sampleRate, 24);
  buf.writeUInt32LE(sampleRate * 2, 28); // byte rate
  buf.writeUInt16LE(2, 32); // block align
  buf.writeUInt16LE(16, 34); // bits per sample
  buf.write('data', 36, 'ascii');
  buf.writeUInt32LE(dataBytes, 40);
  // Tiled from one second: 425 Hz repeats every 320 samples at 8 kHz (640 at 16 kHz), so whole
  // seconds join without a click. Drawing every sample of every recording took a quarter of
  // pbx-sim's CPU at 40 calls/s and stalled its event loop for every call that ended.
  if (dataBytes > 0) buf.fill(oneSecondOfAudio(sampleRate), 44);
  return buf;
}

const secondsOfAudio = new Map<number, Buffer>();

/** One second of the tone under faint noise, 16-bit little-endian PCM, drawn once per sample rate. */
function oneSecondOfAudio(sampleRate: number): Buffer {
  const cached = secondsOfAudio.get(sampleRate);
  if (cached) return cached;
  const second = Buffer.alloc(sampleRate * 2);
  let seed = 12345;
  for (let i = 0; i < sampleRate; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const noise = ((seed % 200) - 100) * 0.5;
    const tone = Math.sin((2 * Math.PI * 425 * i) / sampleRate) * 600;
    second.writeInt16LE(Math.round(tone + noise), i * 2);
  }
  secondsOfAudio.set(sampleRate, second);
  return second;
}

/** Duration (ms) of a WAV produced by wavBytes (or any PCM WAV with a plain 44-byte header). */
export function wavDurationMs(buf: Buffer): number | null {
  if (buf.length < 44 || buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') return null;
  const byteRate = buf.readUInt32LE(28);
  const dataBytes = buf.readUInt32LE(40);
  return byteRate > 0 ? (dataBytes / byteRate) * 1000 : null;
}

/** Headerless formats: units (samples or GSM frames) per second, bytes per unit, and the silence byte. */
const RAW_FORMATS: Record<string, { perSecond: number; bytes: number; fill: number }> = {
  sln: { perSecond: 8000, bytes: 2, fill: 0 },
  ulaw: { perSecond: 8000, bytes: 1, fill: 0xff },
  alaw: { perSecond: 8000, bytes: 1, fill: 0xd5 },
  gsm: { perSecond: 50, bytes: 33, fill: 0 },
  g722: { perSecond: 8000, bytes: 1, fill: 0 },
};

/** Bytes of non-WAV formats: silence of the right size, so lengths still add up. */
export function rawBytes(format: string, durationMs: number): Buffer {
  const raw = RAW_FORMATS[format];
  if (!raw) return Buffer.alloc(0);
  return Buffer.alloc(Math.round((durationMs / 1000) * raw.perSecond) * raw.bytes, raw.fill);
}

/** Length (ms) of a headerless file, from its size (the inverse of rawBytes); null for other formats. */
export function rawDurationMs(format: string, byteLength: number): number | null {
  const raw = RAW_FORMATS[format];
  return raw ? (Math.floor(byteLength / raw.bytes) / raw.perSecond) * 1000 : null;
}

export const RECORDING_FORMATS = ['wav', 'wav16', 'gsm', 'ulaw', 'alaw', 'sln', 'g722'] as const;

export function encodeRecording(format: string, durationMs: number): Buffer {
  if (format === 'wav') return wavBytes(durationMs, 8000);
  if (format === 'wav16') return wavBytes(durationMs, 16000);
  return rawBytes(format, durationMs);
}

/** Length (ms) of a file written by encodeRecording in that format; null when it cannot tell. */
export function recordingDurationMs(format: string, buf: Buffer): number | null {
  return format === 'wav' || format === 'wav16' ? wavDurationMs(buf) : rawDurationMs(format, buf.length);
}
