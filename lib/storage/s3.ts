// The S3 storage backend (AWS S3, MinIO, Cloudflare R2, s3rver): one object per key in a bucket.
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Readable } from 'node:stream';
import { AppError } from '@/lib/errors';
import type { Storage, StoredObject } from './index';
import { byKey, notFound, storageError } from './errors';
import { assertValidKey, assertValidPrefix } from './keys';
import { ByteCounter, toStream } from './streams';

export interface S3StorageOptions {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Path-style URLs (`endpoint/bucket/key`), needed by MinIO and s3rver. */
  forcePathStyle: boolean;
}

/** Streams are sent in parts of this size (S3's minimum); smaller bodies go in one request. */
const partSizeBytes = 5 * 1024 * 1024;

export class S3Storage implements Storage {
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(options: S3StorageOptions) {
    this.bucket = options.bucket;
    this.client = new S3Client({
      endpoint: options.endpoint,
      region: options.region,
      forcePathStyle: options.forcePathStyle,
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
      // The SDK's default checksums wrap streamed bodies in aws-chunked framing, which some
      // S3-compatible servers (s3rver among them) store verbatim inside the object.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  /** Checks that the bucket answers, so a wrong endpoint or credential fails at start-up. */
  async prepare(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (error) {
      throw new Error(
        `S3 bucket '${this.bucket}' is not reachable (check S3_ENDPOINT, S3_BUCKET and the credentials)`,
        { cause: error },
      );
    }
  }

  async put(key: string, body: NodeJS.ReadableStream | Uint8Array): Promise<StoredObject> {
    assertValidKey(key);
    const counter = new ByteCounter();
    const source = toStream(body);
    source.on('error', (error) => counter.destroy(error));
    source.pipe(counter);

    // S3 makes an object visible only when its single PUT or its multipart upload completes.
    // On failure Upload aborts the multipart upload (leavePartsOnError: false), so the parts
    // already sent are discarded and nothing partial appears under the key.
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: counter },
      partSize: partSizeBytes,
      queueSize: 2,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (error) {
      await upload.abort().catch(() => {});
      // Release the caller's stream (an upload's request body, say) instead of leaving it paused.
      if (source instanceof Readable) source.destroy();
      throw storageError(`Could not store '${key}'`, error);
    }
    return { key, sizeBytes: counter.sizeBytes };
  }

  async get(key: string): Promise<NodeJS.ReadableStream> {
    assertValidKey(key);
    try {
      const result = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key }),
      );
      return result.Body as Readable;
    } catch (error) {
      throw notFoundOr(key, error);
    }
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (error) {
      throw storageError(`Could not delete '${key}'`, error);
    }
  }

  async list(prefix: string): Promise<StoredObject[]> {
    assertValidPrefix(prefix);
    const found: StoredObject[] = [];
    let token: string | undefined;
    try {
      do {
        const page = await this.client.send(
          new ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: prefix || undefined,
            ContinuationToken: token,
          }),
        );
        for (const item of page.Contents ?? []) {
          found.push({ key: item.Key!, sizeBytes: item.Size ?? 0 });
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    } catch (error) {
      throw storageError(`Could not list '${prefix}'`, error);
    }
    return found.sort(byKey);
  }

  async size(key: string): Promise<number> {
    assertValidKey(key);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return head.ContentLength ?? 0;
    } catch (error) {
      throw notFoundOr(key, error);
    }
  }
}

function notFoundOr(key: string, error: unknown): AppError {
  const status = error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined;
  if (status === 404) return notFound(key, error);
  return storageError(`Could not read '${key}'`, error);
}
