// JavaScript regular expressions of the engine written for RE2, the regex library BigQuery and DuckDB share.
// RE2 has no look-around and no back-references: patterns using them are rewritten where they are used.

/** An engine pattern's source in RE2 syntax: \uXXXX escapes and non-ASCII characters become \x{...}. */
export function re2(source: string): string {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const char = source[i] as string;
    if (char === '\\') {
      const next = source[i + 1] ?? '';
      if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(source.slice(i + 2, i + 6))) {
        out += `\\x{${source.slice(i + 2, i + 6).toLowerCase()}}`;
        i += 5;
      } else {
        out += char + next;
        i += 1;
      }
      continue;
    }
    const code = source.codePointAt(i) ?? 0;
    if (code > 0x7f) {
      out += `\\x{${code.toString(16)}}`;
      if (code > 0xffff) i += 1;
    } else {
      out += char;
    }
  }
  return out;
}

/**
 * The pattern with only its `keep`-th capturing group (1-based) still capturing, so BigQuery's REGEXP_EXTRACT,
 * which allows one group, can read each group. Which text each group matches does not change.
 */
export function onlyGroup(source: string, keep: number): string {
  let out = '';
  let group = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i] as string;
    if (char === '\\') {
      out += char + (source[i + 1] ?? '');
      i += 1;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      out += char;
      continue;
    }
    if (char === '[') {
      inClass = true;
      // A ']' right after '[' or '[^' is a literal member.
      out += char;
      if (source[i + 1] === '^') out += source[++i];
      if (source[i + 1] === ']') out += source[++i];
      continue;
    }
    if (char === '(' && source[i + 1] !== '?') {
      group += 1;
      out += group === keep ? '(' : '(?:';
      continue;
    }
    out += char;
  }
  if (keep > group) throw new Error(`pattern has ${group} groups, not ${keep}`);
  return out;
}

/** A literal string as an RE2 pattern: ASCII letters and digits as they are, everything else escaped. */
export function literalPattern(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (/[A-Za-z0-9]/.test(char)) out += char;
    else if (code > 0x7f || code < 0x20) out += `\\x{${code.toString(16)}}`;
    else if (char === ' ') out += ' ';
    else out += `\\${char}`;
  }
  return out;
}

/**
 * JavaScript's \s (and what String.prototype.trim removes) as RE2 class members: RE2's own \s is ASCII only.
 */
export const JS_SPACE =
  '\\t\\n\\x{b}\\f\\r \\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}';
