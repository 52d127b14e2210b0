// Bytes of a CSV file -> text: UTF-8 (with or without BOM), UTF-16 LE/BE, or Windows-1252, detected.
//
// Why these: Excel's "CSV UTF-8" writes a UTF-8 BOM, its "Unicode Text" writes UTF-16 LE with a BOM (tab
// separated), and its plain "CSV" writes the Windows ANSI code page (Windows-1252 in Western locales).
// Salesforce report exports take the encoding as a setting (enc=UTF-8 or ISO-8859-1 in the export URL that
// CPAN's WWW::Salesforce::Report documents); WHATWG decoders read ISO-8859-1 as Windows-1252, a superset.
import { isUtf8 } from 'node:buffer';

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: CsvEncoding;
  /** The file started with a byte-order mark (it is not part of `text`). */
  bom: boolean;
}

/** Thrown for bytes that are not a CSV file at all; the reader turns it into an input error. */
export class NotTextError extends Error {}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((byte, index) => bytes[index] === byte);
}

/**
 * UTF-16 without a byte-order mark: in text that is mostly ASCII, every other byte is zero. Returns the
 * byte order when at least 40% of the sampled code units have a zero high byte on one side only.
 */
function bomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const units = Math.min(bytes.length >> 1, 4096);
  if (units < 2) return null;
  let zeroHigh = 0;
  let zeroLow = 0;
  for (let unit = 0; unit < units; unit++) {
    const first = bytes[unit * 2];
    const second = bytes[unit * 2 + 1];
    if (first !== 0 && second === 0) zeroHigh++;
    else if (first === 0 && second !== 0) zeroLow++;
  }
  if (zeroHigh >= units * 0.4 && zeroLow === 0) return 'utf-16le';
  if (zeroLow >= units * 0.4 && zeroHigh === 0) return 'utf-16be';
  return null;
}

/**
 * Windows-1252 is Latin-1 except 0x80-0x9F, which hold € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ
 * (WHATWG Encoding, index-windows-1252; the five unassigned bytes keep their code points). Node's own
 * TextDecoder('windows-1252') decodes these bytes as Latin-1 control characters since 20.18.3 (nodejs/node
 * issues 56542 and 60888), so the table is here.
 */
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
  0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0x9d, 0x17e, 0x178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\u0080-\u009f]/g, (char) =>
      String.fromCharCode(WINDOWS_1252_HIGH[char.charCodeAt(0) - 0x80] ?? 0xfffd),
    );
}

function decodeWith(encoding: 'utf-8' | 'utf-16le' | 'utf-16be', bytes: Uint8Array): string {
  // Buffer's UTF-8 decoder is several times faster than TextDecoder's on large files.
  if (encoding === 'utf-8')
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  return new TextDecoder(encoding).decode(bytes);
}

/** Detects the encoding of `bytes` and decodes them; the byte-order mark is removed. */
export function decodeCsvBytes(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, ZIP_MAGIC) || startsWith(bytes, OLE_MAGIC))
    throw new NotTextError(
      'this is a spreadsheet workbook (.xlsx or .xls), not a CSV file: save it as CSV first',
    );
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: decodeWith('utf-8', bytes.subarray(3)), encoding: 'utf-8', bom: true };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: decodeWith('utf-16le', bytes.subarray(2)), encoding: 'utf-16le', bom: true };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: decodeWith('utf-16be', bytes.subarray(2)), encoding: 'utf-16be', bom: true };
  const utf16 = bomlessUtf16(bytes);
  if (utf16) return { text: decodeWith(utf16, bytes), encoding: utf16, bom: false };
  if (bytes.includes(0)) throw new NotTextError('this file holds binary data (zero bytes), not CSV text');
  if (isUtf8(bytes)) return { text: decodeWith('utf-8', bytes), encoding: 'utf-8', bom: false };
  // Not valid UTF-8: every byte is a character in Windows-1252.
  return { text: decodeWindows1252(bytes), encoding: 'windows-1252', bom: false };
}
