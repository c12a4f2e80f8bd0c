import { decodeCsvBytes } from '@cc1357/contracts';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeCp949 } from '../../src/domain/cp949';
import { validateCompanyRow, validateSupportRow } from '../../src/domain/importRows';

/**
 * The pure half of a CSV import: the bytes' encoding (contracts' decodeCsvBytes, which crm-api
 * and the console both use) and the row validators. Any bytes decode or are refused with a
 * reason; Korean text saved as UTF-8 (with or without BOM) or CP949 comes back as itself; any
 * row gives a value or its reasons, never a throw.
 */

/** Text as a Korean spreadsheet holds it: Hangul syllables, ASCII, commas, quotes, line ends. */
const hangul = fc.integer({ min: 0xac00, max: 0xd7a3 }).map((c) => String.fromCharCode(c));
const cellChar = fc.oneof(
  { weight: 4, arbitrary: hangul },
  { weight: 3, arbitrary: fc.constantFrom(...'abcXYZ0123456789 -()/.,"\t\r\n') },
  { weight: 1, arbitrary: fc.constantFrom('·', '㈜', '–', '①', 'é') },
);
const koreanText = fc.array(cellChar, { minLength: 1, maxLength: 40 }).map((cs) => cs.join(''));

/** A Hangul syllable CP949 has only in its extension (UHC), not in KS X 1001 (lead 0xB0–0xC8, trail ≥ 0xA1). */
function extendedCp949(ch: string): boolean {
  const code = ch.charCodeAt(0);
  if (code < 0xac00 || code > 0xd7a3) return false;
  const [lead, trail] = iconv.encode(ch, 'cp949');
  return !(lead! >= 0xb0 && lead! <= 0xc8 && trail! >= 0xa1);
}

function validUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

describe('CSV bytes under generated input', () => {
  it('any bytes: decoded text without control characters, or a reason', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }),
          // Bytes that look like each encoding's start, then anything.
          fc
            .tuple(
              fc.constantFrom([0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [0x50, 0x4b, 0x03, 0x04], []),
              fc.uint8Array({ maxLength: 200 }),
            )
            .map(([head, tail]) => Uint8Array.from([...head, ...tail])),
        ),
        (bytes) => {
          const decoded = decodeCsvBytes(bytes, decodeCp949);
          if (decoded.ok) {
            // eslint-disable-next-line no-control-regex -- checking that no control character got through
            expect(decoded.text).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/);
            expect(['utf-8', 'utf-8-bom', 'cp949']).toContain(decoded.encoding);
          } else expect(decoded.reason.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('Korean text saved as UTF-8, UTF-8 with BOM or CP949 reads back as itself', () => {
    fc.assert(
      fc.property(koreanText, fc.constantFrom('utf-8', 'utf-8-bom', 'cp949'), (text, encoding) => {
        const bytes =
          encoding === 'cp949'
            ? iconv.encode(text, 'cp949')
            : Buffer.concat([Buffer.from(encoding === 'utf-8-bom' ? [0xef, 0xbb, 0xbf] : []), Buffer.from(text)]);
        // Not every character has a CP949 code (iconv writes '?'): only texts it can hold. And
        // UTF-8 is tried first by design: CP949 bytes that are valid UTF-8 too (a short text of
        // syllables like 쨈 = C2 B4 = '´') read as UTF-8; in a real file some syllable breaks it.
        fc.pre(encoding !== 'cp949' || (iconv.decode(bytes, 'cp949') === text && !validUtf8(bytes)));
        expect(decodeCsvBytes(bytes, decodeCp949)).toMatchObject({ ok: true, text });
      }),
      { numRuns: 5000 },
    );
  });

  it("CP949's extended syllables (갡, 똠, …) read back as themselves, as in a browser", () => {
    // Found by the property above: Node's own euc-kr decoder misreads them, so crm-api decodes
    // CP949 with iconv-lite; before that, such files were refused with the re-save advice.
    const extended = koreanText.filter((t) => [...t].some(extendedCp949));
    fc.assert(
      fc.property(extended, (text) => {
        const bytes = iconv.encode(text, 'cp949');
        fc.pre(iconv.decode(bytes, 'cp949') === text && !validUtf8(bytes));
        expect(decodeCsvBytes(bytes, decodeCp949)).toMatchObject({ ok: true, encoding: 'cp949', text });
      }),
      { numRuns: 2000 },
    );
  });
});

const IMPORT_KEYS = [
  'bizRegNo',
  'name',
  'representative',
  'region',
  'ksicCode',
  'ksicLabel',
  'sizeClass',
  'employees',
  'foundedOn',
  'program',
  'agency',
  'year',
  'amount',
  'status',
];
const cell = fc.oneof(
  koreanText,
  fc.string({ maxLength: 20 }),
  fc.constantFrom(
    '',
    ' ',
    '220-81-62517',
    '2208162517',
    '서울특별시',
    'C26',
    '소기업',
    '12',
    '2015-04-01',
    '2025-02-30',
    '2025',
    '1,000',
    'paid',
    '지급',
    '-1',
    '1e3',
    '__proto__',
  ),
);

describe('import rows under generated cells', () => {
  for (const [name, validate] of [
    ['company', validateCompanyRow],
    ['support history', validateSupportRow],
  ] as const) {
    it(`${name} rows: a value or every reason, never a throw`, () => {
      fc.assert(
        fc.property(
          fc.dictionary(fc.constantFrom(...IMPORT_KEYS, 'extra', '__proto__', 'constructor'), cell),
          (raw) => {
            const r = validate(raw);
            if (!r.ok) {
              expect(r.reasons.length).toBeGreaterThan(0);
              for (const reason of r.reasons) expect(reason.length).toBeGreaterThan(0);
            }
          },
        ),
        { numRuns: 3000 },
      );
    });
  }
});
