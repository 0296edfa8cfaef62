// MLP backend choice: a synchronous fallback before preparation, then the wasm upgrade.

import { mlpBackend, mlpBackendInfo, prepareMlpBackend } from './backend';

describe('mlp backend', () => {
  it('falls back to the plain cpu backend before preparation, then upgrades to wasm', async () => {
    expect(mlpBackendInfo()).toBeUndefined();
    // The native packages cannot be installed here, so the synchronous choice is the cpu backend.
    const early = mlpBackend();
    expect(early).toMatchObject({ name: 'cpu', package: '@tensorflow/tfjs' });
    expect(early.tf.getBackend()).toBe('cpu');

    const handlers = () =>
      ['uncaughtException', 'unhandledRejection'].map((e) => process.listenerCount(e));
    const handlersBefore = handlers();
    const prepared = await prepareMlpBackend();
    // Emscripten's rethrowing process handlers are removed again.
    expect(handlers()).toEqual(handlersBefore);
    expect(prepared).toMatchObject({ name: 'wasm', package: '@tensorflow/tfjs-backend-wasm' });
    expect(prepared.tf.getBackend()).toBe('wasm');
    expect(mlpBackend()).toBe(prepared);
    expect(mlpBackendInfo()).toEqual({ name: 'wasm', package: '@tensorflow/tfjs-backend-wasm' });
    expect(await prepareMlpBackend()).toBe(prepared);
  });
});
