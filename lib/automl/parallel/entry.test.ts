// Thread entries: TypeScript source bundled once per process, rebuilt when its file is gone, and
// started through tsx when it cannot be bundled.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { bundleOf, startThread } from './entry';

function firstMessage(worker: Worker): Promise<unknown> {
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  }).finally(() => worker.terminate());
}

describe('thread entries', () => {
  // Not an entry threads use: other test files may be starting threads from theirs meanwhile.
  const entry = path.join(__dirname, 'messages.ts');

  it('bundles a TypeScript entry into node_modules/.cache once, and again when it is removed', () => {
    const file = bundleOf(entry);
    expect(file).toMatch(/node_modules\/\.cache\/cidra-ml-threads\/messages-[0-9a-f]{16}\.js$/);
    expect(bundleOf(entry)).toBe(file);
    rmSync(file!);
    expect(bundleOf(entry)).toBe(file);
    expect(existsSync(file!)).toBe(true);
  });

  it('starts a thread through tsx when the entry cannot be bundled', async () => {
    // Outside the repository no node_modules lies above the entry, so there is nowhere to put
    // its bundle; the thread still runs the TypeScript.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'entry-'));
    try {
      const source = path.join(dir, 'hello.ts');
      writeFileSync(
        source,
        "import { parentPort } from 'node:worker_threads';\n" +
          "const greeting: string = 'typed hello';\nparentPort!.postMessage(greeting);\n",
      );
      expect(bundleOf(source)).toBeNull();
      expect(await firstMessage(startThread(source))).toBe('typed hello');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
