/** @jest-environment node */
// Both storage backends pass the same behaviour tests: the local folder and S3 (a real s3rver).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { AppError } from '@/lib/errors';
import { LocalStorage, S3Storage, type Storage } from '@/lib/storage';
import { testS3Options, testS3Storage } from '../helpers/s3';

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/** A stream that sends `sizeBytes` of data in 64 KiB chunks, then fails. */
function failingStream(sizeBytes: number): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= sizeBytes) {
        this.destroy(new Error('client went away'));
        return;
      }
      const chunk = randomBytes(Math.min(64 * 1024, sizeBytes - sent));
      sent += chunk.length;
      this.push(chunk);
    },
  });
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  await expect(promise).rejects.toBeInstanceOf(AppError);
  await expect(promise).rejects.toMatchObject({ code });
}

let localRoot: string;

beforeAll(async () => {
  localRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'cidra-storage-'));
});

afterAll(async () => {
  await fs.rm(localRoot, { recursive: true, force: true });
});

const backends: [string, () => Storage][] = [
  ['local folder', () => new LocalStorage(localRoot)],
  ['S3 (s3rver)', () => testS3Storage()],
];

describe.each(backends)('%s storage', (_name, create) => {
  let storage: Storage;
  let prefix: string;

  beforeEach(() => {
    storage = create();
    prefix = `t-${randomBytes(4).toString('hex')}`;
  });

  it('round-trips bytes and streams through put, get, size, list and delete', async () => {
    const bytes = randomBytes(1000);
    await expect(storage.put(`${prefix}/a/one.bin`, bytes)).resolves.toEqual({
      key: `${prefix}/a/one.bin`,
      sizeBytes: 1000,
    });
    const streamed = await storage.put(`${prefix}/b.csv`, Readable.from(['x,y\n', '1,2\n']));
    expect(streamed.sizeBytes).toBe(8);

    expect(await readAll(await storage.get(`${prefix}/a/one.bin`))).toEqual(bytes);
    expect((await readAll(await storage.get(`${prefix}/b.csv`))).toString()).toBe('x,y\n1,2\n');
    expect(await storage.size(`${prefix}/b.csv`)).toBe(8);
    expect(await storage.list(`${prefix}/`)).toEqual([
      { key: `${prefix}/a/one.bin`, sizeBytes: 1000 },
      { key: `${prefix}/b.csv`, sizeBytes: 8 },
    ]);
    expect(await storage.list(`${prefix}/a`)).toEqual([
      { key: `${prefix}/a/one.bin`, sizeBytes: 1000 },
    ]);

    await storage.delete(`${prefix}/a/one.bin`);
    await expectCode(storage.get(`${prefix}/a/one.bin`), 'NOT_FOUND');
    await expectCode(storage.size(`${prefix}/a/one.bin`), 'NOT_FOUND');
    await expect(storage.delete(`${prefix}/a/one.bin`)).resolves.toBeUndefined();
    expect(await storage.list(`${prefix}/`)).toEqual([{ key: `${prefix}/b.csv`, sizeBytes: 8 }]);
  });

  it('replaces an object whole when a key is written again', async () => {
    await storage.put(`${prefix}/k`, Buffer.from('first version'));
    await storage.put(`${prefix}/k`, Buffer.from('second'));
    expect((await readAll(await storage.get(`${prefix}/k`))).toString()).toBe('second');
    expect(await storage.size(`${prefix}/k`)).toBe(6);
  });

  it('stores a multi-part stream (12 MiB) byte for byte', async () => {
    const bytes = randomBytes(12 * 1024 * 1024);
    const chunks = Array.from({ length: 12 }, (_, i) =>
      bytes.subarray(i * 1048576, (i + 1) * 1048576),
    );
    const stored = await storage.put(`${prefix}/big.bin`, Readable.from(chunks));
    expect(stored.sizeBytes).toBe(bytes.length);
    expect(await storage.size(`${prefix}/big.bin`)).toBe(bytes.length);
    expect((await readAll(await storage.get(`${prefix}/big.bin`))).equals(bytes)).toBe(true);
  });

  it.each([
    ['a small stream', 100 * 1024],
    ['a stream past the first 5 MiB part', 6 * 1024 * 1024],
  ])('leaves no object when %s fails midway', async (_label, sizeBytes) => {
    const put = storage.put(`${prefix}/broken.bin`, failingStream(sizeBytes));
    await expect(put).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
    await expectCode(storage.size(`${prefix}/broken.bin`), 'NOT_FOUND');
    expect(await storage.list(prefix)).toEqual([]);
  });

  it.each(['../escape', '/etc/passwd', 'a/../../b', 'a//b', 'a/', '', '.hidden', 'a\\b', 'a/./b'])(
    'refuses the key %p',
    async (key) => {
      await expectCode(storage.put(key, Buffer.from('x')), 'VALIDATION');
      await expectCode(storage.get(key), 'VALIDATION');
      await expectCode(storage.size(key), 'VALIDATION');
      await expectCode(storage.delete(key), 'VALIDATION');
    },
  );

  it('refuses list prefixes that climb out', async () => {
    await expectCode(storage.list('../'), 'VALIDATION');
    await expectCode(storage.list('/abs'), 'VALIDATION');
  });
});

describe('local folder storage', () => {
  it('keeps a failed write out of the folder entirely (no temporary file left)', async () => {
    const storage = new LocalStorage(localRoot);
    await expect(storage.put('gone/x.bin', failingStream(200 * 1024))).rejects.toThrow();
    const incoming = await fs.readdir(path.join(localRoot, '.incoming'));
    expect(incoming).toEqual([]);
    await expect(fs.stat(path.join(localRoot, 'gone', 'x.bin'))).rejects.toThrow();
  });
});

describe('S3 storage preparation', () => {
  it('names the bucket when it is not reachable', async () => {
    const storage = new S3Storage({ ...testS3Options(), bucket: 'no-such-bucket' });
    await expect(storage.prepare()).rejects.toThrow(/S3 bucket 'no-such-bucket' is not reachable/);
    await expect(testS3Storage().prepare()).resolves.toBeUndefined();
  });
});
