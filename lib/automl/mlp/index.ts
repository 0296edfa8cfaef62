// The neural network family: a dense ReLU network on TensorFlow.js, stored as Float32Array weights.

import { AutoMLError } from '../errors';
import {
  denseDesign,
  fitLayout,
  layoutArrays,
  layoutFromArrays,
  storedArray,
  type LinearLayout,
} from '../knn/design';
import { Random } from '../random';
import { takeRows } from '../holdout';
import type {
  FeatureMatrix,
  LabelledMatrix,
  ModelArtifact,
  ModelFamily,
  TrainedModel,
} from '../types';
import { mlpBackend } from './backend';
import { predictDesign, type DenseLayer } from './network';
import { resolveMlpParams, type MlpParams } from './params';
import { trainNetwork, type NetworkRows } from './train';

export { mlpParamsSchema, resolveMlpParams, type MlpParams } from './params';
export { mlpBackendInfo, prepareMlpBackend } from './backend';

/** How the label was standardised for training: predictions are output · std + mean. */
export interface LabelScale {
  mean: number;
  std: number;
}

/**
 * A fitted MLP: the input layout (standardised numerics with missing indicators, one-hot
 * categoricals), the dense layers and the label scale. Predicts on whichever backend is active.
 */
export class MlpModel implements TrainedModel {
  readonly family = 'mlp';

  constructor(
    readonly layout: LinearLayout,
    readonly layers: DenseLayer[],
    readonly label: LabelScale,
    readonly info: Record<string, unknown> = {},
  ) {}

  predict(X: FeatureMatrix): Float64Array {
    const { tf } = mlpBackend();
    const design = denseDesign(this.layout, X);
    const output = predictDesign(tf, this.layers, design, X.numRows);
    return Float64Array.from(output, (v) => v * this.label.std + this.label.mean);
  }

  toArtifact(): ModelArtifact {
    const arrays: ModelArtifact['arrays'] = layoutArrays(this.layout);
    this.layers.forEach((layer, l) => {
      arrays[`kernel${l}`] = layer.kernel;
      arrays[`bias${l}`] = layer.bias;
    });
    return {
      family: this.family,
      params: {
        ...this.info,
        layerSizes: [this.layers[0].inputs, ...this.layers.map((layer) => layer.units)],
        labelMean: this.label.mean,
        labelStd: this.label.std,
        width: this.layout.width,
      },
      arrays,
    };
  }
}

function labelScale(y: Float64Array): LabelScale {
  let sum = 0;
  for (const v of y) sum += v;
  const mean = sum / y.length;
  let squares = 0;
  for (const v of y) squares += (v - mean) ** 2;
  return { mean, std: Math.sqrt(squares / y.length) || 1 };
}

function networkRows(layout: LinearLayout, data: LabelledMatrix, label: LabelScale): NetworkRows {
  return {
    design: denseDesign(layout, data.X),
    y: Float32Array.from(data.y, (v) => (v - label.mean) / label.std),
    numRows: data.X.numRows,
    width: layout.width,
  };
}

// Without validation rows, a seeded share of the training rows decides when to stop.
function earlyStoppingSplit(train: LabelledMatrix, fraction: number, seed: number) {
  const n = train.X.numRows;
  const order = new Random(seed ^ 0x5bd1e995).permutation(n);
  const validCount = Math.min(n - 1, Math.max(1, Math.round(n * fraction)));
  const rows = (from: number, to: number) => order.slice(from, to).sort();
  return {
    train: takeRows(train.X, train.y, rows(validCount, n)),
    valid: takeRows(train.X, train.y, rows(0, validCount)),
  };
}

/**
 * Multi-layer perceptron regression: ReLU dense layers with dropout, Adam on the standardised
 * label, early stopping on the validation rows (or a seeded share of training rows), best weights
 * kept. Deterministic for a seed on a given backend. Call `prepareMlpBackend()` once beforehand
 * to train on wasm rather than the slower plain cpu backend.
 */
export const mlpFamily: ModelFamily<MlpParams> = {
  name: 'mlp',

  fit(train, valid, params, context) {
    const settings = resolveMlpParams(params);
    const backend = mlpBackend();
    const split =
      valid || settings.validFraction === 0
        ? { train, valid }
        : earlyStoppingSplit(train, settings.validFraction, context.seed);
    const layout = fitLayout(split.train.X, settings.maxLevels);
    const label = labelScale(split.train.y);
    context.onProgress?.(0, `mlp: training on the ${backend.name} backend`);
    const outcome = trainNetwork(
      backend.tf,
      networkRows(layout, split.train, label),
      split.valid && networkRows(layout, split.valid, label),
      settings,
      context,
    );
    context.onProgress?.(1, 'mlp: done');
    return new MlpModel(layout, outcome.layers, label, {
      backend: backend.name,
      backendPackage: backend.package,
      epochs: outcome.epochs,
      bestEpoch: outcome.bestEpoch,
      stoppedBy: outcome.stoppedBy,
      validationRmse: split.valid ? outcome.curve[outcome.bestEpoch - 1] * label.std : undefined,
      dropout: settings.dropout,
    });
  },

  fromArtifact(artifact) {
    const { layerSizes, labelMean, labelStd, width, ...info } = artifact.params;
    if (
      !Array.isArray(layerSizes) ||
      layerSizes.length < 2 ||
      !layerSizes.every((size) => Number.isInteger(size) && size >= 0) ||
      typeof labelMean !== 'number' ||
      typeof labelStd !== 'number'
    ) {
      throw new AutoMLError('INVALID_MODEL_FILE', 'mlp model: layerSizes or label scale missing');
    }
    const layout = layoutFromArrays(artifact.arrays, width, 'mlp');
    const sizes = layerSizes as number[];
    const layers = sizes.slice(1).map((units, l) => ({
      inputs: sizes[l],
      units,
      kernel: storedArray(artifact.arrays, `kernel${l}`, Float32Array, 'mlp', sizes[l] * units),
      bias: storedArray(artifact.arrays, `bias${l}`, Float32Array, 'mlp', units),
    }));
    return new MlpModel(layout, layers, { mean: labelMean, std: labelStd }, info);
  },
};
