// The MLP training loop: seeded mini-batches, Adam, early stopping on validation with the best weights kept.

import type { Optimizer, Scalar, Variable } from '@tensorflow/tfjs';
import { Random } from '../random';
import type { ProgressCallback } from '../types';
import type { Tf } from './backend';
import { forward, initLayers, predictDesign, type DenseLayer } from './network';
import type { MlpParams } from './params';

/** Rows ready for the network: a row-major design (rows × width) and the standardised label. */
export interface NetworkRows {
  design: Float32Array;
  y: Float32Array;
  numRows: number;
  width: number;
}

/** The best network seen and how training went. */
export interface TrainOutcome {
  layers: DenseLayer[];
  epochs: number;
  bestEpoch: number;
  /** Validation RMSE in standardised label units after each epoch. */
  curve: number[];
  stoppedBy: 'patience' | 'maxEpochs' | 'deadline';
}

interface TrainingState {
  variables: { kernel: Variable; bias: Variable }[];
  optimizer: Optimizer;
  random: Random;
  batch: { x: Float32Array; y: Float32Array };
}

/**
 * Trains a network of `settings.hiddenUnits` on `train`, scoring `valid` after every epoch and
 * keeping the best weights (without `valid`, the last weights: a refit with a known epoch count). Stops after `patience` epochs without improvement, after `maxEpochs`,
 * or when the next epoch would end past `deadlineMs` (one epoch always runs).
 */
export function trainNetwork(
  tf: Tf,
  train: NetworkRows,
  valid: NetworkRows | undefined,
  settings: MlpParams,
  context: { seed: number; deadlineMs?: number; onProgress?: ProgressCallback },
): TrainOutcome {
  const width = train.width;
  const random = new Random(context.seed);
  let best = initLayers([width, ...settings.hiddenUnits, 1], random);
  const state = startTraining(tf, best, settings, random, width);
  const curve: number[] = [];
  let bestEpoch = 0;
  let stoppedBy: TrainOutcome['stoppedBy'] = 'maxEpochs';
  let learningRate = settings.learningRate;
  const halveAfter = Math.max(1, Math.floor(settings.patience / 2));
  const fitStartMs = Date.now();
  try {
    for (let epoch = 1; epoch <= settings.maxEpochs; epoch++) {
      const startMs = Date.now();
      runEpoch(tf, state, train, settings);
      const snapshot = readLayers(state);
      curve.push(valid ? validationRmse(tf, snapshot, valid) : NaN);
      context.onProgress?.(
        progressFraction(epoch, settings.maxEpochs, fitStartMs, context.deadlineMs),
        valid
          ? `mlp: epoch ${epoch}, validation RMSE ${curve[epoch - 1].toPrecision(4)}`
          : `mlp: epoch ${epoch}`,
      );

      // Keep the best weights; halve the step after a plateau; stop after a longer one.
      if (!valid || epoch === 1 || curve[epoch - 1] < curve[bestEpoch - 1]) {
        best = snapshot;
        bestEpoch = epoch;
      } else if ((epoch - bestEpoch) % halveAfter === 0) {
        learningRate /= 2;
        setLearningRate(state.optimizer, learningRate);
      }
      if (epoch - bestEpoch >= settings.patience) {
        stoppedBy = 'patience';
        break;
      }
      const epochMs = Date.now() - startMs;
      if (context.deadlineMs !== undefined && Date.now() + epochMs > context.deadlineMs) {
        stoppedBy = epoch < settings.maxEpochs ? 'deadline' : 'maxEpochs';
        break;
      }
    }
  } finally {
    state.optimizer.dispose();
    for (const v of state.variables) tf.dispose([v.kernel, v.bias]);
  }
  return { layers: best, epochs: curve.length, bestEpoch, curve, stoppedBy };
}

// Epochs done, or time used when a deadline is nearer: whichever is further along.
function progressFraction(epoch: number, maxEpochs: number, startMs: number, deadlineMs?: number) {
  const byEpochs = epoch / maxEpochs;
  if (deadlineMs === undefined || deadlineMs <= startMs) return byEpochs;
  return Math.min(1, Math.max(byEpochs, (Date.now() - startMs) / (deadlineMs - startMs)));
}

function startTraining(
  tf: Tf,
  layers: DenseLayer[],
  settings: MlpParams,
  random: Random,
  width: number,
): TrainingState {
  // Variables copy their initial tensor; the tidy releases those copies (variables survive it).
  const variables = tf.tidy(() =>
    layers.map((layer) => ({
      kernel: tf.variable(tf.tensor2d(layer.kernel, [layer.inputs, layer.units])),
      bias: tf.variable(tf.tensor1d(layer.bias)),
    })),
  );
  return {
    variables,
    optimizer: tf.train.adam(settings.learningRate),
    random,
    batch: {
      x: new Float32Array(settings.batchSize * width),
      y: new Float32Array(settings.batchSize),
    },
  };
}

// One pass over the training rows in a seeded order, one Adam step per batch.
function runEpoch(tf: Tf, state: TrainingState, rows: NetworkRows, settings: MlpParams): void {
  const width = state.batch.x.length / settings.batchSize;
  const order = state.random.permutation(rows.numRows);
  const varList = state.variables.flatMap((v) => [v.kernel, v.bias]);
  for (let from = 0; from < rows.numRows; from += settings.batchSize) {
    const size = Math.min(settings.batchSize, rows.numRows - from);
    for (let r = 0; r < size; r++) {
      const i = order[from + r];
      state.batch.x.set(rows.design.subarray(i * width, (i + 1) * width), r * width);
      state.batch.y[r] = rows.y[i];
    }
    // tfjs draws dropout masks from the seed it is given: a fresh one per layer and step.
    const seeds = settings.hiddenUnits.map(() => state.random.nextUint32());
    tf.tidy(() => {
      const x = tf.tensor2d(state.batch.x.subarray(0, size * width), [size, width]);
      const y = tf.tensor2d(state.batch.y.subarray(0, size), [size, 1]);
      state.optimizer.minimize(
        () => {
          const output = forward(tf, state.variables, x, { rate: settings.dropout, seeds });
          return tf.mean(tf.square(tf.sub(output, y))) as Scalar;
        },
        false,
        varList,
      );
    });
  }
}

function readLayers(state: TrainingState): DenseLayer[] {
  return state.variables.map(({ kernel, bias }) => ({
    inputs: kernel.shape[0],
    units: bias.shape[0],
    kernel: Float32Array.from(kernel.dataSync()),
    bias: Float32Array.from(bias.dataSync()),
  }));
}

function validationRmse(tf: Tf, layers: DenseLayer[], valid: NetworkRows): number {
  const predictions = predictDesign(tf, layers, valid.design, valid.numRows);
  let sum = 0;
  for (let i = 0; i < valid.numRows; i++) sum += (predictions[i] - valid.y[i]) ** 2;
  return Math.sqrt(sum / Math.max(valid.numRows, 1));
}

// tfjs's Adam reads its learningRate field at every step, so it can be lowered in place.
function setLearningRate(optimizer: Optimizer, learningRate: number): void {
  (optimizer as unknown as { learningRate: number }).learningRate = learningRate;
}
