// Messy cell text as real exports write it (the forms src/engine/normalise.ts documents, and the odd ones
// around them): numbers, yes/no, dates, e-mail addresses and free text, drawn from a seeded random source.

export type Random = () => number;

export function picker(random: Random) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  return { pick, int, chance: (p: number) => random() < p };
}

const SPACES = [' ', '  ', '\u00a0', '\t', '\u2009', '\u3000', ''];
const MISSING = [
  '',
  '',
  '',
  'N/A',
  'n/a',
  '-',
  '--',
  'Select',
  'null',
  'None',
  '(not set)',
  'TBD',
  '#N/A',
  '#REF!',
  '?',
  ' ',
  '\u00a0',
];

/** Wraps a value in stray spaces, odd case or invisible characters now and then. */
export function smudge(random: Random, text: string): string {
  const { pick, chance } = picker(random);
  let out = text;
  if (chance(0.15)) out = pick(SPACES) + out + pick(SPACES);
  if (chance(0.1)) out = out.toUpperCase();
  if (chance(0.05)) out = out.replace(/ /g, pick(SPACES.slice(0, 6)));
  if (chance(0.03)) out = `${out}\u200b`;
  if (chance(0.02)) out = out.replace(/[a-z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  return out;
}

export function missingCell(random: Random): string {
  return picker(random).pick(MISSING);
}

/** Numbers as exports write them: grouped, currency, percent, ranges, comparators, k/M, odd separators. */
export function numberCell(random: Random, around = 100): string {
  const { pick, int, chance } = picker(random);
  const n = chance(0.5) ? int(0, Math.max(1, around * 3)) : Math.round(random() * around * 300) / 100;
  const big = int(1, 9) * 10 ** int(3, 9) + int(0, 999);
  const grouped = big.toLocaleString('en-US');
  const forms: (() => string)[] = [
    () => String(n),
    () => String(int(0, around * 2)),
    () => String(-n),
    () => `+${n}`,
    () => `${n}.`,
    () => `.${int(0, 99)}`,
    () => `${n}e${int(-3, 3)}`,
    () => `${n}E+2`,
    () => grouped,
    () => big.toLocaleString('de-DE'),
    () => big.toLocaleString('fr-FR'),
    () => big.toLocaleString('de-CH'),
    () => `$${grouped}`,
    () => `$${grouped}.${int(0, 99)}`,
    () => `€${big.toLocaleString('de-DE')},${int(10, 99)}`,
    () => `(${grouped})`,
    () => `$(${int(1, 999)})`,
    () => `-$${int(1, 999)}`,
    () => `$-${int(1, 999)}`,
    () => `${int(1, 999)} USD`,
    () => `USD ${int(1, 999)}`,
    () => `usd${int(1, 999)}`,
    () => `${int(1, 999)}usd`,
    () => `US$${int(1, 999)}`,
    () => `R$ ${int(1, 999)}`,
    () => `£${int(1, 999)}k`,
    () => `${int(1, 99)}%`,
    () => `${int(1, 99)}.${int(0, 9)} %`,
    () => `${int(1, 9)}.${int(1, 9)}k`,
    () => `${int(1, 99)}M`,
    () => `${int(1, 9)} million`,
    () => `${int(1, 9)}bn`,
    () => `${int(1, 999)}mm`,
    () => `${int(1, 50)}-${int(51, 500)}`,
    () => `${int(1, 999).toLocaleString('en-US')}-${int(1000, 9999).toLocaleString('en-US')}`,
    () => `${int(1, 50)} - ${int(51, 500)}`,
    () => `${int(1, 50)} to ${int(51, 500)}`,
    () => `${int(51, 500)}-${int(1, 50)}`,
    () => `${int(1, 50)}\u2013${int(51, 500)}`,
    () => `$1k-$5k`,
    () => `${grouped}+`,
    () => `>${int(1, 999)}`,
    () => `<${int(1, 99)}`,
    () => `>= ${int(1, 999)}`,
    () => `\u2264${int(1, 99)}`,
    () => `~${int(1, 99)}`,
    () => `\u2212${int(1, 99)}`,
    () => `${int(1, 9)},${int(0, 9)}`,
    () => `0,${int(100, 999)}`,
    () => `${int(1, 999)},${int(100, 999)}`,
    () => `${int(1000, 9999)},${int(100, 999)}`,
    () => `1.234.567,89`,
    () => `1,234,56`,
    () => `1.2.3`,
    () => `1'234`,
    () => `1\u2019234.5`,
    () => `1 234 567`,
    () => `12 people`,
    () => `about ${int(1, 99)}`,
    () => `${int(1, 9)} visits`,
    () => `\uff11\uff12\uff13`,
    () => `1e400`,
    () => `-1e400`,
    () => `0e99999999`,
    () => `.`,
    () => `,`,
    () => `$`,
    () => `%`,
    () => `()`,
    () => `(5)%`,
    () => `5%%`,
    () => `krw5`,
    () => `rs.5`,
    () => `rs.x`,
    () => `Rs. 1,200`,
    () => `5 eur`,
    () => `5kusd`,
    () => `5 k`,
    () => `1.5e3k`,
    () => `1,5k`,
    () => `12bn`,
    () => `x`,
    () => `-`,
    () => `--5`,
    () => `+-5`,
    () => `(-5)`,
    () => `-(5)`,
  ];
  return pick(forms)();
}

const TRUE_FORMS = [
  'Yes',
  'yes',
  'Y',
  'y',
  'TRUE',
  'True',
  't',
  '1',
  '1.0',
  'x',
  'X',
  '\u2713',
  '\u2714',
  '\u2611',
  '\u2705',
  'checked',
  'on',
  'Opted in',
  'opt-in',
  'si',
  'sí',
  'Sim',
  'oui',
  'Ja',
];
const FALSE_FORMS = [
  'No',
  'no',
  'N',
  'n',
  'FALSE',
  'false',
  'F',
  '0',
  '0.0',
  'unchecked',
  'off',
  'Opted out',
  'opt out',
  '\u2717',
  '\u2718',
  '\u2610',
  '\u274c',
  'não',
  'nao',
  'non',
  'Nein',
];
const NOT_BOOLEAN = ['maybe', '2', 'yess', 'ye s', 'n o', '0.00', '1.00', 'True!', 'Yes please'];

export function booleanCell(random: Random): string {
  const { pick, chance } = picker(random);
  if (chance(0.1)) return pick(NOT_BOOLEAN);
  return pick(chance(0.5) ? TRUE_FORMS : FALSE_FORMS);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec'];
const LONG_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Mon', 'Tue', 'Wednesday', 'Thu', 'Thurs', 'Fri', 'Saturday', 'Sun'];

/** Dates in the forms the engine reads and near misses; `base` is epoch ms around which they fall. */
export function dateCell(random: Random, base: number): string {
  const { pick, int, chance } = picker(random);
  const time = base + (int(-200, 40) * 86_400_000 + int(0, 86_399) * 1000);
  const date = new Date(time);
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + 1;
  const d = chance(0.03) ? int(29, 32) : date.getUTCDate();
  const hh = date.getUTCHours();
  const mi = date.getUTCMinutes();
  const ss = date.getUTCSeconds();
  const p2 = (v: number) => String(v).padStart(2, '0');
  const h12 = hh % 12 === 0 ? 12 : hh % 12;
  const forms: (() => string)[] = [
    () => `${y}-${p2(m)}-${p2(d)}`,
    () => `${y}-${m}-${d}`,
    () => `${y}/${p2(m)}/${p2(d)}`,
    () => `${y}.${p2(m)}.${p2(d)}`,
    () => `${y}-${p2(m)}/${p2(d)}`,
    () => date.toISOString(),
    () => `${y}-${p2(m)}-${p2(d)}T${p2(hh)}:${p2(mi)}:${p2(ss)}Z`,
    () => `${y}-${p2(m)}-${p2(d)}T${p2(hh)}:${p2(mi)}:${p2(ss)}.${int(0, 999999)}+02:00`,
    () => `${y}-${p2(m)}-${p2(d)} ${p2(hh)}:${p2(mi)}`,
    () => `${y}-${p2(m)}-${p2(d)} ${p2(hh)}:${p2(mi)} UTC`,
    () => `${y}-${p2(m)}-${p2(d)} ${p2(hh)}:${p2(mi)}:${p2(ss)} -0530`,
    () => `${y}-${p2(m)}-${p2(d)} ${p2(hh)}:${p2(mi)}:${p2(ss)} +15`,
    () => `${y}-${p2(m)}-${p2(d)} at ${h12}:${p2(mi)} ${hh < 12 ? 'am' : 'pm'}`,
    () => `${m}/${d}/${y}`,
    () => `${p2(m)}/${p2(d)}/${String(y).slice(2)}`,
    () => `${d}/${m}/${y}`,
    () => `${p2(d)}.${p2(m)}.${y}`,
    () => `${d}-${m}-${y}`,
    () => `${m}/${d}/${y} ${h12}:${p2(mi)} ${hh < 12 ? 'AM' : 'PM'}`,
    () => `${m}/${d}/${y} ${h12}:${p2(mi)} ${hh < 12 ? 'a.m.' : 'p.m.'}`,
    () => `${m}/${d}/${y}, ${p2(hh)}:${p2(mi)}`,
    () => `${m}/${d}/${y} 13:${p2(mi)} pm`,
    () => `${m}/${d}/${y} 24:00`,
    () => `${pick(MONTHS)} ${d}, ${y}`,
    () => `${pick(LONG_MONTHS)} ${d} ${y}`,
    () => `${pick(WEEKDAYS)}, ${pick(LONG_MONTHS)} ${d}, ${y} ${h12}:${p2(mi)} ${hh < 12 ? 'AM' : 'PM'}`,
    () => `${d} ${pick(MONTHS)} ${y}`,
    () => `${d}-${pick(MONTHS)}-${String(y).slice(2)}`,
    () => `${d}th ${pick(LONG_MONTHS)}, ${y}`,
    () => `${pick(WEEKDAYS)} ${d} ${pick(MONTHS)} ${y}`,
    () => `${d}. ${pick(MONTHS)}. ${y}`,
    () => `Foo ${d}, ${y}`,
    () => `${d} Smarch ${y}`,
    () => String(int(40000, 47000)),
    () => `${int(40000, 47000)}.${int(0, 99)}`,
    () => String(Math.floor(time / 1000)),
    () => String(time),
    () => `${y}-13-01`,
    () => `2024-02-29`,
    () => `2023-02-29`,
    () => `1900-02-29`,
    () => `2000-02-29`,
    () => `${y}-${p2(m)}-${p2(d)}T25:00`,
    () => `${y}-${p2(m)}-${p2(d)}T${p2(hh)}:61`,
    () => `${y}-${p2(m)}-${p2(d)}T${p2(hh)}:${p2(mi)}:${p2(ss)},${int(1, 999999999)}`,
    () => `${y}\uff0d${p2(m)}\uff0d${p2(d)}`,
    () => `13/13/${y}`,
    () => `${d}/${m}/${y}x`,
    () => `yesterday`,
    () => `${y}`,
  ];
  return pick(forms)();
}

const PERSONAL = [
  'gmail.com',
  'Yahoo.co.uk',
  'mail.yahoo.co.uk',
  'hotmail.com',
  'outlook.com',
  'icloud.com',
  'proton.me',
  'gmx.de',
  'qq.com',
  'fastmail.fm',
];
const COMPANY = [
  'acme.com',
  'northwind.io',
  'cs.stanford.edu',
  'uni.edu',
  'rival.com',
  'sub.rival.com',
  'notrival.com',
  'bücher.de',
  'xn--bcher-kva.de',
  'example.co.uk',
  'a-b.org',
];

export function emailCell(random: Random, index: number): string {
  const { pick, chance } = picker(random);
  const local = pick(['jane', 'j.doe', 'sam+tag', "o'neil", 'x_y', 'Ana.Silva', `u${index}`]);
  const domain = chance(0.4) ? pick(PERSONAL) : pick(COMPANY);
  const address = `${local}@${domain}`;
  const forms: (() => string)[] = [
    () => address,
    () => address,
    () => address.toUpperCase(),
    () => ` ${address} `,
    () => `Jane Doe <${address}>`,
    () => `<${address}`,
    () => `mailto:${address}`,
    () => `MAILTO:${address}`,
    () => `${address}; other@acme.com`,
    () => `first, ${address}`,
    () => `${address} (work)`,
    () => `${address}.`,
    () => `${local}@@${domain}`,
    () => `@${domain}`,
    () => `${local}@`,
    () => `${local}@localhost`,
    () => `${local}@10.0.0.1`,
    () => `${local}@-bad.com`,
    () => `${local}@bad-.com`,
    () => `${local}@${'a'.repeat(64)}.com`,
    () => `${local}@${'a'.repeat(63)}.com`,
    () => `${local}\uff20${domain}`,
    () => `${local}@${domain.replace(/[a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))}`,
    () => `${local} x@${domain}`,
    () => `a"b@${domain}`,
    () => `no-at-sign.com`,
    () => `a@b`,
    () => `x@y.c`,
    () => `${local}@${domain}\u00a0`,
  ];
  return pick(forms)();
}

const WORDS = [
  'VP Sales',
  'Head of Growth',
  'CEO',
  'Chief Executive Officer',
  'co-founder',
  'Director, Revenue Operations',
  'Engineer',
  'Student',
  'Intern',
  'Marketing Manager',
  'CTO/Founder',
  'Directeur général',
  'Vice-President',
  'vp',
  'Owner',
  'SaaS',
  'Software',
  'Retail',
  'Computer Software',
  'Financial Services',
  'Healthcare',
  'Fintech',
  'Referral',
  'Partner',
  'Organic Search',
  'Olark Chat',
  'Landing Page Submission',
  'Google',
  'google',
  'Email Opened',
  'Unemployed',
  'Working Professional',
  'US',
  'UK',
  'DE',
  'India',
  'Ünïcödé',
  'ＦＵＬＬ ＷＩＤＴＨ',
  'ﬁnance',
  'İstanbul',
  'ΟΔΟΣ',
  '=SUM(A1)',
  '+1 555',
  '-',
  'x',
  "o'clock",
  'a\u00a0b',
  'tab\there',
  'line\nbreak',
  '日本語',
  '😀 emoji',
  'e\u0301cole',
];

export function textCell(random: Random, extra: readonly string[] = []): string {
  const { pick, chance } = picker(random);
  if (extra.length > 0 && chance(0.6)) return smudge(random, pick(extra));
  return smudge(random, pick(WORDS));
}

/** Any cell: one of the above, or a missing value. */
export function anyCell(random: Random, base: number, index: number): string {
  const { pick, chance } = picker(random);
  if (chance(0.15)) return missingCell(random);
  return pick([
    () => numberCell(random),
    () => booleanCell(random),
    () => dateCell(random, base),
    () => emailCell(random, index),
    () => textCell(random),
  ])();
}
