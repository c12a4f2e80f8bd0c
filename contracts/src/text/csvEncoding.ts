/**
 * The text of an uploaded CSV, whatever Korean Excel saved it as: UTF-8 with or without a BOM
 * ("CSV UTF-8"), or CP949 / EUC-KR (Excel's plain "CSV" on a Korean Windows). Decoding is
 * strict (the WHATWG TextDecoder with `fatal`, in browsers and Node alike; its `euc-kr` is
 * CP949): bytes that are valid in neither are refused, never stored as mojibake. crm-api
 * decodes uploads with it and the console checks a file with it before sending.
 *
 * Browsers' `euc-kr` is the whole of CP949; Node's is not (ICU's table misreads the 8,822
 * extended syllables such as 갡 and 똠), so crm-api passes its own CP949 decoder and both sides
 * read the same file the same way.
 */

export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'cp949';
export type DecodedCsv = { ok: true; text: string; encoding: CsvEncoding } | { ok: false; reason: string };
/** Strict CP949 decoding: the text, or null when the bytes are not CP949. */
export type Cp949Decoder = (bytes: Uint8Array) => string | null;

/**
 * Control characters other than tab, CR and LF: a binary file (a .xlsx renamed .csv) decodes to
 * them. C1 controls (U+0080–U+009F) too: no Korean spreadsheet holds them, and a decoder that
 * misreads a byte pair (Node's own `euc-kr`, see above) can produce them.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's job
const BINARY = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

const REFUSED =
  '파일의 문자 인코딩을 알 수 없습니다. 엑셀에서 "CSV UTF-8(쉼표로 분리)" 또는 "CSV(쉼표로 분리)"로 다시 저장하세요.';

function strict(label: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

const whatwgCp949: Cp949Decoder = (bytes) => strict('euc-kr', bytes);

export function decodeCsvBytes(bytes: Uint8Array, cp949: Cp949Decoder = whatwgCp949): DecodedCsv {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: false, reason: `UTF-16 파일입니다. ${REFUSED}` };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: false, reason: `UTF-16 파일입니다. ${REFUSED}` };
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    return {
      ok: false,
      reason: '엑셀 통합 문서(.xlsx)입니다. 엑셀에서 "다른 이름으로 저장 → CSV UTF-8(쉼표로 분리)"로 저장해 올리세요.',
    };
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const decoded = decodeText(bytes, bom, cp949);
  if (!decoded || BINARY.test(decoded.text)) return { ok: false, reason: REFUSED };
  return { ok: true, ...decoded };
}

/** UTF-8 first (a BOM says so outright); CP949 only for a file without a BOM that is not UTF-8. */
function decodeText(
  bytes: Uint8Array,
  bom: boolean,
  decodeCp949: Cp949Decoder,
): { text: string; encoding: CsvEncoding } | null {
  const utf8 = strict('utf-8', bom ? bytes.subarray(3) : bytes);
  if (utf8 !== null) return { text: utf8, encoding: bom ? 'utf-8-bom' : 'utf-8' };
  if (bom) return null;
  const cp949 = decodeCp949(bytes);
  return cp949 === null ? null : { text: cp949, encoding: 'cp949' };
}
