import { IMPORT_COLUMNS, IMPORT_EXAMPLES, ImportReport, type ImportKind } from '@cc1357/contracts';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestCrm, makeUser, regNo, startTestCrm, tokenFor } from '../support/server';

/**
 * Generated CSV files through a real crm-api import (csv-parse, the row validators, PostgreSQL):
 * cells that are right, nearly right or anything; quoting, CRLF, a BOM or CP949; now and then a
 * ragged row, a missing column or plain garbage bytes. Every file gets a 400 with a message, or a
 * report where nothing is lost: every data row written is accepted, unchanged or rejected.
 */

const KINDS: ImportKind[] = ['companies', 'support-history'];

/** Cells near the example row's: the example itself, a valid variant, a near miss, anything. */
function cellOf(kind: ImportKind, col: number): fc.Arbitrary<string> {
  const example = IMPORT_EXAMPLES[kind][col]!;
  const column = IMPORT_COLUMNS[kind][col]!;
  const variants: Record<string, fc.Arbitrary<string>> = {
    bizRegNo: fc.integer({ min: 1, max: 40 }).map(regNo),
    employees: fc.integer({ min: -3, max: 5000 }).map(String),
    year: fc.integer({ min: 1985, max: 2105 }).map(String),
    amount: fc.oneof(
      fc.nat().map(String),
      fc.nat().map((n) => n.toLocaleString('en-US')),
    ),
    foundedOn: fc.constantFrom('2015-04-01', '2024-02-29', '2023-02-29', '2015/04/01', '20150401'),
  };
  return fc.oneof(
    { weight: 5, arbitrary: fc.constant(example) },
    { weight: 3, arbitrary: variants[column] ?? fc.constant(example) },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', `${example} `, `"${example}"`, example.slice(1), '똠', '\t') },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  );
}

const quote = (c: string) => (/[",\r\n]/.test(c) || c !== c.trim() ? `"${c.replace(/"/g, '""')}"` : c);

interface File {
  kind: ImportKind;
  rows: string[][];
  header: readonly string[];
  eol: string;
  encoding: 'utf-8' | 'utf-8-bom' | 'cp949';
  garbage: Uint8Array | null;
  /** A column the import does not know (or a duplicate of one it does), with its cell per row. */
  extra: { name: string; cells: string[] } | null;
}

const file: fc.Arbitrary<File> = fc.constantFrom(...KINDS).chain((kind) => {
  const columns = IMPORT_COLUMNS[kind];
  const row = fc.tuple(...columns.map((_c, i) => cellOf(kind, i)));
  return fc.record({
    kind: fc.constant(kind),
    rows: fc.array(row, { minLength: 0, maxLength: 12 }),
    // Mostly the full header (in a shuffled order now and then); sometimes a column short.
    header: fc.oneof(
      { weight: 6, arbitrary: fc.constant([...columns]) },
      { weight: 2, arbitrary: fc.shuffledSubarray([...columns], { minLength: columns.length }) },
      { weight: 1, arbitrary: fc.shuffledSubarray([...columns], { minLength: 1 }) },
    ),
    eol: fc.constantFrom('\n', '\r\n'),
    encoding: fc.constantFrom('utf-8' as const, 'utf-8-bom' as const, 'cp949' as const),
    garbage: fc.oneof({ weight: 9, arbitrary: fc.constant(null) }, fc.uint8Array({ maxLength: 200 })),
    extra: fc.option(
      fc.record({
        name: fc.constantFrom('__proto__', 'constructor', '비고', 'note', '', columns[0]!, '상호'),
        cells: fc.array(fc.string({ maxLength: 8 }), { minLength: 12, maxLength: 12 }),
      }),
      { freq: 4 },
    ),
  });
});

/** The file's bytes and how many data rows it holds (rows are written in `header`'s order). */
function bytesOf(f: File): { bytes: Uint8Array; dataRows: number } {
  if (f.garbage) return { bytes: f.garbage, dataRows: -1 };
  const columns = IMPORT_COLUMNS[f.kind];
  const extra = f.extra;
  const lines = [
    [...f.header, ...(extra ? [quote(extra.name)] : [])].join(','),
    ...f.rows.map((r, i) =>
      [...f.header.map((h) => quote(r[columns.indexOf(h)]!)), ...(extra ? [quote(extra.cells[i]!)] : [])].join(','),
    ),
  ];
  const text = lines.join(f.eol) + f.eol;
  // A one-column file's blank cell is a blank line, which the parser skips like any blank line.
  const dataRows = f.rows.filter(
    (r) => f.header.length + (extra ? 1 : 0) > 1 || r[columns.indexOf(f.header[0]!)]!.trim() !== '',
  ).length;
  if (f.encoding === 'cp949') return { bytes: iconv.encode(text, 'cp949'), dataRows };
  const utf8 = Buffer.from(text);
  return {
    bytes: f.encoding === 'utf-8-bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]) : utf8,
    dataRows,
  };
}

describe('CSV imports under generated files (real crm-api)', () => {
  let crm: TestCrm;
  let admin: string;
  beforeAll(async () => {
    crm = await startTestCrm();
    admin = await tokenFor('admin', await makeUser(crm.db, { username: 'fuzz-admin', role: 'admin' }));
  });
  afterAll(async () => crm?.close());

  it('a 400 with a message, or a report that loses no row', async () => {
    const seen = { reports: 0, refused: 0, rejectedRows: 0, acceptedRows: 0 };
    await fc.assert(
      fc.asyncProperty(file, async (f) => {
        const { bytes, dataRows } = bytesOf(f);
        const res = await fetch(`${crm.api.url}/api/imports/${f.kind}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv' },
          body: bytes,
        });
        const body = (await res.json()) as { error?: { message: string } };
        expect(res.status, JSON.stringify(body)).toBeLessThan(500);
        if (res.status !== 200) {
          seen.refused += 1;
          expect(res.status).toBe(400);
          expect(body.error!.message.length).toBeGreaterThan(0);
          return;
        }
        seen.reports += 1;
        const report = ImportReport.parse(body);
        // Nothing lost: every row read is accepted, unchanged (already stored) or rejected with reasons.
        expect(report.accepted + report.unchanged + report.rejected.length).toBe(report.total);
        expect(report.inserted + report.updated).toBe(report.accepted);
        if (dataRows >= 0) expect(report.total).toBe(dataRows);
        for (const r of report.rejected) expect(r.reasons.length).toBeGreaterThan(0);
        seen.rejectedRows += report.rejected.length;
        seen.acceptedRows += report.accepted + report.unchanged;
      }),
      { numRuns: 200 },
    );
    // The files exercised every outcome: refused files, refused rows and stored rows.
    expect(seen.refused).toBeGreaterThan(0);
    expect(seen.rejectedRows).toBeGreaterThan(0);
    expect(seen.acceptedRows).toBeGreaterThan(0);
  });
});
