// What must survive every fault: a sha256 of each dataset and model, read through the app's
// download routes, and the invariants between the database and storage (no row without its file).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { Client } from 'pg';
import { S3Storage } from '@/lib/storage';
import type { Account } from '../lib/app-client';
import type { Cluster } from './cluster';

/** One dataset or model whose bytes must not change. */
interface Item {
  kind: 'dataset' | 'model';
  id: string;
  owner: Account;
  sha256: string;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * A model's download is the stored zip plus a generated model_info.txt, rebuilt at each
 * download; its checksum covers the stored entries (names and bytes), which must not change.
 */
async function modelChecksum(zipBytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(zipBytes);
  const hash = createHash('sha256');
  for (const name of Object.keys(zip.files).sort()) {
    if (name === 'model_info.txt' || zip.files[name].dir) continue;
    hash
      .update(name)
      .update('\0')
      .update(await zip.files[name].async('uint8array'));
  }
  return hash.digest('hex');
}

async function download(baseUrl: string, owner: Account, route: string): Promise<Buffer> {
  const response = await fetch(`${baseUrl}${route}`, {
    headers: { cookie: owner.cookie },
    signal: AbortSignal.timeout(60_000),
  });
  if (response.status !== 200) throw new Error(`GET ${route}: ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

async function checksumOf(baseUrl: string, kind: Item['kind'], id: string, owner: Account) {
  if (kind === 'dataset')
    return sha256(await download(baseUrl, owner, `/api/datasets/${id}/download`));
  return modelChecksum(await download(baseUrl, owner, `/api/models/${id}/download`));
}

export interface Verdict {
  checked: number;
  /** Items that are gone or whose bytes changed, with why. */
  lost: string[];
}

/** The datasets and models recorded so far, with their checksums. */
export class Inventory {
  private readonly items: Item[] = [];

  constructor(private readonly cluster: Cluster) {}

  get size(): number {
    return this.items.length;
  }

  /** Downloads the item now and remembers its checksum. */
  async add(kind: Item['kind'], id: string, owner: Account): Promise<void> {
    const digest = await checksumOf(this.cluster.baseUrl, kind, id, owner);
    this.items.push({ kind, id, owner, sha256: digest });
  }

  /** Downloads every recorded item again and compares. */
  async verify(): Promise<Verdict> {
    const lost: string[] = [];
    for (const item of this.items) {
      try {
        const digest = await checksumOf(this.cluster.baseUrl, item.kind, item.id, item.owner);
        if (digest !== item.sha256) lost.push(`${item.kind} ${item.id}: checksum changed`);
      } catch (error) {
        lost.push(`${item.kind} ${item.id}: ${(error as Error).message}`);
      }
    }
    return { checked: this.items.length, lost };
  }
}

/** Runs `work` with a client on the app's database. */
export async function withDatabase<T>(url: string, work: (client: Client) => Promise<T>) {
  const client = new Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}

export function s3Of(cluster: Cluster): S3Storage {
  return new S3Storage({
    endpoint: cluster.s3Endpoint,
    bucket: cluster.bucket,
    region: 'us-east-1',
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    forcePathStyle: true,
  });
}

export interface Consistency {
  datasets: number;
  /** Dataset and completed model rows whose stored file is missing. */
  rowsWithoutFile: string[];
  /** Stored dataset files no row points at (left by a write cut short; harmless but wasted). */
  filesWithoutRow: string[];
  /** Files left in DATA_DIR/tmp/datasets (upload scratch). */
  scratchFiles: string[];
  /** Jobs RUNNING without a heartbeat for longer than the stale limit plus a margin. */
  stuckJobs: string[];
}

/** Compares the rows with storage; run while the app is quiet (no upload in flight). */
export async function checkConsistency(cluster: Cluster, staleSec: number): Promise<Consistency> {
  const { datasets, models, stuck } = await withDatabase(cluster.databaseUrl, async (client) => ({
    datasets: (await client.query('SELECT id, storage_key FROM datasets')).rows,
    models: (
      await client.query(
        `SELECT id, storage_key FROM models WHERE status = 'COMPLETED' AND storage_key IS NOT NULL`,
      )
    ).rows,
    stuck: (
      await client.query(
        `SELECT id FROM jobs WHERE status = 'RUNNING'
           AND heartbeat_at < now() - make_interval(secs => $1)`,
        [staleSec * 3],
      )
    ).rows,
  }));
  const storage = s3Of(cluster);
  const stored = new Set((await storage.list('')).map((object) => object.key));
  const rowKeys = new Set(datasets.map((row) => row.storage_key as string));
  const rowsWithoutFile = [...datasets, ...models]
    .filter((row) => !stored.has(row.storage_key))
    .map((row) => `${row.id} (${row.storage_key})`);
  const filesWithoutRow = [...stored].filter(
    (key) => key.startsWith('datasets/') && key.endsWith('.csv') && !rowKeys.has(key),
  );
  const scratch = path.join(cluster.dataDir, 'tmp', 'datasets');
  const scratchFiles = fs.existsSync(scratch) ? fs.readdirSync(scratch) : [];
  return {
    datasets: datasets.length,
    rowsWithoutFile,
    filesWithoutRow,
    scratchFiles,
    stuckJobs: stuck.map((row) => row.id as string),
  };
}
