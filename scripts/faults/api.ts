// The app's API as the fault script uses it: uploads, trainings, job status, lists.
import fs from 'node:fs';
import path from 'node:path';
import { call, errorMessage, multipartBody, type Account, type Answer } from '../lib/app-client';
import { projectRoot } from '../lib/supervisor';

/** A file of the shared example datasets (`cars.csv`, `diamonds.csv`). */
export function sharedDataset(name: string): Buffer {
  const dirs = [path.resolve(projectRoot, '..', 'shared', 'datasets'), '/work/shared/datasets'];
  const dir = dirs.find((candidate) => fs.existsSync(path.join(candidate, name)));
  if (!dir) throw new Error(`${name} not found in ${dirs.join(' or ')}`);
  return fs.readFileSync(path.join(dir, name));
}

export interface JobView {
  id: string;
  status: 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';
  progress: number;
  message: string;
  error: string | null;
  resourceId: string;
}

export class Api {
  constructor(private readonly baseUrl: () => string) {}

  upload(owner: Account, bytes: Uint8Array, fileName: string, timeoutMs = 120_000) {
    const { contentType, body } = multipartBody(bytes, fileName, { name: fileName });
    return call(`${this.baseUrl()}/api/datasets`, {
      method: 'POST',
      headers: { cookie: owner.cookie, 'content-type': contentType },
      body: new Blob([new Uint8Array(body)]),
      timeoutMs,
    });
  }

  get(owner: Account, route: string, timeoutMs = 30_000): Promise<Answer> {
    return call(`${this.baseUrl()}${route}`, { headers: { cookie: owner.cookie }, timeoutMs });
  }

  post(owner: Account, route: string, json: unknown): Promise<Answer> {
    return call(`${this.baseUrl()}${route}`, {
      method: 'POST',
      headers: { cookie: owner.cookie, 'content-type': 'application/json' },
      body: JSON.stringify(json),
    });
  }

  /** Queues a short training on cars-like data; answers the model's and job's ids. */
  async train(owner: Account, datasetId: string, timeLimitSec: number) {
    const answer = await this.post(owner, '/api/models', {
      name: `faults ${timeLimitSec}s`,
      datasetId,
      label: 'Miles_per_Gallon',
      preset: 'medium_quality',
      timeLimitSec,
    });
    if (answer.status !== 201) throw new Error(`train: ${describe(answer)}`);
    const body = answer.body as { model: { id: string }; job: { id: string } };
    return { modelId: body.model.id, jobId: body.job.id };
  }

  async job(owner: Account, jobId: string): Promise<JobView | undefined> {
    const answer = await this.get(owner, `/api/jobs/${jobId}`, 10_000);
    return answer.status === 200 ? (answer.body as { job: JobView }).job : undefined;
  }

  /** Polls the job until `done` holds; throws naming the job's last state after `timeoutMs`. */
  async waitForJob(
    owner: Account,
    jobId: string,
    done: (job: JobView) => boolean,
    timeoutMs: number,
  ): Promise<JobView> {
    const began = Date.now();
    let last: JobView | undefined;
    while (Date.now() - began < timeoutMs) {
      last = (await this.job(owner, jobId)) ?? last;
      if (last && done(last)) return last;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const state = last ? `${last.status} ${Math.round(last.progress)} % '${last.message}'` : '?';
    throw new Error(`job ${jobId} still ${state} after ${timeoutMs / 1000} s`);
  }

  async datasetIds(owner: Account): Promise<string[]> {
    const answer = await this.get(owner, '/api/datasets');
    if (answer.status !== 200) throw new Error(`GET /api/datasets: ${describe(answer)}`);
    return (answer.body as { datasets: { id: string }[] }).datasets.map((d) => d.id).sort();
  }
}

export const finished = (job: JobView) => !['QUEUED', 'RUNNING'].includes(job.status);

/** "201", "503 'storage is unavailable…'", "no answer (timeout)": an answer in a few words. */
export function describe(answer: Answer): string {
  if (answer.status === 0) return `no answer (${answer.failure})`;
  const message = errorMessage(answer.body);
  return message ? `${answer.status} '${message}'` : String(answer.status);
}

/** Whether an error answer looks like a stack trace or driver text rather than a message. */
export function looksLikeStack(answer: Answer): boolean {
  const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  return /\bat [\w.<>]+ \(|node_modules|ECONNREFUSED|Error:/.test(text ?? '');
}

/** Milliseconds as "12.3 s". */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
