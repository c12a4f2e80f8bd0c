/**
 * The length of a RIFF/WAVE recording from its header: the `data` chunk's size over the `fmt `
 * chunk's byte rate. Walks the chunks (Asterisk writes only fmt and data, other tools add LIST
 * or fact chunks before data). Null when the bytes are not a WAV file we can measure.
 */
export function wavDurationMs(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.byteLength < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') return null;
  let byteRate: number | null = null;
  for (let at = 12; at + 8 <= bytes.byteLength;) {
    const id = tag(at);
    const size = view.getUint32(at + 4, true);
    if (id === 'fmt ' && at + 20 <= bytes.byteLength) byteRate = view.getUint32(at + 16, true);
    if (id === 'data') {
      if (!byteRate) return null;
      // A writer that crashed may leave a data size larger than the file: measure what is there.
      const present = Math.min(size, bytes.byteLength - (at + 8));
      return Math.round((present / byteRate) * 1000);
    }
    at += 8 + size + (size % 2); // chunks are word aligned
  }
  return null;
}
