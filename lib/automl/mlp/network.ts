// A dense ReLU network held as plain Float32Array weights, and its forward pass in TensorFlow.js.

import type { Tensor, Tensor2D } from '@tensorflow/tfjs';
import { Random } from '../random';
import type { Tf } from './backend';

/** One dense layer: `kernel` is inputs × units, row-major; `bias` has `units` values. */
export interface DenseLayer {
  inputs: number;
  units: number;
  kernel: Float32Array;
  bias: Float32Array;
}

/** A layer's weights as tensors (variables while training). */
export interface LayerTensors {
  kernel: Tensor;
  bias: Tensor;
}

// Rows per forward pass at prediction time: bounds memory whatever the number of rows.
const PREDICT_CHUNK_ROWS = 8192;

/**
 * Fresh weights for layer sizes [inputs, hidden..., 1]: He-uniform kernels for the ReLU layers,
 * Glorot-uniform for the linear output, zero biases. All draws come from `random`, so equal seeds
 * give equal networks on every backend.
 */
export function initLayers(sizes: number[], random: Random): DenseLayer[] {
  const layers: DenseLayer[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const inputs = sizes[l];
    const units = sizes[l + 1];
    const isOutput = l + 2 === sizes.length;
    const limit = isOutput ? Math.sqrt(6 / (inputs + units)) : Math.sqrt(6 / Math.max(inputs, 1));
    const kernel = Float32Array.from(
      { length: inputs * units },
      () => (2 * random.next() - 1) * limit,
    );
    layers.push({ inputs, units, kernel, bias: new Float32Array(units) });
  }
  return layers;
}

/** The layers as tensors; the caller disposes them (or creates them inside tf.tidy). */
export function layerTensors(tf: Tf, layers: DenseLayer[]): LayerTensors[] {
  return layers.map((layer) => ({
    kernel: tf.tensor2d(layer.kernel, [layer.inputs, layer.units]),
    bias: tf.tensor1d(layer.bias),
  }));
}

type DenseOp = (x: Tensor2D, kernel: Tensor, bias: Tensor) => Tensor2D;
const denseOps = new WeakMap<Tf, DenseOp>();

/**
 * x·kernel + bias with a hand-written gradient. tfjs differentiates matMul into matMuls with a
 * transposed operand, which the wasm backend runs about 5 times slower than an explicit transpose
 * followed by a plain matMul; with this, a training step takes about a third of the time.
 */
function denseOp(tf: Tf): DenseOp {
  let op = denseOps.get(tf);
  if (!op) {
    op = tf.customGrad((x, kernel, bias, save) => {
      const [xT, kernelT, biasT] = [x, kernel, bias] as Tensor2D[];
      (save as (tensors: Tensor[]) => void)([xT, kernelT]);
      return {
        value: tf.add(tf.matMul(xT, kernelT), biasT),
        gradFunc: (dy: Tensor, saved: Tensor[]) => {
          const [input, weights] = saved as Tensor2D[];
          const dy2 = dy as Tensor2D;
          return [
            tf.matMul(dy2, tf.transpose(weights)),
            tf.matMul(tf.transpose(input), dy2),
            tf.sum(dy2, 0),
          ];
        },
      };
    }) as unknown as DenseOp;
    denseOps.set(tf, op);
  }
  return op;
}

/**
 * The network's output (rows × 1) for `x` (rows × inputs). With `dropout`, each hidden layer's
 * activations are dropped at `rate` with that layer's seed from `seeds` (training only).
 */
export function forward(
  tf: Tf,
  layers: LayerTensors[],
  x: Tensor2D,
  dropout?: { rate: number; seeds: number[] },
): Tensor2D {
  const dense = denseOp(tf);
  let h: Tensor2D = x;
  layers.forEach((layer, l) => {
    h = dense(h, layer.kernel, layer.bias);
    if (l === layers.length - 1) return;
    h = tf.relu(h);
    if (dropout && dropout.rate > 0) {
      h = tf.dropout(h, dropout.rate, undefined, dropout.seeds[l]) as Tensor2D;
    }
  });
  return h;
}

/** Network outputs for a row-major design (numRows × inputs), computed in bounded chunks. */
export function predictDesign(
  tf: Tf,
  layers: DenseLayer[],
  design: Float32Array,
  numRows: number,
): Float32Array {
  const inputs = layers[0].inputs;
  const out = new Float32Array(numRows);
  const tensors = layerTensors(tf, layers);
  try {
    for (let from = 0; from < numRows; from += PREDICT_CHUNK_ROWS) {
      const to = Math.min(numRows, from + PREDICT_CHUNK_ROWS);
      const chunk = tf.tidy(() => {
        const x = tf.tensor2d(design.subarray(from * inputs, to * inputs), [to - from, inputs]);
        return forward(tf, tensors, x).dataSync() as Float32Array;
      });
      out.set(chunk, from);
    }
  } finally {
    for (const t of tensors) tf.dispose([t.kernel, t.bias]);
  }
  return out;
}
