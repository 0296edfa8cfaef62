// Options of the neural network (MLP) family, with defaults and ranges, as one zod schema.
import { parseParams } from '../params';
import { z } from 'zod';

export const mlpParamsSchema = z.object({
  hiddenUnits: z
    .array(z.number().int().min(1).max(4096))
    .min(1)
    .max(8)
    .default([128, 64])
    .describe('Units of each hidden dense layer (ReLU), input side first.'),
  dropout: z
    .number()
    .min(0)
    .max(0.9)
    .default(0.1)
    .describe('Share of hidden activations dropped in each training step.'),
  learningRate: z.number().gt(0).max(1).default(0.003).describe('Adam step size at the start.'),
  batchSize: z.number().int().min(1).max(65536).default(256).describe('Rows per Adam step.'),
  maxEpochs: z
    .number()
    .int()
    .min(1)
    .max(10000)
    .default(200)
    .describe('Most passes over the training rows; early stopping usually ends sooner.'),
  patience: z
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(12)
    .describe(
      'Stop after this many epochs without validation improvement; the learning rate halves after half as many.',
    ),
  maxLevels: z
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(64)
    .describe('One-hot columns per categorical at most (rarer levels share the rare/unseen one).'),
  validFraction: z
    .number()
    .min(0)
    .max(0.5)
    .default(0.1)
    .describe(
      'Share of training rows held out for early stopping when no validation set is given; ' +
        '0 = none: train on all rows for maxEpochs and keep the last weights (for refits).',
    ),
});

export type MlpParams = z.infer<typeof mlpParamsSchema>;

/** Validates options, filling defaults; an invalid one raises INVALID_OPTION naming it and its value. */
export function resolveMlpParams(input: Partial<MlpParams>): MlpParams {
  return parseParams('mlp', mlpParamsSchema, input);
}
