import { describe, expect, it } from 'vitest';
import { decodeCsvBytes } from '../src/text/csvEncoding';

/** The bytes Korean Excel writes, spelled out: the WHATWG decoders must agree in Node and browsers. */
const utf8 = (text: string) => new TextEncoder().encode(text);
// "사업자,정우" in CP949 (KS X 1001 code points: 사 BBE7, 업 BEF7, 자 C0DA, 정 C1A4, 우 BFEC).
const CP949 = Uint8Array.from([0xbb, 0xe7, 0xbe, 0xf7, 0xc0, 0xda, 0x2c, 0xc1, 0xa4, 0xbf, 0xec]);

describe('decodeCsvBytes', () => {
  it.each([
    ['UTF-8', utf8('사업자,정우'), 'utf-8'],
    ['UTF-8 with BOM', Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('사업자,정우')]), 'utf-8-bom'],
    ['CP949', CP949, 'cp949'],
    ['plain ASCII', utf8('bizRegNo,name\r\n'), 'utf-8'],
  ])('%s → the same Korean text', (_what, bytes, encoding) => {
    const decoded = decodeCsvBytes(bytes);
    expect(decoded).toMatchObject({ ok: true, encoding });
    if (_what !== 'plain ASCII') expect(decoded.ok && decoded.text).toBe('사업자,정우');
  });

  it.each([
    ['UTF-16 LE with BOM', Uint8Array.from([0xff, 0xfe, 0x41, 0x00]), 'UTF-16'],
    ['an .xlsx (zip)', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), '.xlsx'],
    ['bytes valid in neither', Uint8Array.from([0x41, 0x80, 0xff, 0x42]), 'CSV UTF-8'],
    ['control characters (binary)', Uint8Array.from([0x41, 0x00, 0x01, 0x42]), 'CSV UTF-8'],
    ['a BOM then invalid UTF-8', Uint8Array.from([0xef, 0xbb, 0xbf, 0xbb, 0xe7]), 'CSV UTF-8'],
  ])('%s is refused, saying how to save the file', (_what, bytes, hint) => {
    const decoded = decodeCsvBytes(bytes);
    expect(decoded.ok).toBe(false);
    expect(!decoded.ok && decoded.reason).toContain(hint);
  });
});
