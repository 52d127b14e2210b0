// Session: the script time zone and the active/effective user (one configurable user at a time).
import { createHash } from 'node:crypto';
import { Access, type EmulatorContext } from './context';

export class User {
  constructor(private readonly email: string) {}

  getEmail(): string {
    return this.email;
  }
}

export class Session {
  constructor(private readonly ctx: EmulatorContext) {}

  getScriptTimeZone(): string {
    this.ctx.call('Session.getScriptTimeZone', Access.STORE);
    return this.ctx.scriptTimeZone;
  }

  getActiveUserLocale(): string {
    this.ctx.call('Session.getActiveUserLocale', Access.STORE);
    return 'en';
  }

  getActiveUser(): User {
    this.ctx.call('Session.getActiveUser', Access.STORE);
    return new User(this.ctx.user);
  }

  getEffectiveUser(): User {
    this.ctx.call('Session.getEffectiveUser', Access.STORE);
    return new User(this.ctx.user);
  }

  /** Stable per user, opaque, like Apps Script's temporary key. */
  getTemporaryActiveUserKey(): string {
    this.ctx.call('Session.getTemporaryActiveUserKey', Access.STORE);
    return createHash('sha256')
      .update(`leadscore-emulator:${this.ctx.user}`)
      .digest('base64url')
      .slice(0, 32);
  }
}
