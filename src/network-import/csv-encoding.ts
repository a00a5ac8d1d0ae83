// The text of an import file, from its bytes: UTF-8 when they are UTF-8 (a strict decode, which
// fails on the first byte that is not), else GB18030 — what Excel and WPS write for "CSV" on a
// Chinese system; GB18030 is a superset of GBK and GB2312, so it reads all three. Anything else
// is refused with the encoding named, never read as U+FFFD garbage. The importNetwork mutation
// receives text, already decoded by its client: csv-reading.ts refuses the U+FFFD a wrong
// decoding leaves there.
import iconv from 'iconv-lite';

export type ImportEncoding = 'UTF-8' | 'GB18030';

export interface ImportText {
  text: string;
  encoding: ImportEncoding;
}

const UTF16_BOMS = [
  [0xff, 0xfe],
  [0xfe, 0xff],
];

export function decodeImportFile(bytes: Buffer): ImportText {
  if (UTF16_BOMS.some(([a, b]) => bytes[0] === a && bytes[1] === b))
    throw new Error(
      'the file is UTF-16 ("Unicode text"), not CSV: save it as "CSV UTF-8" (or CSV) and import that',
    );
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    // not UTF-8: try the Chinese spreadsheets' encoding
  }
  const text = iconv.decode(bytes, 'gb18030');
  if (text.includes('\uFFFD'))
    throw new Error(
      'the file is neither UTF-8 nor GB18030/GBK text (the encodings an import reads): save it as "CSV UTF-8" and import that',
    );
  return { text, encoding: 'GB18030' };
}
