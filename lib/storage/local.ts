// The local-folder storage backend: one file per object under a root folder.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { AppError } from '@/lib/errors';
import type { Storage, StoredObject } from './index';
import { byKey, notFound, storageError } from './errors';
import { assertValidKey, assertValidPrefix } from './keys';
import { ByteCounter, toStream } from './streams';

/** Temporary files live beside the objects (same file system, so rename is atomic). */
const tempFolder = '.incoming';

export class LocalStorage implements Storage {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** Creates the root folder; called by the start script so a bad DATA_DIR fails early. */
  async prepare(): Promise<void> {
    await fs.mkdir(path.join(this.root, tempFolder), { recursive: true });
  }

  async put(key: string, body: NodeJS.ReadableStream | Uint8Array): Promise<StoredObject> {
    const target = this.pathOf(key);
    await this.prepare();
    const temp = path.join(this.root, tempFolder, `${randomBytes(12).toString('hex')}.part`);

    // Write everything to a temporary file, flush it, then rename it into place: readers see
    // either the old object or the whole new one, and a failed stream leaves only the temp file,
    // which we remove.
    const counter = new ByteCounter();
    try {
      const source = toStream(body);
      // `flush` fsyncs before close, so a crash after the rename cannot leave a truncated file.
      const file = createWriteStream(temp, { flags: 'wx', mode: 0o600, flush: true });
      await pipeline(source, counter, file);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.rename(temp, target);
    } catch (error) {
      await fs.rm(temp, { force: true });
      throw storageError(`Could not store '${key}'`, error);
    }
    return { key, sizeBytes: counter.sizeBytes };
  }

  async get(key: string): Promise<NodeJS.ReadableStream> {
    const file = this.pathOf(key);
    // Opening first turns a missing file into NOT_FOUND here, not an error event later.
    const handle = await fs.open(file, 'r').catch((error) => {
      throw notFoundOr(key, error);
    });
    if (!(await handle.stat()).isFile()) {
      await handle.close();
      throw notFound(key);
    }
    return handle.createReadStream();
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true });
  }

  async list(prefix: string): Promise<StoredObject[]> {
    assertValidPrefix(prefix);
    // Walk only the deepest folder the prefix names completely.
    const folder = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    const found: StoredObject[] = [];
    await this.walk(folder, prefix, found);
    return found.sort(byKey);
  }

  async size(key: string): Promise<number> {
    const stat = await fs.stat(this.pathOf(key)).catch((error) => {
      throw notFoundOr(key, error);
    });
    if (!stat.isFile()) throw notFound(key);
    return stat.size;
  }

  private async walk(folder: string, prefix: string, found: StoredObject[]): Promise<void> {
    const entries = await fs
      .readdir(path.join(this.root, folder), { withFileTypes: true })
      .catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return [];
        throw storageError(`Could not list '${prefix}'`, error);
      });
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const key = folder ? `${folder}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (`${key}/`.startsWith(prefix) || prefix.startsWith(`${key}/`)) {
          await this.walk(key, prefix, found);
        }
      } else if (entry.isFile() && key.startsWith(prefix)) {
        const { size } = await fs.stat(path.join(this.root, key));
        found.push({ key, sizeBytes: size });
      }
    }
  }

  /** The file of `key`; validation guarantees it lies inside the root. */
  private pathOf(key: string): string {
    assertValidKey(key);
    const file = path.resolve(this.root, key);
    if (!file.startsWith(this.root + path.sep)) {
      throw new AppError('VALIDATION', `Storage key '${key}' leaves the storage folder`);
    }
    return file;
  }
}

function notFoundOr(key: string, error: NodeJS.ErrnoException): AppError {
  if (error.code === 'ENOENT' || error.code === 'EISDIR' || error.code === 'ENOTDIR') {
    return notFound(key, error);
  }
  return storageError(`Could not read '${key}'`, error);
}
