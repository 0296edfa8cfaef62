// Counting unreadable cells per column during a transform, keeping a few sample rows for the message.

/**
 * A problem found in the data that did not stop the work; `rows` are 1-based data rows (a sample),
 * `count` how many cells were affected (0 for a notice about a whole column).
 */
export interface DataWarning {
  code:
    | 'NOT_A_NUMBER'
    | 'INFINITE_VALUE'
    | 'NOT_A_DATE'
    | 'NOT_A_BOOLEAN'
    | 'UNSEEN_LEVEL'
    | 'IGNORED_COLUMN';
  column: string;
  count: number;
  rows: number[];
  message: string;
}

const SAMPLE_SIZE = 5;

// Each phrase reads after "1 value" / "2 values"; {was} agrees with the count.
const WHAT: Record<Exclude<DataWarning['code'], 'IGNORED_COLUMN'>, string> = {
  NOT_A_NUMBER: 'could not be read as a number and {was} treated as missing',
  INFINITE_VALUE: '{was} infinite and treated as missing',
  NOT_A_DATE: 'could not be read as a date and {was} treated as missing',
  NOT_A_BOOLEAN: 'could not be read as yes/no and {was} treated as missing',
  UNSEEN_LEVEL: '{was} not seen in training and treated as an unknown level',
};

/** Collects one kind of problem for one column; cheap when nothing goes wrong. */
export class WarningCounter {
  private count = 0;
  private readonly rows: number[] = [];
  private readonly values: string[] = [];

  constructor(
    private readonly code: keyof typeof WHAT,
    private readonly column: string,
  ) {}

  /** Records the value at 0-based `row`. */
  add(row: number, value: unknown): void {
    this.count++;
    if (this.rows.length < SAMPLE_SIZE) {
      this.rows.push(row + 1);
      this.values.push(String(value));
    }
  }

  /** Appends the warning to `out` when anything was recorded. */
  flush(out: DataWarning[]): void {
    if (this.count === 0) return;
    const noun = this.count === 1 ? 'value' : 'values';
    const samples = this.rows.map((row, i) => `row ${row}: '${this.values[i]}'`).join(', ');
    const more = this.count > this.rows.length ? ', …' : '';
    out.push({
      code: this.code,
      column: this.column,
      count: this.count,
      rows: [...this.rows],
      message: `column '${this.column}': ${this.count} ${noun} ${WHAT[this.code].replace('{was}', this.count === 1 ? 'was' : 'were')} (${samples}${more})`,
    });
  }
}

/** The notice for a column of the input that the model does not use. */
export function ignoredColumnNotice(column: string): DataWarning {
  return {
    code: 'IGNORED_COLUMN',
    column,
    count: 0,
    rows: [],
    message: `column '${column}' is not used by the model and was ignored`,
  };
}
