// S3 storage pointed at the s3rver that jest's globalSetup started.
import { S3Storage, type S3StorageOptions } from '@/lib/storage';
import { readTestEnv } from '../setup/services';

/** Options for the test bucket; s3rver accepts the fixed credentials S3RVER/S3RVER. */
export function testS3Options(): S3StorageOptions {
  return {
    endpoint: readTestEnv('s3Endpoint'),
    bucket: readTestEnv('s3Bucket'),
    region: 'us-east-1',
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    forcePathStyle: true,
  };
}

export function testS3Storage(): S3Storage {
  return new S3Storage(testS3Options());
}
