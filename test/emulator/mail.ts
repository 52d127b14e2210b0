// MailApp: records sent messages against a daily recipient quota instead of sending anything.
import { Access, type EmulatorContext } from './context';
import type { SentMail } from './recorder';

interface MailOptions {
  htmlBody?: string;
  cc?: string;
  bcc?: string;
  name?: string;
  replyTo?: string;
}

export class MailApp {
  constructor(
    private readonly ctx: EmulatorContext,
    private readonly dailyQuota: number,
  ) {}

  /** sendEmail(message), sendEmail(to, subject, body, options?) or sendEmail(to, replyTo, subject, body). */
  sendEmail(a: unknown, b?: string, c?: string, d?: unknown): void {
    this.ctx.call('MailApp.sendEmail', Access.AUTHED);
    let mail: SentMail;
    if (typeof a === 'object' && a !== null) {
      const m = a as Partial<SentMail> & { to?: string };
      mail = { ...m, to: String(m.to ?? ''), subject: String(m.subject ?? ''), body: String(m.body ?? '') };
    } else if (typeof d === 'string') {
      mail = { to: String(a), replyTo: String(b), subject: String(c), body: d };
    } else {
      mail = {
        to: String(a),
        subject: String(b ?? ''),
        body: String(c ?? ''),
        ...((d as MailOptions | undefined) ?? {}),
      };
    }
    if (mail.to === '') throw this.ctx.error('Failed to send email: no recipient');
    const recipients = mail.to.split(',').length;
    if (recipients > this.remaining())
      throw this.ctx.error('Service invoked too many times for one day: email.');
    this.ctx.recorder.mail.push(mail);
  }

  getRemainingDailyQuota(): number {
    this.ctx.call('MailApp.getRemainingDailyQuota', Access.AUTHED);
    return this.remaining();
  }

  private remaining(): number {
    const used = this.ctx.recorder.mail.reduce((sum, mail) => sum + mail.to.split(',').length, 0);
    return Math.max(0, this.dailyQuota - used);
  }
}
