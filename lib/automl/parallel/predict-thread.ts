// Entry point of a prediction thread: rebuilds a predictor's members once, then predicts chunks.
import { parentPort } from 'node:worker_threads';
import { findFamily } from '../families';
import { prepareMlpBackend } from '../mlp';
import { predictRows } from '../predict-rows';
import type { Member } from '../trainer';
import type {
  MemberArtifacts,
  PredictChunk,
  PredictInit,
  PredictThreadReply,
} from './predict-messages';

const port = parentPort;
if (!port) throw new Error('lib/automl/parallel/predict-thread.ts must run in a worker thread');

// Chunks are sent right behind the model, and may arrive while it is still being rebuilt (the
// MLP's backend loads asynchronously): they wait for it.
let model: Promise<{ members: Member[]; init: PredictInit }> | undefined;

async function rebuildAll(init: PredictInit) {
  if (init.members.some((member) => member.family === 'mlp')) await prepareMlpBackend();
  return { members: init.members.map(rebuild), init };
}

function rebuild(member: MemberArtifacts): Member {
  const { family } = findFamily(member.family)!;
  return {
    name: member.name,
    family: member.family,
    stackLevel: member.stackLevel,
    models: member.parts.map((artifact) => family.fromArtifact(artifact)),
    ...(member.inputs ? { inputs: member.inputs } : {}),
  };
}

function reply(message: PredictThreadReply, transfer: ArrayBuffer[] = []) {
  port!.postMessage(message, transfer);
}

port.on('message', async (message: PredictInit | PredictChunk) => {
  try {
    if (message.type === 'init') {
      model = rebuildAll(message);
      await model;
      reply({ type: 'ready' });
      return;
    }
    if (!model) throw new Error('a chunk arrived before the model');
    const { members: rebuilt, init } = await model;
    const { weights, features, also } = init;
    const X = { numRows: message.numRows, features, columns: message.columns };
    const result = predictRows(rebuilt, weights, X, also);
    const members = also.map((name) => result.members.get(name)!);
    const buffers = [result.ensemble, ...members].map((array) => array.buffer as ArrayBuffer);
    reply({ type: 'done', id: message.id, ensemble: result.ensemble, members }, [
      ...new Set(buffers),
    ]);
  } catch (error) {
    const id = message.type === 'chunk' ? message.id : undefined;
    reply({ type: 'error', id, message: error instanceof Error ? error.message : String(error) });
  }
});
