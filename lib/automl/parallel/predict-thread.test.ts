// The prediction thread's protocol: the model, then chunks, which may follow it at once.
import path from 'node:path';
import { matrix } from '@/tests/automl/matrix';
import { gbdtFamily } from '../gbdt';
import { mlpFamily, prepareMlpBackend } from '../mlp';
import { predictRows } from '../predict-rows';
import { Random } from '../random';
import type { Member } from '../trainer';
import { startThread } from './entry';
import type { PredictInit, PredictThreadReply } from './predict-messages';

describe('prediction thread', () => {
  it('predicts chunks sent right behind the model while the MLP backend loads', async () => {
    await prepareMlpBackend();
    const random = new Random(3);
    const n = 500;
    const x = Float64Array.from({ length: n }, () => random.normal());
    const y = Float64Array.from(x, (v) => 2 * v + random.normal() * 0.1);
    const data = { X: matrix([x]), y };
    const members: Member[] = [
      {
        name: 'mlp',
        family: 'mlp',
        stackLevel: 1,
        models: [mlpFamily.fit(data, undefined, { hiddenUnits: [4], maxEpochs: 1 }, { seed: 1 })],
      },
      {
        name: 'gbdt',
        family: 'gbdt',
        stackLevel: 1,
        models: [gbdtFamily.fit(data, undefined, { numRounds: 10 }, { seed: 1 })],
      },
    ];
    const init: PredictInit = {
      type: 'init',
      members: members.map((member) => ({
        name: member.name,
        family: member.family,
        stackLevel: member.stackLevel,
        parts: member.models.map((model) => model.toArtifact()),
      })),
      weights: [0.5, 0.5],
      features: data.X.features,
      also: ['mlp'],
    };
    const worker = startThread(path.join(__dirname, 'predict-thread.ts'));
    try {
      const replies: PredictThreadReply[] = [];
      const finished = new Promise<void>((resolve, reject) => {
        worker.on('error', reject);
        worker.on('message', (reply: PredictThreadReply) => {
          replies.push(reply);
          if (reply.type === 'done' || reply.type === 'error') resolve();
        });
      });
      worker.postMessage(init);
      worker.postMessage({ type: 'chunk', id: 4, numRows: n, columns: [x.slice()] });
      await finished;
      const done = replies.find((reply) => reply.type !== 'ready');
      expect(done).toMatchObject({ type: 'done', id: 4 });
      const expected = predictRows(members, [0.5, 0.5], data.X, ['mlp']);
      if (done?.type !== 'done') return;
      expect(Array.from(done.ensemble)).toEqual(Array.from(expected.ensemble));
      expect(Array.from(done.members[0])).toEqual(Array.from(expected.members.get('mlp')!));
    } finally {
      await worker.terminate();
    }
  }, 60_000);
});
