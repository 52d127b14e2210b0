// The engine's NFKC as a table of characters, for SQL engines without an NFKC function (DuckDB has only NFC).
// Built from String.prototype.normalize, so it is the engine's own mapping, character by character.

/**
 * Every character whose NFKC form differs from its NFC form, split into one-to-one mappings (full-width
 * letters, compatibility spaces) and one-to-many (ligatures, fractions, squared words). NFC of the text with
 * each character replaced by its own NFKC form equals NFKC of the whole text: NFD of both is the same
 * canonically ordered sequence, so composing it gives the same string.
 */
export interface NfkcTable {
  /** Characters mapped to one character, and their images at the same positions (code points). */
  singleFrom: string;
  singleTo: string;
  /** Characters mapped to several characters, and their images. */
  multiFrom: string[];
  multiTo: string[];
}

let built: NfkcTable | null = null;

export function nfkcTable(): NfkcTable {
  if (built) return built;
  const singleFrom: string[] = [];
  const singleTo: string[] = [];
  const multiFrom: string[] = [];
  const multiTo: string[] = [];
  // Below U+00A0 NFKC changes nothing.
  for (let code = 0xa0; code <= 0x10ffff; code++) {
    if (code >= 0xd800 && code <= 0xdfff) continue;
    const char = String.fromCodePoint(code);
    const compatible = char.normalize('NFKC');
    if (compatible === char.normalize('NFC')) continue;
    if ([...compatible].length === 1) {
      singleFrom.push(char);
      singleTo.push(compatible);
    } else {
      multiFrom.push(char);
      multiTo.push(compatible);
    }
  }
  built = { singleFrom: singleFrom.join(''), singleTo: singleTo.join(''), multiFrom, multiTo };
  return built;
}
