// The two passes over a file: the first profiles columns and decides kinds, the second builds them.
// Two passes keep memory near the final columns: no cell text is held while kinds are undecided.
import * as aq from 'arquero';
import type { ParseResult } from 'papaparse';
import { createBuilder, prebuiltBuilder, type ColumnBuilder } from './build';
import { decideDecimal, describeColumn, forceKind, type ColumnPlan } from './decide';
import type { Delimiter, Newline } from './dialect';
import type { CsvEncoding } from './encoding';
import { cleanHeader } from './header';
import type { ResolvedCsvOptions } from './options';
import { ColumnProfile } from './profile';
import { assertHasHeader, assertHasRows, raggedOutcome, RowFeeder, trailingOutcome } from './rows';
import type { CsvColumn, CsvReadResult, CsvWarning } from './types';

/** Delimiter, record terminator and encoding shared by both passes. */
export interface Dialect {
  delimiter: Delimiter;
  newline: Newline;
  encoding: CsvEncoding;
}

/** What the first pass decided; enough for the second pass to build the table. */
export interface ReadPlan {
  dialect: Dialect;
  decimal: '.' | ',';
  columns: CsvColumn[];
  plans: ColumnPlan[];
  rowCount: number;
  warnings: CsvWarning[];
  /** Columns finished by the first pass (numeric, decimal point), by position. */
  prebuilt: (ArrayLike<unknown> | undefined)[];
  /** False when every column was finished by the first pass: the file need not be read again. */
  needsSecondPass: boolean;
}

/** First pass: profiles every column; `plan()` throws CsvError for unusable files. */
export class FirstPass {
  readonly feeder: RowFeeder;
  private header: string[] = [];
  private names: string[] = [];
  private profiles: ColumnProfile[] = [];
  private headerWarnings: CsvWarning[] = [];

  constructor(
    private readonly dialect: Dialect,
    private readonly options: ResolvedCsvOptions,
    /** False for readers that never build the table: no column's numbers are kept. */
    private readonly keepNumbers = true,
  ) {
    this.feeder = new RowFeeder(
      {
        header: (cells, line) => this.takeHeader(cells, line),
        row: (cells, line) => cells.forEach((cell, i) => this.profiles[i].add(cell, line)),
      },
      options,
      dialect.newline,
    );
  }

  feed = (result: ParseResult<string[]>): void => this.feeder.feed(result);

  private takeHeader(cells: string[], line: number): void {
    this.header = cells;
    const clean = cleanHeader(cells, line);
    this.names = clean.names;
    this.headerWarnings = clean.warnings;
    this.profiles = cells.map(() => new ColumnProfile(this.keepNumbers));
  }

  /** Decides the decimal mark and each column's kind once the whole file was seen. */
  plan(extraWarnings: CsvWarning[]): ReadPlan {
    assertHasHeader(this.feeder);
    const skipped = raggedOutcome(this.feeder, this.options.raggedRows);
    const trailing = trailingOutcome(this.feeder);
    assertHasRows(this.feeder, this.names);
    const decimal = this.decimal();
    const described = this.profiles.map((p, i) =>
      describeColumn(p, this.names[i], this.header[i], decimal),
    );
    this.applyUserKinds(described);
    const prebuilt = described.map((d, i) => this.prebuild(i, d.plan, d.column.missing, decimal));
    const warnings = [
      ...extraWarnings,
      ...this.headerWarnings,
      ...this.feeder.warnings,
      ...(trailing ? [trailing] : []),
      ...(skipped ? [skipped] : []),
      ...decimalWarnings(decimal, this.profiles, this.names),
      ...described.flatMap((d) => d.warnings),
    ];
    return {
      dialect: this.dialect,
      decimal,
      columns: described.map((d) => d.column),
      plans: described.map((d) => d.plan),
      rowCount: this.feeder.rowCount,
      warnings,
      prebuilt,
      needsSecondPass: prebuilt.some((column) => column === undefined),
    };
  }

  /** The finished column when the first pass kept its numbers; the buffer is released either way. */
  private prebuild(i: number, plan: ColumnPlan, missing: number, decimal: '.' | ',') {
    const numbers = this.profiles[i].numbers;
    this.profiles[i].numbers = null;
    if (!numbers || plan.kind !== 'numeric' || decimal !== '.') return undefined;
    return numbers.toColumn(missing, this.options.missingNumbers === 'nan');
  }

  /**
   * Replaces detected kinds with those the caller chose. Names the file lacks are skipped: a
   * prediction file read with the training kinds may lack a column, and the engine names it.
   */
  private applyUserKinds(described: { column: CsvColumn; plan: ColumnPlan }[]): void {
    for (const [name, kind] of Object.entries(this.options.kinds ?? {})) {
      const target = described.find((d) => d.column.name === name);
      if (target) forceKind(target.column, target.plan, kind);
    }
  }

  /** Decimal commas are only considered where ',' is not the delimiter (or when asked for). */
  private decimal(): '.' | ',' {
    if (this.options.decimal) return this.options.decimal;
    return this.dialect.delimiter === ',' ? '.' : decideDecimal(this.profiles);
  }
}

/** Reports a decimal-comma decision with the columns that showed it. */
function decimalWarnings(
  decimal: '.' | ',',
  profiles: readonly ColumnProfile[],
  names: readonly string[],
): CsvWarning[] {
  if (decimal === '.') return [];
  const shown = names.filter((_, i) => profiles[i].comma && !profiles[i].dot).map((n) => `'${n}'`);
  const message = `numbers use ',' as the decimal mark (72,5 = 72.5), as the values of ${shown.join(', ')} show`;
  return [{ code: 'DECIMAL_COMMA', message }];
}

/** Second pass: builds the columns the plan describes and assembles the result. */
export class SecondPass {
  readonly feeder: RowFeeder;
  private readonly builders: ColumnBuilder[];

  constructor(
    private readonly plan: ReadPlan,
    options: ResolvedCsvOptions,
  ) {
    this.builders = plan.plans.map((p, i) => {
      const done = plan.prebuilt[i];
      if (done) return prebuiltBuilder(done, plan.columns[i].missing);
      return createBuilder(
        p,
        plan.columns[i].name,
        plan.rowCount,
        plan.decimal,
        options.missingNumbers === 'nan',
      );
    });
    const sink = {
      header: () => undefined,
      row: (cells: string[], line: number) =>
        cells.forEach((cell, i) => this.builders[i].add(cell, line)),
    };
    this.feeder = new RowFeeder(sink, options, plan.dialect.newline);
  }

  feed = (result: ParseResult<string[]>): void => this.feeder.feed(result);

  /** The finished read. */
  result(): CsvReadResult {
    const { plan } = this;
    const data: Record<string, ArrayLike<unknown>> = {};
    plan.columns.forEach((column, i) => (data[column.name] = this.builders[i].finish()));
    // The second pass counted what it stored as null; that count is the one users see.
    const columns = plan.columns.map((column, i) => ({
      ...column,
      missing: this.builders[i].missing,
    }));
    return {
      table: aq.table(data),
      columns,
      rowCount: plan.rowCount,
      delimiter: plan.dialect.delimiter,
      decimal: plan.decimal,
      encoding: plan.dialect.encoding,
      warnings: [...plan.warnings, ...this.builders.flatMap((b) => b.warnings)],
    };
  }
}
