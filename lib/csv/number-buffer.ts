// A growing float64 column filled during the first pass, so numeric columns need no second parse.

/** Values appended one by one; NaN marks a missing cell. */
export class NumberBuffer {
  private data = new Float64Array(1024);
  length = 0;

  /** Appends one value (NaN for missing). */
  push(value: number): void {
    if (this.length === this.data.length) this.grow();
    this.data[this.length++] = value;
  }

  /**
   * The values as a table column: an exact-size Float64Array when `missing` is 0, otherwise numbers
   * with null for missing. The copy drops the doubling slack (up to half the buffer).
   */
  toColumn(missing: number): Float64Array | (number | null)[] {
    if (missing === 0) return this.data.slice(0, this.length);
    const column: (number | null)[] = new Array(this.length);
    for (let i = 0; i < this.length; i++) {
      const value = this.data[i];
      column[i] = value === value ? value : null; // NaN is the only value not equal to itself
    }
    return column;
  }

  private grow(): void {
    const bigger = new Float64Array(this.data.length * 2);
    bigger.set(this.data);
    this.data = bigger;
  }
}
