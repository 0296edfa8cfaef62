// Stream plumbing both storage backends share.
import { Readable, Transform } from 'node:stream';

/** A put's body as a stream. */
export function toStream(body: NodeJS.ReadableStream | Uint8Array): NodeJS.ReadableStream {
  return body instanceof Uint8Array ? Readable.from([body]) : body;
}

/** A pass-through that counts the bytes flowing through it. */
export class ByteCounter extends Transform {
  sizeBytes = 0;

  override _transform(
    chunk: Buffer,
    _encoding: BufferEncoding,
    done: (e?: Error | null, c?: Buffer) => void,
  ) {
    this.sizeBytes += chunk.length;
    done(null, chunk);
  }
}
