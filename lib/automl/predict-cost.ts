// A model's prediction cost estimated from its structure, not timed: the ensemble uses it to leave
// out members that cost much and add little, and a timing would make the same seed give different
// predictors on a busy machine.
import type { ModelArtifact, TrainedModel } from './types';

// Rough nanoseconds per unit of work on one core, measured on the shared datasets (4 December):
// a tree step about 5 ns (txhousing: 375 trees of 5.9 steps, 100,000 rows in 1.1 s); a kNN
// distance coordinate from 0.06 ns (diamonds, where the k-d tree skips most points) to 2 ns
// (college_distance, where it skips few), so 2 is an upper bound; a multiply-add of the linear
// model or MLP about 1 ns.
const NS_PER_TREE_STEP = 5;
const NS_PER_DISTANCE_TERM = 2;
const NS_PER_MULTIPLY_ADD = 1;

/** Estimated nanoseconds to predict one row with `model`; 0 for a family it does not know. */
export function predictCostNs(model: TrainedModel): number {
  const artifact = model.toArtifact();
  switch (artifact.family) {
    case 'gbdt':
    case 'rf':
    case 'xt':
      return NS_PER_TREE_STEP * treeSteps(artifact);
    case 'knn':
      return NS_PER_DISTANCE_TERM * lengthOf(artifact, 'y') * numberOf(artifact, 'width');
    case 'linear':
      return NS_PER_MULTIPLY_ADD * lengthOf(artifact, 'coef');
    case 'mlp':
      return (
        NS_PER_MULTIPLY_ADD *
        Object.entries(artifact.arrays)
          .filter(([name]) => name.startsWith('kernel'))
          .reduce((sum, [, kernel]) => sum + kernel.length, 0)
      );
    default:
      return 0;
  }
}

// Sum over the trees of the mean depth of their leaves: the steps a row takes through the forest
// when its rows spread evenly over the leaves.
function treeSteps(artifact: ModelArtifact): number {
  const { roots, feature, left } = artifact.arrays;
  if (!roots || !feature || !left) return 0;
  const depth = new Int32Array(feature.length);
  let steps = 0;
  for (let t = 0; t < roots.length; t++) {
    const end = t + 1 < roots.length ? roots[t + 1] : feature.length;
    let leaves = 0;
    let depths = 0;
    // Children follow their parent in the node order, so one pass gives every depth.
    for (let node = roots[t]; node < end; node++) {
      if (feature[node] < 0) {
        leaves++;
        depths += depth[node];
      } else {
        depth[left[node]] = depth[node] + 1;
        depth[left[node] + 1] = depth[node] + 1;
      }
    }
    steps += leaves > 0 ? depths / leaves : 0;
  }
  return steps;
}

function lengthOf(artifact: ModelArtifact, name: string): number {
  return artifact.arrays[name]?.length ?? 0;
}

function numberOf(artifact: ModelArtifact, name: string): number {
  const value = artifact.params[name];
  return typeof value === 'number' ? value : 0;
}
