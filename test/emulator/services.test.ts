// Session, Utilities, Logger and MailApp.
import { createEmulator } from './index';

describe('Utilities', () => {
  it('formatDate honours the time zone and common SimpleDateFormat letters', () => {
    const u = createEmulator().globals.Utilities;
    const date = new Date('2026-07-04T23:30:05.123Z');
    expect(u.formatDate(date, 'UTC', "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")).toBe('2026-07-04T23:30:05.123Z');
    expect(u.formatDate(date, 'Europe/Berlin', 'yyyy-MM-dd HH:mm XXX')).toBe('2026-07-05 01:30 +02:00');
    expect(u.formatDate(date, 'America/Los_Angeles', 'EEE, MMM d, yyyy h:mm a Z')).toBe(
      'Sat, Jul 4, 2026 4:30 PM -0700',
    );
    expect(u.formatDate(date, 'Asia/Kolkata', "EEEE d MMMM yy ''HH''")).toBe("Sunday 5 July 26 '05'");
  });

  it('sleep advances the emulator clock instead of waiting', () => {
    const emulator = createEmulator({ startTime: 1_000 });
    const started = Date.now();
    emulator.globals.Utilities.sleep(120_000);
    expect(emulator.clock.now()).toBe(121_000);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('makes UUIDs and signed-byte digests', () => {
    const u = createEmulator().globals.Utilities;
    expect(u.getUuid()).toMatch(/^[0-9a-f-]{36}$/);
    const digest = u.computeDigest(u.DigestAlgorithm.MD5, 'abc');
    expect(digest).toHaveLength(16);
    expect(digest[0]).toBe(-112); // md5("abc") starts with 0x90
    expect(u.base64Encode('hi')).toBe('aGk=');
  });
});

describe('Session, Logger, MailApp', () => {
  it('reports the configured user and script time zone', () => {
    const emulator = createEmulator({
      user: 'ann@example.com',
      scriptTimeZone: 'Europe/London',
      oauthScopes: ['https://www.googleapis.com/auth/userinfo.email'],
    });
    const s = emulator.globals.Session;
    expect([s.getActiveUser().getEmail(), s.getEffectiveUser().getEmail(), s.getScriptTimeZone()]).toEqual([
      'ann@example.com',
      'ann@example.com',
      'Europe/London',
    ]);
    const key = s.getTemporaryActiveUserKey();
    emulator.setUser('bob@example.com');
    expect(s.getTemporaryActiveUserKey()).not.toBe(key);
  });

  it('Logger records messages with %s placeholders', () => {
    const emulator = createEmulator();
    emulator.globals.Logger.log('scored %s rows', 12);
    emulator.globals.Logger.log({ a: 1 });
    expect(emulator.ui.logs).toEqual(['scored 12 rows', '{ a: 1 }']);
  });

  it('MailApp records messages and counts the daily quota', () => {
    const emulator = createEmulator({
      mailQuota: 2,
      oauthScopes: ['https://www.googleapis.com/auth/script.send_mail'],
    });
    const mail = emulator.globals.MailApp;
    mail.sendEmail('a@example.com', 'Hot lead', 'Call Bob', { name: 'LeadScore' });
    mail.sendEmail({ to: 'b@example.com', subject: 'S', body: 'B' });
    expect(emulator.ui.mail.map((m) => [m.to, m.subject, m.name])).toEqual([
      ['a@example.com', 'Hot lead', 'LeadScore'],
      ['b@example.com', 'S', undefined],
    ]);
    expect(mail.getRemainingDailyQuota()).toBe(0);
    expect(() => mail.sendEmail('c@example.com', 's', 'b')).toThrow(
      'Service invoked too many times for one day: email.',
    );
  });
});
