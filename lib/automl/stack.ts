// Stacked prediction: members above level 1 see the features plus lower members' predictions.

import { AutoMLError } from './errors';
import { predictMember, type Member } from './trainer';
import type { FeatureMatrix } from './types';

/** Name of the matrix column that carries `member`'s predictions to a higher level. */
export function stackColumnName(member: string): string {
  return `pred:${member}`;
}

/**
 * X with one numeric column appended per input, in `inputs` order (arrays shared, not copied).
 * Trainers build a higher level's matrix with this from out-of-fold predictions; prediction
 * builds it from the lower members' predictions on new data.
 */
export function withStackInputs(
  X: FeatureMatrix,
  inputs: string[],
  predictions: (member: string) => Float64Array,
): FeatureMatrix {
  if (inputs.length === 0) return X;
  const extra = inputs.map((name) => ({
    name: stackColumnName(name),
    source: name,
    categorical: false,
    numCategories: 0,
  }));
  return {
    numRows: X.numRows,
    features: [...X.features, ...extra],
    columns: [...X.columns, ...inputs.map(predictions)],
  };
}

/** Each member's predictions on one matrix, computed once and only when asked for. */
export class StackedPredictions {
  private readonly byName: Map<string, Member>;
  private readonly done = new Map<string, Float64Array>();

  constructor(
    members: Member[],
    private readonly X: FeatureMatrix,
  ) {
    this.byName = new Map(members.map((member) => [member.name, member]));
  }

  /** Predictions of the member called `name`, after those of its inputs. */
  get(name: string): Float64Array {
    const cached = this.done.get(name);
    if (cached) return cached;
    const member = this.byName.get(name);
    if (member === undefined) throw new Error(`no member named '${name}'`);
    const X = withStackInputs(this.X, member.inputs ?? [], (input) => this.get(input));
    const predictions = predictMember(member, X);
    this.done.set(name, predictions);
    return predictions;
  }
}

/** Refuses stacking inputs that are unknown or not of a lower level (which would loop). */
export function checkStackInputs(members: Member[]): void {
  const levels = new Map(members.map((member) => [member.name, member.stackLevel]));
  for (const member of members) {
    for (const input of member.inputs ?? []) {
      const level = levels.get(input);
      if (level === undefined || level >= member.stackLevel) {
        throw new AutoMLError(
          'INVALID_MODEL_FILE',
          `model '${member.name}' (level ${member.stackLevel}) takes input '${input}', which is not a lower-level model`,
        );
      }
    }
  }
}
