// LockService: document, script and user locks owned by executions; another execution's hold is simulated on the clock.
import { Access, type EmulatorContext } from './context';

const S = Access.STORE;

interface Hold {
  execution: string;
  /** Clock time when the holder lets go by itself; null = holds until released. */
  releaseAt: number | null;
}

/** Who holds which lock. Keys: "document:<id>", "script", "user:<email>". */
export class LockTable {
  readonly holds = new Map<string, Hold>();

  holder(key: string, now: number): Hold | null {
    const hold = this.holds.get(key);
    if (hold === undefined) return null;
    if (hold.releaseAt !== null && hold.releaseAt <= now) {
      this.holds.delete(key);
      return null;
    }
    return hold;
  }

  /** Ends an execution: Apps Script releases its locks when the script finishes. */
  releaseAllOf(execution: string): void {
    for (const [key, hold] of this.holds) if (hold.execution === execution) this.holds.delete(key);
  }
}

export class Lock {
  constructor(
    private readonly ctx: EmulatorContext,
    private readonly table: LockTable,
    private readonly key: string,
  ) {}

  /**
   * Waits up to `timeoutInMillis` on the emulator clock. A simulated holder with a release time inside the
   * wait lets go (the clock jumps to that time); otherwise the clock advances by the whole timeout.
   */
  tryLock(timeoutInMillis: number): boolean {
    this.ctx.call('Lock.tryLock', S);
    return this.acquire(timeoutInMillis);
  }

  waitLock(timeoutInMillis: number): void {
    this.ctx.call('Lock.waitLock', S);
    if (!this.acquire(timeoutInMillis))
      throw this.ctx.error('Lock timeout: another process was holding the lock for too long.');
  }

  hasLock(): boolean {
    this.ctx.call('Lock.hasLock', S);
    return this.table.holder(this.key, this.ctx.clock.now())?.execution === this.ctx.executionId;
  }

  releaseLock(): void {
    this.ctx.call('Lock.releaseLock', S);
    if (this.table.holder(this.key, this.ctx.clock.now())?.execution === this.ctx.executionId)
      this.table.holds.delete(this.key);
  }

  private acquire(timeout: number): boolean {
    const now = this.ctx.clock.now();
    const hold = this.table.holder(this.key, now);
    if (hold !== null && hold.execution !== this.ctx.executionId) {
      const wait = Math.max(0, Number(timeout) || 0);
      if (hold.releaseAt === null || hold.releaseAt > now + wait) {
        this.ctx.clock.advance(wait);
        return false;
      }
      this.ctx.clock.set(hold.releaseAt);
    }
    this.table.holds.set(this.key, { execution: this.ctx.executionId, releaseAt: null });
    return true;
  }
}

export class LockService {
  constructor(
    private readonly ctx: EmulatorContext,
    private readonly table: LockTable,
    private readonly documentId: string | null,
  ) {}

  /** null outside a document context. */
  getDocumentLock(): Lock | null {
    this.ctx.call('LockService.getDocumentLock', S);
    if (this.documentId === null || !this.ctx.activeSpreadsheetAvailable) return null;
    return new Lock(this.ctx, this.table, `document:${this.documentId}`);
  }

  getScriptLock(): Lock {
    this.ctx.call('LockService.getScriptLock', S);
    return new Lock(this.ctx, this.table, 'script');
  }

  getUserLock(): Lock {
    this.ctx.call('LockService.getUserLock', S);
    return new Lock(this.ctx, this.table, `user:${this.ctx.user}`);
  }
}
