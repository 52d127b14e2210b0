// The emulator's clock: drives cache expiry, trigger schedules, lock waits and Utilities.sleep.

export class Clock {
  private ms: number;

  constructor(start: number) {
    this.ms = start;
  }

  now(): number {
    return this.ms;
  }

  date(): Date {
    return new Date(this.ms);
  }

  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`clock.advance needs a non-negative number, got ${ms}`);
    this.ms += ms;
  }

  set(ms: number | Date): void {
    this.ms = typeof ms === 'number' ? ms : ms.getTime();
  }
}
