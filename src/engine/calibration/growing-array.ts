// A typed array that grows as rows stream in (doubling), for per-row figures kept while a table is read.

type Typed = Float64Array | Int32Array;

export class GrowingArray<T extends Typed> {
  length = 0;

  constructor(private data: T) {}

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new (this.data.constructor as new (size: number) => T)(
        Math.max(16, this.data.length * 2),
      );
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  get(index: number): number {
    return this.data[index] as number;
  }

  /** A copy holding exactly the values pushed. */
  toArray(): T {
    return this.data.slice(0, this.length) as T;
  }
}
