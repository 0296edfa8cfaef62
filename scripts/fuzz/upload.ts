// Upload fuzz run: posts seeded broken and hostile CSVs (scripts/fuzz/generators.ts) to
// POST /api/datasets of an app on 127.0.0.1 — one it starts with a fresh DATA_DIR, or the one at
// --base-url — and checks that none gets a 5xx, the app keeps answering, and every refusal is
// JSON with a message. Prints how many inputs were tried and how each class was answered.
// Exits 1 on any 5xx, crash, hang or refusal without a message.
//
//   npm run fuzz:upload -- [--count 200] [--seed 1] [--time-limit 600] [--timeout 90]
//     [--base-url http://127.0.0.1:3000] [--only <index>] [--save <folder for failing inputs>]

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { call, createAccount, errorMessage, multipartBody, type Answer } from '../lib/app-client';
import { startApp, stopOnInterrupt, type AppProcess } from '../lib/app-process';
import { fuzzInput, type FuzzInput } from './generators';
import { printTables, type Outcome } from './report';

const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '200' },
    seed: { type: 'string', default: '1' },
    'time-limit': { type: 'string', default: '600' },
    timeout: { type: 'string', default: '90' },
    'base-url': { type: 'string' },
    only: { type: 'string' },
    save: { type: 'string' },
  },
});
const seed = Number(args.seed);
const say = (line: string) => process.stdout.write(`fuzz:upload: ${line}\n`);

async function send(baseUrl: string, cookie: string, input: FuzzInput): Promise<Answer> {
  const { contentType, body } =
    input.raw ?? multipartBody(input.file, input.fileName, input.fields);
  return call(`${baseUrl}/api/datasets`, {
    method: 'POST',
    headers: { 'content-type': contentType, cookie },
    body: new Uint8Array(body),
    timeoutMs: Number(args.timeout) * 1000,
  });
}

/** Whether the app still answers a page within 15 s. */
async function answers(baseUrl: string): Promise<boolean> {
  const answer = await call(`${baseUrl}/login`, { timeoutMs: 15_000 });
  return answer.status === 200;
}

/** What went wrong with one answer, or undefined when it is acceptable. */
function problem(answer: Answer): string | undefined {
  if (answer.status === 0)
    return answer.failure === 'timeout' ? 'no answer (timeout)' : `no answer (${answer.failure})`;
  if (answer.status >= 500) return `${answer.status} ${errorMessage(answer.body) ?? ''}`.trim();
  if (answer.status >= 400 && !errorMessage(answer.body))
    return `${answer.status} without a JSON message`;
  return undefined;
}

async function fuzz(baseUrl: string, alive: () => boolean): Promise<Outcome[]> {
  const account = await createAccount(baseUrl, 'fuzz');
  const deadline = Date.now() + Number(args['time-limit']) * 1000;
  const indexes =
    args.only !== undefined ? [Number(args.only)] : [...Array(Number(args.count)).keys()];
  const outcomes: Outcome[] = [];
  for (const index of indexes) {
    if (Date.now() > deadline) {
      say(`time limit reached after ${outcomes.length} inputs`);
      break;
    }
    const input = fuzzInput(seed, index);
    const answer = await send(baseUrl, account.cookie, input);
    let trouble = problem(answer);
    if (answer.status === 0 && !(alive() && (await answers(baseUrl))))
      trouble = `CRASH: ${trouble}`;
    outcomes.push({
      input,
      answer,
      problem: trouble,
      sizeBytes: input.raw?.body.length ?? input.file.length,
    });
    if (trouble) {
      say(`input ${index} (${input.kind}, ${input.file.length} bytes): ${trouble}`);
      if (args.save) save(input);
      if (trouble.startsWith('CRASH')) break;
    }

    // An accepted file is deleted again, so storage stays small over the run.
    const dataset = (answer.body as { dataset?: { id: string } } | null)?.dataset;
    if (answer.status === 201 && dataset) {
      await call(`${baseUrl}/api/datasets/${dataset.id}`, {
        method: 'DELETE',
        headers: { cookie: account.cookie },
      });
    }
    if (index % 20 === 19 && !(await answers(baseUrl))) {
      outcomes.push({ input, answer, problem: 'CRASH: the app stopped answering', sizeBytes: 0 });
      break;
    }
  }
  return outcomes;
}

function save(input: FuzzInput): void {
  fs.mkdirSync(args.save!, { recursive: true });
  const file = path.join(args.save!, `seed${seed}-${input.index}-${input.kind}.bin`);
  fs.writeFileSync(file, input.raw?.body ?? input.file);
}

async function main() {
  let app: AppProcess | undefined;
  stopOnInterrupt(() => app);
  const began = Date.now();
  let baseUrl = args['base-url'];
  if (!baseUrl) {
    app = await startApp();
    baseUrl = app.baseUrl;
    say(`app ready at ${baseUrl} (log ${app.logFile})`);
  }
  let outcomes: Outcome[] = [];
  try {
    outcomes = await fuzz(baseUrl, () => app?.alive() ?? true);
  } finally {
    if (app) {
      say('stopping the app (SIGINT to its process group)');
      await app.stop();
    }
  }
  const failures = printTables(outcomes, say);
  // The app's log is kept only when something went wrong.
  if (app && failures === 0) fs.rmSync(app.logFile, { force: true });
  else if (app) say(`the app's log: ${app.logFile}`);
  say(
    `seed ${seed}: ${outcomes.length} inputs tried in ${((Date.now() - began) / 1000).toFixed(0)} s, ${failures} failures; load average ${os
      .loadavg()
      .map((v) => v.toFixed(2))
      .join(' ')}`,
  );
  if (failures > 0)
    say(`replay one: npm run fuzz:upload -- --seed ${seed} --only <index> --save /tmp/fuzz`);
  process.exit(failures > 0 ? 1 : 0);
}

main().catch((error) => {
  process.stderr.write(`fuzz:upload failed: ${error instanceof Error ? error.message : error}\n`);
  process.exit(1);
});
