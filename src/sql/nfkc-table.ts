// The engine's NFKC as a table of characters, for SQL engines without an NFKC function (DuckDB has only NFC).
// Built from String.prototype.normalize, so it is the engine's own mapping, character by character.

/**
 * Every character whose NFKC form differs from its NFC form (full-width letters, compatibility spaces,
 * ligatures, fractions...), with that form. NFC of a text with each character replaced by its own NFKC form
 * equals NFKC of the whole text: NFD of both is the same canonically ordered sequence, so composing it gives
 * the same string.
 */
export interface NfkcTable {
  from: string[];
  to: string[];
  /** The `from` characters as an RE2 class of code point ranges. */
  pattern: string;
}

let built: NfkcTable | null = null;

export function nfkcTable(): NfkcTable {
  if (built) return built;
  const from: string[] = [];
  const to: string[] = [];
  const ranges: [number, number][] = [];
  // Below U+00A0 NFKC changes nothing.
  for (let code = 0xa0; code <= 0x10ffff; code++) {
    if (code >= 0xd800 && code <= 0xdfff) continue;
    const char = String.fromCodePoint(code);
    const compatible = char.normalize('NFKC');
    if (compatible === char.normalize('NFC')) continue;
    from.push(char);
    to.push(compatible);
    const last = ranges[ranges.length - 1];
    if (last && last[1] === code - 1) last[1] = code;
    else ranges.push([code, code]);
  }
  const hex = (code: number) => `\\x{${code.toString(16)}}`;
  const pattern = `[${ranges.map(([low, high]) => (low === high ? hex(low) : `${hex(low)}-${hex(high)}`)).join('')}]`;
  built = { from, to, pattern };
  return built;
}
