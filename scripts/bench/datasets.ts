// Benchmark of the datasets feature: profiling 1M rows × 20 columns, and an upload of a large
// generated file (multipart stream → scratch file → two streamed passes: profile, clean copy
// written to storage).
// Each phase runs in its own child process so that its peak memory is its own. Files are written
// to a temporary folder under /tmp, never into the repository, and removed afterwards.
//
//   npm run bench:datasets -- [--rows 1000000] [--columns 20] [--upload-mb 500] [--only profile|upload]

import { execFileSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    rows: { type: 'string', default: '1000000' },
    columns: { type: 'string', default: '20' },
    'upload-mb': { type: 'string', default: '500' },
    only: { type: 'string' },
  },
});

const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const seconds = (ms: number) => Math.round(ms / 100) / 10;
/** CPU time of this process so far (user + system): on a loaded machine, wall time overstates. */
const cpuSec = () => {
  const { user, system } = process.cpuUsage();
  return seconds((user + system) / 1000);
};

/** Writes a CSV of numeric columns (and one categorical every 5th) with a little missing data. */
async function writeCsv(file: string, rows: number, columns: number): Promise<void> {
  const out = createWriteStream(file);
  const names = Array.from({ length: columns }, (_, c) => (c % 5 === 4 ? `cat${c}` : `x${c}`));
  out.write(names.join(',') + '\n');
  let seed = 12345;
  const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  for (let r = 0; r < rows; r += 10_000) {
    let chunk = '';
    for (let i = r; i < Math.min(rows, r + 10_000); i++) {
      const cells = names.map((name, c) => {
        if (random() < 0.01) return '';
        if (name.startsWith('cat')) return `level${Math.floor(random() * 30)}`;
        return (random() * 1000 + c).toFixed(3);
      });
      chunk += cells.join(',') + '\n';
    }
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  out.end();
  await finished(out);
}

/** Child: read the file and compute its profile, as the profile job does. */
async function profilePhase(file: string) {
  const { readCsvFile } = await import('../../lib/csv');
  const { computeProfile } = await import('../../lib/datasets/profile');
  const started = Date.now();
  // As the profile job reads: numeric columns as Float64Arrays, NaN for missing.
  const read = await readCsvFile(file, { missingNumbers: 'nan' });
  const readMs = Date.now() - started;
  const readCpu = cpuSec();
  const profile = await computeProfile(read);
  return {
    rows: read.rowCount,
    columns: read.columns.length,
    readSec: seconds(readMs),
    readCpuSec: readCpu,
    statsSec: seconds(profile.computeMs),
    statsCpuSec: Math.round((cpuSec() - readCpu) * 10) / 10,
    totalSec: seconds(Date.now() - started),
    cpuSec: cpuSec(),
    peakRssMb: peakRssMb(),
  };
}

/** A multipart body streamed from a file, as a browser sends it. */
function multipartRequest(file: string, sizeBytes: number): Request {
  const boundary = 'benchboundary7d1f';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\nbench\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench.csv"\r\nContent-Type: text/csv\r\n\r\n`;
  const tail = `\r\n--${boundary}--\r\n`;
  async function* parts() {
    yield Buffer.from(head);
    for await (const chunk of (await import('node:fs')).createReadStream(file))
      yield chunk as Buffer;
    yield Buffer.from(tail);
  }
  return new Request('http://127.0.0.1/api/datasets', {
    method: 'POST',
    body: Readable.toWeb(Readable.from(parts())) as ReadableStream,
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': String(head.length + sizeBytes + tail.length),
    },
    duplex: 'half',
  } as RequestInit);
}

/** Child: the upload path without the database row: receive, then read and store the clean copy. */
async function uploadPhase(file: string, dataDir: string) {
  process.env.DATA_DIR = dataDir;
  process.env.DATABASE_URL ??= 'postgres://unused@127.0.0.1/unused';
  const { receiveUpload } = await import('../../lib/datasets/upload');
  const { storeNormalisedCopy } = await import('../../lib/datasets/files');
  const sizeBytes = (await fs.stat(file)).size;
  const baseRssMb = Math.round(process.memoryUsage().rss / 2 ** 20);

  const started = Date.now();
  const upload = await receiveUpload(multipartRequest(file, sizeBytes), sizeBytes * 2);
  const receiveMs = Date.now() - started;
  const receivePeakMb = peakRssMb();
  const receiveCpu = cpuSec();
  // As importUpload does: pass 1 profiles the columns, pass 2 writes the copy to storage.
  const { read, sizeBytes: storedBytes } = await storeNormalisedCopy(
    upload.file,
    'bench/upload.csv',
  );
  const storeMs = Date.now() - started - receiveMs;
  const sizeMb = sizeBytes / 2 ** 20;
  return {
    sizeMb: Math.round(sizeMb),
    rows: read.rowCount,
    storedMb: Math.round(storedBytes / 2 ** 20),
    receiveSec: seconds(receiveMs),
    receiveMbPerSec: Math.round(sizeMb / (receiveMs / 1000)),
    receivePeakRssMb: receivePeakMb,
    readAndStoreSec: seconds(storeMs),
    readAndStoreCpuSec: Math.round((cpuSec() - receiveCpu) * 10) / 10,
    readAndStoreMbPerSec: Math.round(sizeMb / (storeMs / 1000)),
    totalSec: seconds(Date.now() - started),
    cpuSec: cpuSec(),
    baseRssMb,
    peakRssMb: peakRssMb(),
  };
}

function runChild(phase: string, ...rest: string[]): unknown {
  const output = execFileSync(process.execPath, ['--import', 'tsx', __filename, phase, ...rest], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, LOG_LEVEL: 'error' },
  });
  return JSON.parse(output.trim().split('\n').pop()!);
}

async function main() {
  const [phase, ...rest] = positionals;
  if (phase === 'profile') return console.log(JSON.stringify(await profilePhase(rest[0])));
  if (phase === 'upload') return console.log(JSON.stringify(await uploadPhase(rest[0], rest[1])));

  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cidra-bench-datasets-'));
  try {
    console.log(
      `load average before: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} (${os.cpus().length} cores)`,
    );
    if (args.only !== 'upload') {
      const file = path.join(dir, 'profile.csv');
      await writeCsv(file, Number(args.rows), Number(args.columns));
      console.log('profile', runChild('profile', file));
      await fs.rm(file);
    }
    if (args.only !== 'profile') {
      const file = path.join(dir, 'upload.csv');
      // About 150 bytes per row of 20 columns.
      const rows = Math.round(
        (Number(args['upload-mb']) * 2 ** 20) / ((Number(args.columns) * 150) / 20),
      );
      await writeCsv(file, rows, Number(args.columns));
      console.log('upload', runChild('upload', file, path.join(dir, 'data')));
    }
    console.log(
      `load average after: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
