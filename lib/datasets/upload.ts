// Receiving an upload: the multipart body streamed by busboy into a scratch file, never buffered.
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import { AppError } from '@/lib/errors';
import { diskFullError, isDiskFull } from '@/lib/storage/errors';
import { removeScratch, scratchPath } from './files';
import { formatBytes } from './format';

/** Room for the multipart framing and the text fields around the file, in bytes. */
const MULTIPART_OVERHEAD_BYTES = 1024 * 1024;

/** An upload written to a scratch file; the caller removes `file`. */
export interface ReceivedUpload {
  /** The text fields of the form (name, description). */
  fields: Record<string, string>;
  /** The file's name as the browser sent it. */
  fileName: string;
  /** Path of the scratch file holding the bytes. */
  file: string;
  sizeBytes: number;
}

function tooLarge(maxBytes: number): AppError {
  return new AppError(
    'PAYLOAD_TOO_LARGE',
    `The file is larger than the upload limit of ${formatBytes(maxBytes)} (${maxBytes} bytes).`,
    { fields: { file: `Files may be at most ${formatBytes(maxBytes)}.` } },
  );
}

function noFile(): AppError {
  return new AppError('VALIDATION', 'Choose a CSV file to upload.', {
    fields: { file: 'Choose a CSV file to upload.' },
  });
}

/**
 * Streams the `file` part of a multipart request to a scratch file, refusing (413) more than
 * `maxBytes` as soon as it is exceeded: the declared length is checked first, then the bytes as
 * they arrive, since the header may be absent or wrong.
 */
export async function receiveUpload(request: Request, maxBytes: number): Promise<ReceivedUpload> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) {
    throw new AppError(
      'VALIDATION',
      'Send the file as multipart/form-data in a field named "file".',
    );
  }
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > maxBytes + MULTIPART_OVERHEAD_BYTES) throw tooLarge(maxBytes);
  if (!request.body) throw noFile();

  const file = await scratchPath('.upload');
  try {
    return await streamMultipart(request.body, contentType, maxBytes, file);
  } catch (error) {
    await removeScratch(file);
    throw error;
  }
}

/** Longest wait for a refused upload's scratch writer to close before the error is answered. */
const WRITER_CLOSE_WAIT_MS = 2000;

const noop = () => undefined;
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

function streamMultipart(
  body: ReadableStream<Uint8Array>,
  contentType: string,
  maxBytes: number,
  file: string,
): Promise<ReceivedUpload> {
  const fields: Record<string, string> = {};
  const source = Readable.fromWeb(body as WebReadableStream<Uint8Array>);
  const parser = busboy({
    headers: { 'content-type': contentType },
    limits: { files: 1, fields: 10, fieldSize: 64 * 1024, fileSize: maxBytes },
  });

  return new Promise((resolve, reject) => {
    let settled = false;
    let writing: Promise<{ fileName: string; sizeBytes: number }> | undefined;
    let fileStream: Readable | undefined;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      // Stops reading the request: the rest of an oversized body is never received.
      source.destroy();
      fileStream?.destroy();
      // The scratch file is opened asynchronously: the caller removes it only once the writer has
      // closed, or the file could be created again after its removal. (Bounded, in case a stream
      // never settles.)
      const closed = writing ? writing.then(noop, noop) : Promise.resolve();
      void Promise.race([closed, delay(WRITER_CLOSE_WAIT_MS)]).then(() => reject(error));
    };

    parser.on('field', (name, value) => (fields[name] = value));
    parser.on('file', (fieldName, stream, info) => {
      if (fieldName !== 'file' || writing) return void stream.resume();
      let sizeBytes = 0;
      fileStream = stream;
      stream.on('data', (chunk: Buffer) => (sizeBytes += chunk.length));
      stream.on('limit', () => fail(tooLarge(maxBytes)));
      writing = pipeline(stream, createWriteStream(file)).then(() => ({
        fileName: info.filename ?? 'upload.csv',
        sizeBytes,
      }));
      // A full disk under DATA_DIR/tmp is the server's problem, not a broken upload.
      writing.catch((error) => fail(isDiskFull(error) ? diskFullError(error) : error));
    });
    parser.on('error', (cause) =>
      fail(
        new AppError('VALIDATION', 'The upload was cut off or is not valid form data.', { cause }),
      ),
    );
    parser.on('close', () => {
      if (!writing) return fail(noFile());
      writing.then((received) => {
        if (settled) return;
        settled = true;
        resolve({ fields, file, ...received });
      }, fail);
    });
    source.on('error', (cause) =>
      fail(new AppError('VALIDATION', 'The upload was interrupted before it finished.', { cause })),
    );
    source.pipe(parser);
  });
}
