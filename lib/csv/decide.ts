// Decisions after the first pass: the decimal mark, then each column's kind, missing count, notes.
import type { ColumnProfile, NumberTally } from './profile';
import type { CsvColumn, CsvColumnKind, CsvWarning } from './types';
import { isBooleanPair } from './values';

/** What the second pass needs to build one column. */
export interface ColumnPlan {
  kind: CsvColumnKind;
  /** Whether NA, null, ? … become null (true except in categorical and text columns). */
  tokensAreMissing: boolean;
  /** A detected numeric column without missing cells: every cell is known to parse. */
  complete: boolean;
}

/**
 * ',' when more columns parse only with decimal commas (`72,5`) than only with decimal points.
 * Columns that parse both ways (integers, `1,250`) do not vote, so ties keep '.'.
 */
export function decideDecimal(profiles: readonly ColumnProfile[]): '.' | ',' {
  let commaOnly = 0;
  let dotOnly = 0;
  for (const p of profiles) {
    if (p.values === 0) continue;
    if (p.comma && !p.dot) commaOnly++;
    if (p.dot && !p.comma) dotOnly++;
  }
  return commaOnly > dotOnly ? ',' : '.';
}

/** The column's kind, missing count and notes, plus warnings for non-finite numbers. */
export function describeColumn(
  profile: ColumnProfile,
  name: string,
  originalName: string,
  decimal: '.' | ',',
): { column: CsvColumn; plan: ColumnPlan; warnings: CsvWarning[] } {
  const tally = decimal === ',' ? profile.comma : profile.dot;
  const numeric = tally && !(tally.percent > 0 && tally.percent < tally.count);
  const kind: CsvColumnKind = numeric ? 'numeric' : nonNumericKind(profile);
  const tokensAreMissing = kind !== 'categorical' && kind !== 'text';
  const missing =
    profile.empty + (tokensAreMissing ? profile.tokenCount : 0) + (numeric ? tally.infinite : 0);

  const notes = [
    ...(numeric ? numericNotes(tally, decimal, profile) : otherNotes(profile, decimal, tally)),
    ...tokenNotes(profile, tokensAreMissing),
  ];
  if (profile.values === 0)
    notes.push('no values: every cell is empty or a missing-value spelling');
  const warnings = numeric ? nonFiniteWarnings(profile, tally, name) : [];
  const plan = { kind, tokensAreMissing, complete: kind === 'numeric' && missing === 0 };
  return { column: { name, originalName, kind, missing, notes }, plan, warnings };
}

/**
 * Applies a kind the user chose. Missing counts are then taken from the second pass, which also
 * reports cells of a user-chosen numeric column that are not numbers.
 */
export function forceKind(column: CsvColumn, plan: ColumnPlan, kind: CsvColumnKind): void {
  if (kind === column.kind) return;
  column.notes.push(`kind set to ${kind} by the user (detected: ${column.kind})`);
  column.kind = plan.kind = kind;
  plan.tokensAreMissing = kind !== 'categorical' && kind !== 'text';
  plan.complete = false;
}

/** Kind of a column that is not numeric; a column of only empty cells counts as numeric. */
function nonNumericKind(p: ColumnProfile): CsvColumnKind {
  if (p.values === 0) return p.tokenCount === 0 ? 'numeric' : 'categorical';
  if (p.dates) return 'datetime';
  if (p.booleans && isBooleanPair(p.booleanValues)) return 'boolean';
  // Free text: mostly distinct values, written as phrases (with spaces) or long.
  // Past the cap on remembered values, the share seen up to the cap stands for the column.
  const cells = p.cellsAtCap || p.cells - p.empty;
  const distinctShare = p.distinct.size / cells;
  const phraseShare = p.withSpace / Math.max(1, p.wordCells);
  const meanLength = p.totalLength / Math.max(1, p.wordCells);
  return distinctShare > 0.5 && (phraseShare >= 0.5 || meanLength >= 40) ? 'text' : 'categorical';
}

function numericNotes(t: NumberTally, decimal: '.' | ',', p: ColumnProfile): string[] {
  const notes: string[] = [];
  if (t.percent > 0) notes.push('parsed as percent: values divided by 100 (12.5% → 0.125)');
  if (t.currency > 0) notes.push('currency symbols removed');
  if (t.thousands > 0) notes.push('thousands separators removed');
  if (t.accounting > 0) notes.push('accounting negatives such as (150.00) read as negative');
  if (decimal === ',' && !p.dot) notes.push('decimal comma: 72,5 read as 72.5');
  return notes;
}

function otherNotes(p: ColumnProfile, decimal: '.' | ',', t: NumberTally | null): string[] {
  const other = decimal === ',' ? p.dot : p.comma;
  if (t && t.percent > 0) return ['mixes percent and plain numbers; not read as numbers'];
  if (other && p.values > 0) {
    const mark = decimal === ',' ? '.' : ',';
    return [
      `looks numeric with '${mark}' decimals, but the file uses '${decimal}'; not read as numbers`,
    ];
  }
  // A column that is numeric but for a few cells deserves a pointer to the first culprit.
  const off = p.firstNonNumeric;
  if (off && off.numbersBefore >= 0.9 * p.values) {
    return [`mostly numeric, but '${off.value}' on line ${off.line} is not a number`];
  }
  return [];
}

function tokenNotes(p: ColumnProfile, tokensAreMissing: boolean): string[] {
  if (p.tokens.size === 0) return [];
  const spelled = [...p.tokens.keys()].map((t) => `'${t}'`).join(', ');
  return tokensAreMissing
    ? [`missing-value spellings read as missing: ${spelled}`]
    : [
        `kept ${spelled} as values: in a text or categorical column they may be real data (NA = Namibia)`,
      ];
}

/** A warning for ±Infinity cells; NaN spellings are counted in it but alone are just missing. */
function nonFiniteWarnings(p: ColumnProfile, t: NumberTally, column: string): CsvWarning[] {
  if (t.infinite === 0) return [];
  const nanCount = [...p.tokens]
    .filter(([token]) => token.toLowerCase().endsWith('nan'))
    .reduce((n, [, count]) => n + count, 0);
  const nan = nanCount > 0 ? ` and ${nanCount} NaN` : '';
  const message =
    `column '${column}': ${t.infinite} infinite${nan} values are not finite numbers and are ` +
    `treated as missing (infinite on line ${t.infiniteLines.join(', ')}${t.infinite > 5 ? ', …' : ''})`;
  return [{ code: 'NON_FINITE', column, line: t.infiniteLines[0], message }];
}
