// Tables of the upload fuzz run: per class of input, and per answer status, with sample messages.
import { errorMessage, type Answer } from '../lib/app-client';
import type { FuzzInput } from './generators';

/** One input tried, what it got, and what was wrong with the answer (undefined: nothing). */
export interface Outcome {
  input: FuzzInput;
  answer: Answer;
  problem?: string;
  sizeBytes: number;
}

function statusOf(outcome: Outcome): string {
  return outcome.answer.status === 0 ? 'none' : String(outcome.answer.status);
}

function messageOf(outcome: Outcome): string {
  const message =
    errorMessage(outcome.answer.body) ?? (outcome.answer.status === 201 ? 'stored' : '');
  const flat = message.replace(/\s+/g, ' ');
  return flat.length > 90 ? `${flat.slice(0, 87)}…` : flat;
}

function print(rows: string[][], say: (line: string) => void): void {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const r of rows)
    say(
      r
        .map((cell, c) => cell.padEnd(widths[c]))
        .join('  ')
        .trimEnd(),
    );
}

const grouped = <K>(items: Outcome[], key: (o: Outcome) => K) => {
  const groups = new Map<K, Outcome[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
};

/** Prints the class table and the status table; returns how many answers had a problem. */
export function printTables(outcomes: Outcome[], say: (line: string) => void): number {
  const classRows = [
    ['class', 'tried', 'answers (status × count)', 'slowest', 'largest', 'sample message'],
  ];
  for (const [kind, items] of grouped(outcomes, (o) => o.input.kind)) {
    const statuses = [...grouped(items, statusOf)].map(
      ([status, list]) => `${status}×${list.length}`,
    );
    const refusal = items.find((o) => o.answer.status >= 400) ?? items[0];
    classRows.push([
      kind,
      String(items.length),
      statuses.join(' '),
      `${Math.max(...items.map((o) => o.answer.ms)).toFixed(0)} ms`,
      `${(Math.max(...items.map((o) => o.sizeBytes)) / 1024).toFixed(0)} KiB`,
      messageOf(refusal),
    ]);
  }
  print(classRows, say);
  say('');

  const statusRows = [['status', 'count', 'distinct messages', 'sample message']];
  for (const [status, items] of [...grouped(outcomes, statusOf)].sort()) {
    const distinct = new Set(items.map((o) => errorMessage(o.answer.body) ?? ''));
    statusRows.push([status, String(items.length), String(distinct.size), messageOf(items[0])]);
  }
  print(statusRows, say);
  return outcomes.filter((o) => o.problem).length;
}
