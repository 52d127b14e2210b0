// Apps Script's write cache: writes wait with the coordinates they were given, and reach the sheet at the next
// read, an explicit flush() or the end of the execution. A collaborator's edit in between lands first.

export class WriteQueue {
  private readonly pending: (() => void)[] = [];

  get size(): number {
    return this.pending.length;
  }

  push(write: () => void): void {
    this.pending.push(write);
  }

  /** Applies every queued write in order; returns whether there was anything to apply. */
  apply(): boolean {
    if (this.pending.length === 0) return false;
    const writes = this.pending.splice(0);
    for (const write of writes) write();
    return true;
  }
}
