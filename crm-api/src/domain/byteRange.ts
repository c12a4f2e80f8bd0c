/**
 * One HTTP byte range (RFC 9110 §14) against a file of `size` bytes: `bytes=a-b`, `bytes=a-`
 * or a suffix `bytes=-n`. Several ranges are answered with the whole file (allowed; players ask
 * for one). `none`: no usable Range header (serve 200); `unsatisfiable`: 416.
 */
export type ByteRange = { kind: 'none' } | { kind: 'unsatisfiable' } | { kind: 'range'; start: number; end: number };

export function byteRangeOf(header: string | undefined, size: number): ByteRange {
  if (!header) return { kind: 'none' };
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  // A malformed or multi-range header is ignored: the whole file is a valid answer to it.
  if (!m || (m[1] === '' && m[2] === '')) return { kind: 'none' };
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'range', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || start > end) return { kind: 'unsatisfiable' };
  return { kind: 'range', start, end };
}
