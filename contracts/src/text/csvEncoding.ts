/**
 * The text of an uploaded CSV, whatever Korean Excel saved it as: UTF-8 with or without a BOM
 * ("CSV UTF-8"), or CP949 / EUC-KR (Excel's plain "CSV" on a Korean Windows). Decoding is
 * strict (the WHATWG TextDecoder with `fatal`, in browsers and Node alike; its `euc-kr` is
 * CP949): bytes that are valid in neither are refused, never stored as mojibake. crm-api
 * decodes uploads with it and the console checks a file with it before sending.
 */

export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'cp949';
export type DecodedCsv = { ok: true; text: string; encoding: CsvEncoding } | { ok: false; reason: string };

/**
 * Control characters other than tab, CR and LF: a binary file (a .xlsx renamed .csv) decodes to
 * them. C1 controls (U+0080–U+009F) too: Node's `euc-kr` decoder (ICU's, not the WHATWG index)
 * turns CP949's extended syllables (갡, 똠, …: lead byte 0x81–0xC6) into a C1 control plus a
 * letter instead of throwing, so such a file is refused here rather than stored as mojibake.
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

export function decodeCsvBytes(bytes: Uint8Array): DecodedCsv {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: false, reason: `UTF-16 파일입니다. ${REFUSED}` };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: false, reason: `UTF-16 파일입니다. ${REFUSED}` };
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    return {
      ok: false,
      reason: '엑셀 통합 문서(.xlsx)입니다. 엑셀에서 "다른 이름으로 저장 → CSV UTF-8(쉼표로 분리)"로 저장해 올리세요.',
    };
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const decoded = decodeText(bytes, bom);
  if (!decoded || BINARY.test(decoded.text)) return { ok: false, reason: REFUSED };
  return { ok: true, ...decoded };
}

/** UTF-8 first (a BOM says so outright); CP949 only for a file without a BOM that is not UTF-8. */
function decodeText(bytes: Uint8Array, bom: boolean): { text: string; encoding: CsvEncoding } | null {
  const utf8 = strict('utf-8', bom ? bytes.subarray(3) : bytes);
  if (utf8 !== null) return { text: utf8, encoding: bom ? 'utf-8-bom' : 'utf-8' };
  if (bom) return null;
  const cp949 = strict('euc-kr', bytes);
  return cp949 === null ? null : { text: cp949, encoding: 'cp949' };
}
