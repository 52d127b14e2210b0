// E-mail helpers for fit rules: the domain of an address, domain-list matching, personal (consumer) domains.

/**
 * Consumer mailbox providers: an address here is a person, not a company. Only free or personal
 * services; company and university domains belong in a model's own lists.
 */
export const PERSONAL_EMAIL_DOMAINS: readonly string[] = [
  // Google
  'gmail.com',
  'googlemail.com',
  // Yahoo
  'yahoo.com',
  'yahoo.co.uk',
  'yahoo.co.in',
  'yahoo.co.jp',
  'yahoo.com.br',
  'yahoo.com.au',
  'yahoo.com.mx',
  'yahoo.com.ar',
  'yahoo.ca',
  'yahoo.fr',
  'yahoo.de',
  'yahoo.es',
  'yahoo.it',
  'ymail.com',
  'rocketmail.com',
  // Microsoft
  'hotmail.com',
  'hotmail.co.uk',
  'hotmail.fr',
  'hotmail.de',
  'hotmail.it',
  'hotmail.es',
  'hotmail.com.br',
  'outlook.com',
  'outlook.fr',
  'outlook.de',
  'outlook.es',
  'live.com',
  'live.co.uk',
  'live.fr',
  'live.de',
  'live.it',
  'live.ca',
  'msn.com',
  'passport.com',
  // AOL / Verizon
  'aol.com',
  'aim.com',
  'verizon.net',
  // Apple
  'icloud.com',
  'me.com',
  'mac.com',
  // Privacy-focused and independent
  'proton.me',
  'protonmail.com',
  'protonmail.ch',
  'pm.me',
  'tutanota.com',
  'tutanota.de',
  'tuta.io',
  'tutamail.com',
  'hey.com',
  'fastmail.com',
  'fastmail.fm',
  'hushmail.com',
  'mailfence.com',
  'posteo.de',
  'runbox.com',
  'zoho.com',
  'zohomail.com',
  'yandex.com',
  'yandex.ru',
  'ya.ru',
  'mail.com',
  'email.com',
  'inbox.com',
  'gmx.com',
  'gmx.net',
  'gmx.de',
  'gmx.at',
  'gmx.ch',
  'gmx.fr',
  'gmx.co.uk',
  'web.de',
  't-online.de',
  'freenet.de',
  'mail.ru',
  'inbox.ru',
  'list.ru',
  'bk.ru',
  'rambler.ru',
  'orange.fr',
  'wanadoo.fr',
  'free.fr',
  'laposte.net',
  'sfr.fr',
  'libero.it',
  'virgilio.it',
  'tiscali.it',
  'btinternet.com',
  'sky.com',
  'virginmedia.com',
  'ntlworld.com',
  'comcast.net',
  'att.net',
  'sbcglobal.net',
  'bellsouth.net',
  'cox.net',
  'charter.net',
  'earthlink.net',
  'optonline.net',
  'shaw.ca',
  'rogers.com',
  'sympatico.ca',
  'bigpond.com',
  'optusnet.com.au',
  'xtra.co.nz',
  'uol.com.br',
  'bol.com.br',
  'terra.com.br',
  'ig.com.br',
  'qq.com',
  'foxmail.com',
  '163.com',
  '126.com',
  'yeah.net',
  'sina.com',
  'sohu.com',
  'naver.com',
  'daum.net',
  'hanmail.net',
  'rediffmail.com',
  'seznam.cz',
  'wp.pl',
  'o2.pl',
  'interia.pl',
  'onet.pl',
];

const BUILT_IN: ReadonlySet<string> = new Set(PERSONAL_EMAIL_DOMAINS);

/** One DNS label: letters (any script), digits and inner hyphens, at most 63 characters. */
const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;
const LOCAL_PART = /^[^\s@<>()[\\\],;:"]+$/;
const MAILTO = /^mailto:/i;
const NON_ASCII = /[\u0080-\uffff]/;
const ADDRESS_SEPARATORS = /[\s,;]+/;

/** A domain as written in a list or a cell, compared form: trimmed, lower-case, no leading '@' or '.', no trailing '.'. */
export function normaliseDomain(domain: string): string {
  let text = domain.trim().toLowerCase();
  while (text.startsWith('@') || text.startsWith('.')) text = text.slice(1);
  while (text.endsWith('.')) text = text.slice(0, -1);
  return text;
}

function isValidDomain(domain: string): boolean {
  if (domain.length < 3 || domain.length > 253) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  for (const label of labels) if (!LABEL.test(label)) return false;
  // A top-level domain is never all digits, so "10.0.0.1" is not a mail domain here.
  return !/^\d+$/.test(labels[labels.length - 1] ?? '');
}

/**
 * The lower-case domain of an e-mail cell: "Jane Doe <Jane@Acme.COM>", " jane@acme.com ",
 * "mailto:jane@acme.com", the first of "a@x.com; b@y.com". Null when the cell holds no valid address.
 */
export function emailDomain(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  // Full-width forms ("＠", "ａｃｍｅ") become ASCII; pure-ASCII cells skip the work.
  let text = (NON_ASCII.test(value) ? value.normalize('NFKC') : value).trim();
  if (text.length < 5 || text.length > 512) return null;
  const open = text.indexOf('<');
  if (open >= 0) {
    const close = text.indexOf('>', open + 1);
    if (close < 0) return null;
    text = text.slice(open + 1, close).trim();
  }
  if (MAILTO.test(text)) text = text.slice(7);
  if (/[\s,;]/.test(text)) {
    // Several addresses or a trailing comment: use the first token that holds an '@'.
    const token = text.split(ADDRESS_SEPARATORS).find((part) => part.includes('@'));
    if (token === undefined) return null;
    text = token;
  }
  const at = text.lastIndexOf('@');
  if (at <= 0) return null;
  if (!LOCAL_PART.test(text.slice(0, at))) return null;
  const tail = text.slice(at + 1);
  const raw = (NON_ASCII.test(tail) ? tail.normalize('NFKC') : tail).toLowerCase();
  const domain = raw.endsWith('.') ? raw.slice(0, -1) : raw;
  return isValidDomainCached(domain) ? domain : null;
}

/** Characters that send an address down emailDomain's careful path: < > ( ) [ ] \ , ; : " */
function isSpecialAddressChar(code: number): boolean {
  return (
    code === 60 ||
    code === 62 ||
    code === 40 ||
    code === 41 ||
    code === 91 ||
    code === 93 ||
    code === 92 ||
    code === 44 ||
    code === 59 ||
    code === 58 ||
    code === 34
  );
}

/**
 * The raw text after the '@' of a plain address ("jane@Acme.com" gives "Acme.com"): printable ASCII, no
 * spaces, one '@', nothing emailDomain would treat specially. Null for anything else. For a plain
 * address, emailDomain's answer depends on this text alone, so callers may remember answers by it.
 */
export function plainAddressTail(value: unknown): string | null {
  if (typeof value !== 'string' || value.length < 5 || value.length > 512) return null;
  let at = -1;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    // Lower-case letters, digits and '.' first: they are nearly every character of an address.
    if ((code >= 97 && code <= 122) || (code >= 46 && code <= 57 && code !== 47)) continue;
    if (code <= 32 || code >= 127 || isSpecialAddressChar(code)) return null;
    if (code === 64) {
      if (at >= 0) return null;
      at = i;
    }
  }
  return at > 0 ? value.slice(at + 1) : null;
}

/** Addresses are unique per lead but their domains repeat, so the label checks are remembered per domain. */
const DOMAIN_MEMO_LIMIT = 4096;
const validDomains = new Map<string, boolean>();
function isValidDomainCached(domain: string): boolean {
  let valid = validDomains.get(domain);
  if (valid === undefined) {
    valid = isValidDomain(domain);
    if (validDomains.size < DOMAIN_MEMO_LIMIT) validDomains.set(domain, valid);
  }
  return valid;
}

/**
 * True when `domain` is `listed` or one of its subdomains: ('cs.stanford.edu', 'stanford.edu') and
 * ('cs.stanford.edu', '.edu') match, ('notstanford.edu', 'stanford.edu') does not. Case-insensitive;
 * `listed` may be written "@acme.com" or ".acme.com".
 */
export function domainMatches(domain: string, listed: string): boolean {
  const target = normaliseDomain(listed);
  if (target === '') return false;
  const candidate = normaliseDomain(domain);
  if (candidate.length === target.length) return candidate === target;
  return (
    candidate.length > target.length &&
    candidate.endsWith(target) &&
    candidate.charCodeAt(candidate.length - target.length - 1) === 46 // '.'
  );
}

/** Normalised set of extra personal domains for isPersonalDomain (accepts "@example.com"). */
export function personalDomainSet(extra: readonly string[]): ReadonlySet<string> {
  const set = new Set<string>();
  for (const domain of extra) {
    const text = normaliseDomain(domain);
    if (text !== '') set.add(text);
  }
  return set;
}

/**
 * True for a consumer mailbox domain (built-in list or `extra`), including its subdomains
 * ("mail.yahoo.co.uk"). Entries of `extra` are compared lower-case; a leading '@' is tolerated.
 */
export function isPersonalDomain(domain: string, extra?: ReadonlySet<string>): boolean {
  let candidate = normaliseDomain(domain);
  const hasExtra = extra !== undefined && extra.size > 0;
  while (candidate.length > 0) {
    if (BUILT_IN.has(candidate)) return true;
    if (hasExtra && (extra.has(candidate) || extra.has(`@${candidate}`))) return true;
    const dot = candidate.indexOf('.');
    if (dot < 0) return false;
    candidate = candidate.slice(dot + 1);
  }
  return false;
}
