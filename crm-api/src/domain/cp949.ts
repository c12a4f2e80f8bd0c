import type { Cp949Decoder } from '@cc1357/contracts';
import iconv from 'iconv-lite';

/**
 * CP949 as Korean Excel writes it, all of it. Node's TextDecoder('euc-kr') uses ICU's table,
 * which misreads the extended syllables (갡, 똠, … 8,822 of them) that browsers and Excel read
 * fine; iconv-lite's cp949 table is complete. It marks bytes it cannot read with U+FFFD, which
 * no CP949 byte sequence stands for, so one of them means "this is not CP949".
 */
export const decodeCp949: Cp949Decoder = (bytes) => {
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'cp949', {
    stripBOM: false,
  });
  return text.includes('\uFFFD') ? null : text;
};
