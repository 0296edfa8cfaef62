// Object storage: one small interface, backed by a local folder (default) or an S3 bucket.
import path from 'node:path';
import { getConfig, type Config } from '@/lib/config';
import { LocalStorage } from './local';
import { S3Storage } from './s3';

export { assertValidKey, assertValidPrefix } from './keys';
export { LocalStorage } from './local';
export { S3Storage, type S3StorageOptions } from './s3';

export interface StoredObject {
  key: string;
  sizeBytes: number;
}

export interface Storage {
  /** Writes atomically: readers never see a partial object; a failed write leaves nothing. */
  put(key: string, body: NodeJS.ReadableStream | Uint8Array): Promise<StoredObject>;
  /** The object's bytes; AppError NOT_FOUND when absent. */
  get(key: string): Promise<NodeJS.ReadableStream>;
  /** Removes the object; removing an absent object is not an error. */
  delete(key: string): Promise<void>;
  /** Every object whose key starts with `prefix`, sorted by key. */
  list(prefix: string): Promise<StoredObject[]>;
  /** The object's size in bytes; AppError NOT_FOUND when absent. */
  size(key: string): Promise<number>;
}

/** The backend a configuration selects: S3 when S3_ENDPOINT is set, else DATA_DIR/storage. */
export function createStorage(config: Config): Storage {
  if (config.S3_ENDPOINT) {
    return new S3Storage({
      endpoint: config.S3_ENDPOINT,
      bucket: config.S3_BUCKET!,
      region: config.S3_REGION,
      accessKeyId: config.S3_ACCESS_KEY_ID!,
      secretAccessKey: config.S3_SECRET_ACCESS_KEY!,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
    });
  }
  return new LocalStorage(path.join(config.dataDir, 'storage'));
}

/** Makes the configured storage ready (folder created, bucket reachable); for start scripts. */
export async function prepareStorage(config: Config): Promise<string> {
  const storage = createStorage(config) as LocalStorage | S3Storage;
  await storage.prepare();
  return storage instanceof LocalStorage
    ? `folder ${storage.root}`
    : `bucket ${config.S3_BUCKET} at ${config.S3_ENDPOINT}`;
}

let cached: Storage | undefined;

/** The process's storage: local folder DATA_DIR/storage, or S3 when S3_ENDPOINT is set. */
export function getStorage(): Storage {
  cached ??= createStorage(getConfig());
  return cached;
}
