// E-mail helpers: domain extraction from messy cells, domain-list matching, personal domains.
import fc from 'fast-check';
import {
  domainMatches,
  emailDomain,
  isPersonalDomain,
  normaliseDomain,
  PERSONAL_EMAIL_DOMAINS,
  personalDomainSet,
  plainAddressTail,
} from '../../src/engine/email';

describe('emailDomain', () => {
  it.each<[unknown, string | null]>([
    ['jane@acme.com', 'acme.com'],
    ['jane@acme.com ', 'acme.com'],
    ['  JANE@ACME.COM', 'acme.com'],
    ['Jane Doe <Jane@Acme.COM>', 'acme.com'],
    ['"Doe, Jane" <jane@acme.com>', 'acme.com'],
    ['mailto:jane@acme.com', 'acme.com'],
    ['MAILTO:jane@acme.com', 'acme.com'],
    ['jane@acme.com (work)', 'acme.com'],
    ['jane@acme.com; bob@initech.com', 'acme.com'],
    ['jane@acme.com, bob@initech.com', 'acme.com'],
    ['jane.doe+leads@mail.acme.co.uk', 'mail.acme.co.uk'],
    ['jane@acme.com.', 'acme.com'],
    ['ｊａｎｅ＠ＡＣＭＥ.com', 'acme.com'],
    ['jane\u00a0@acme.com', null],
    ['anna@bücher.de', 'bücher.de'],
    ['jane@xn--bcher-kva.de', 'xn--bcher-kva.de'],
    ['jane@acme', null],
    ['jane@10.0.0.1', null],
    ['jane@-acme.com', null],
    ['jane@acme..com', null],
    ['@acme.com', null],
    ['jane@', null],
    ['jane', null],
    ['Jane <jane@acme.com', null],
    ['', null],
    ['Select', null],
    [null, null],
    [42, null],
    [new Date(0), null],
  ])('%p -> %p', (value, expected) => {
    expect(emailDomain(value)).toBe(expected);
  });
});

describe('domainMatches', () => {
  it.each<[string, string, boolean]>([
    ['acme.com', 'acme.com', true],
    ['ACME.com', 'acme.COM', true],
    ['cs.stanford.edu', 'stanford.edu', true],
    ['cs.stanford.edu', 'edu', true],
    ['cs.stanford.edu', '.edu', true],
    ['acme.com', '@acme.com', true],
    ['mail.acme.com', '.acme.com', true],
    [' acme.com ', ' acme.com. ', true],
    ['notstanford.edu', 'stanford.edu', false],
    ['stanford.edu', 'cs.stanford.edu', false],
    ['stanford.edu.evil.com', 'stanford.edu', false],
    ['acme.com', '', false],
    ['acme.com', '@', false],
    ['', 'acme.com', false],
  ])('(%p, %p) -> %p', (domain, listed, expected) => {
    expect(domainMatches(domain, listed)).toBe(expected);
  });
});

describe('isPersonalDomain', () => {
  it.each<[string, boolean]>([
    ['gmail.com', true],
    ['GMail.com', true],
    ['googlemail.com', true],
    ['yahoo.co.uk', true],
    ['hotmail.fr', true],
    ['outlook.com', true],
    ['icloud.com', true],
    ['proton.me', true],
    ['gmx.de', true],
    ['web.de', true],
    ['mail.ru', true],
    ['yandex.ru', true],
    ['qq.com', true],
    ['163.com', true],
    ['rediffmail.com', true],
    ['uol.com.br', true],
    ['mail.yahoo.co.uk', true],
    ['acme.com', false],
    ['google.com', false],
    ['microsoft.com', false],
    ['stanford.edu', false],
    ['notgmail.com', false],
    ['gmail.com.evil.io', false],
    ['', false],
  ])('%p -> %p', (domain, expected) => {
    expect(isPersonalDomain(domain)).toBe(expected);
  });

  it('accepts extra domains, with or without a leading @', () => {
    expect(isPersonalDomain('student.example.edu', new Set(['example.edu']))).toBe(true);
    expect(isPersonalDomain('foo.io', new Set(['@foo.io']))).toBe(true);
    expect(isPersonalDomain('foo.io', personalDomainSet([' @FOO.io ']))).toBe(true);
    expect(isPersonalDomain('bar.io', personalDomainSet(['foo.io']))).toBe(false);
  });

  it('has a solid list of lower-case consumer domains without duplicates', () => {
    expect(PERSONAL_EMAIL_DOMAINS.length).toBeGreaterThanOrEqual(60);
    expect(new Set(PERSONAL_EMAIL_DOMAINS).size).toBe(PERSONAL_EMAIL_DOMAINS.length);
    for (const domain of PERSONAL_EMAIL_DOMAINS) {
      expect(normaliseDomain(domain)).toBe(domain);
      expect(emailDomain(`someone@${domain}`)).toBe(domain);
    }
  });
});

describe('plainAddressTail', () => {
  it.each<[string, unknown, string | null]>([
    ['a plain address', 'jane@Acme.com', 'Acme.com'],
    ['a trailing dot', 'jane@acme.com.', 'acme.com.'],
    ['a name and brackets', 'Jane <jane@acme.com>', null],
    ['mailto:', 'mailto:jane@acme.com', null],
    ['two addresses', 'a@x.com;b@y.com', null],
    ['a space', ' jane@acme.com', null],
    ['two @', 'a@b@acme.com', null],
    ['no local part', '@acme.com', null],
    ['full-width @', 'jane＠acme.com', null],
    ['a number', 12345, null],
  ])('%s', (_name, value, tail) => {
    expect(plainAddressTail(value)).toBe(tail);
  });
});

describe('properties', () => {
  it('a plain address has the domain its tail gives, whatever the local part (the scorer relies on it)', () => {
    const text = (chars: string) =>
      fc.string({ unit: fc.constantFrom(...chars.split('')), minLength: 1, maxLength: 12 });
    const local = text("abcXYZ019.!#$%&*+-/=?^_`{|}~'");
    const tail = text('abcdeXY0-.');
    fc.assert(
      fc.property(local, local, tail, (first, second, domain) => {
        const a = `${first}@${domain}`;
        const b = `${second}@${domain}`;
        if (plainAddressTail(a) === null || plainAddressTail(b) === null) return;
        expect(emailDomain(a)).toBe(emailDomain(b));
        if (emailDomain(a) !== null) expect(emailDomain(a)).toBe(emailDomain(`x@${domain}`));
      }),
      { numRuns: 3000 },
    );
  });

  it('nothing throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.anything(), fc.string(), fc.string(), (value, a, b) => {
        emailDomain(value);
        emailDomain(a);
        domainMatches(a, b);
        isPersonalDomain(a);
        isPersonalDomain(a, new Set([b]));
      }),
      { numRuns: 2000 },
    );
  });

  it('the domain of a generated address is its lower-cased domain, and matches itself', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (address) => {
        const domain = emailDomain(address);
        const written = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
        if (domain !== null) {
          expect(domain).toBe(written);
          expect(domainMatches(domain, written)).toBe(true);
          expect(emailDomain(`Someone <${address.toUpperCase()}>`)).toBe(domain);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
