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
   * The values as a table column: a Float64Array when `missing` is 0 (or with `nanForMissing`,
   * NaN marking missing cells), otherwise numbers with null for missing. A view is returned when the unused tail is at most a quarter of the buffer, so a
   * large column is not copied (the copy would double its memory for a moment); otherwise a copy
   * of exact size, so the table does not keep up to half of the buffer unused.
   */
  toColumn(missing: number, nanForMissing = false): Float64Array | (number | null)[] {
    if (missing === 0 || nanForMissing) {
      const tight = this.length >= 0.75 * this.data.length;
      return tight ? this.data.subarray(0, this.length) : this.data.slice(0, this.length);
    }
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
