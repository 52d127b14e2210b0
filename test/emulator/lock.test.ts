// LockService: one holder per lock, contention with another execution, waitLock's timeout error, release at execution end.
import { createEmulator } from './index';

describe('LockService', () => {
  it('getDocumentLock: tryLock fails while another execution holds it, and the wait advances the clock', () => {
    const emulator = createEmulator({ startTime: 0 });
    const release = emulator.holdLock('document');
    const lock = emulator.globals.LockService.getDocumentLock();
    expect(lock?.tryLock(10_000)).toBe(false);
    expect(lock?.hasLock()).toBe(false);
    expect(emulator.clock.now()).toBe(10_000);
    release();
    expect(lock?.tryLock(10_000)).toBe(true);
    expect(lock?.hasLock()).toBe(true);
  });

  it("waitLock throws Apps Script's timeout message", () => {
    const emulator = createEmulator();
    emulator.holdLock('document');
    const lock = emulator.globals.LockService.getDocumentLock();
    expect(() => lock?.waitLock(30_000)).toThrow(
      'Lock timeout: another process was holding the lock for too long.',
    );
  });

  it('acquires once the other execution lets go within the timeout', () => {
    const emulator = createEmulator({ startTime: 0 });
    emulator.holdLock('document', { forMs: 4_000 });
    const lock = emulator.globals.LockService.getDocumentLock();
    expect(lock?.tryLock(1_000)).toBe(false);
    expect(lock?.tryLock(5_000)).toBe(true);
    expect(emulator.clock.now()).toBe(4_000);
  });

  it('two executions contend for the document lock; the lock is released when an execution ends', () => {
    const emulator = createEmulator();
    const service = emulator.globals.LockService;
    emulator.run(() => {
      expect(service.getDocumentLock()?.tryLock(0)).toBe(true);
      expect(emulator.run(() => service.getDocumentLock()?.tryLock(0))).toBe(false);
      // A second Lock object in the same execution sees the same holder.
      expect(service.getDocumentLock()?.hasLock()).toBe(true);
    });
    expect(emulator.run(() => service.getDocumentLock()?.tryLock(0))).toBe(true);
  });

  it('releaseLock lets another execution in; script and user locks are separate', () => {
    const emulator = createEmulator();
    const service = emulator.globals.LockService;
    const lock = service.getDocumentLock();
    lock?.waitLock(0);
    service.getScriptLock().waitLock(0);
    expect(emulator.run(() => service.getUserLock().tryLock(0))).toBe(true);
    expect(emulator.run(() => service.getScriptLock().tryLock(0))).toBe(false);
    lock?.releaseLock();
    expect(emulator.run(() => service.getDocumentLock()?.tryLock(0))).toBe(true);
  });

  it('returns null for the document lock outside a document', () => {
    const emulator = createEmulator({ bound: false });
    expect(emulator.globals.LockService.getDocumentLock()).toBeNull();
  });
});
