import type { SeededSpec } from './plan';
import { estimateFitSec, planTime } from './time-plan';

const spec = (name: string, family: string): SeededSpec => ({
  name,
  family,
  params: {},
  stackLevel: 1,
  seed: 1,
});
const specs = [
  spec('linear', 'linear'),
  spec('gbdt', 'gbdt'),
  spec('knn', 'knn'),
  spec('mlp', 'mlp'),
];
const input = { trainRows: 40_000, features: 10, folds: 5, concurrency: 2 };

describe('planTime', () => {
  it('runs every model in full without a time limit', () => {
    const planned = planTime(specs, input);
    expect(planned.every((fit) => fit.skipReason === undefined && fit.budgetMs === undefined)).toBe(
      true,
    );
  });

  // Bagging fits every family once per fold, but kNN once in all (leave-one-out scoring).
  const fits = (s: SeededSpec) => (s.family === 'knn' ? 1 : input.folds);

  it('shares the thread time in proportion to the estimates when the plan fits', () => {
    const totalSec = specs.reduce((sum, s) => sum + estimateFitSec(s, input) * fits(s), 0);
    const availableMs = totalSec * 1000; // two threads: twice the time needed
    const planned = planTime(specs, { ...input, availableMs });
    for (const fit of planned) {
      expect(fit.skipReason).toBeUndefined();
      expect(fit.budgetMs).toBeCloseTo(fit.estimateSec * 1000 * 2 * 1.5, 6);
    }
  });

  it('skips the most expensive models first, never the first, naming the reason', () => {
    // Time for the first two in full: the MLP (five fold fits) would cut every share below 80%,
    // and so would a kNN fitted per fold; fitted once, kNN still fits in.
    const twoSec =
      (estimateFitSec(specs[0], input) + estimateFitSec(specs[1], input)) * input.folds;
    const planned = planTime(specs, { ...input, availableMs: (twoSec * 1000) / input.concurrency });
    expect(planned.map((fit) => fit.skipReason === undefined)).toEqual([true, true, true, false]);
    expect(planned[3].skipReason).toMatch(/^time plan: needs about \d+ s of fitting/);
    const tiny = planTime(specs, { ...input, availableMs: 1 });
    expect(tiny.map((fit) => fit.skipReason === undefined)).toEqual([true, false, false, false]);
    expect(tiny[0].budgetMs).toBeGreaterThan(0);
  });
});

describe('planTime for a second chance', () => {
  it('may skip every model, the first included, when none fits', () => {
    const planned = planTime(specs, { ...input, availableMs: 1 }, false);
    expect(planned.every((fit) => fit.skipReason !== undefined)).toBe(true);
  });

  it('runs a neural network on as little as 30% of its estimate, boosting on no less than 80%', () => {
    const mlp = [specs[3]];
    const mlpMs = estimateFitSec(specs[3], input) * input.folds * 1000;
    const ran = (plan: ReturnType<typeof planTime>) => plan[0].skipReason === undefined;
    const at = (share: number, fits: SeededSpec[], ms: number) =>
      planTime(fits, { ...input, availableMs: (ms * share) / input.concurrency }, false);
    expect(ran(at(0.31, mlp, mlpMs))).toBe(true);
    expect(at(0.31, mlp, mlpMs)[0].budgetMs).toBeCloseTo(
      estimateFitSec(specs[3], input) * 1000 * 0.31 * 1.5,
      6,
    );
    expect(ran(at(0.29, mlp, mlpMs))).toBe(false);
    const gbdtMs = estimateFitSec(specs[1], input) * input.folds * 1000;
    expect(ran(at(0.81, [specs[1]], gbdtMs))).toBe(true);
    expect(ran(at(0.5, [specs[1]], gbdtMs))).toBe(false);
  });
});
