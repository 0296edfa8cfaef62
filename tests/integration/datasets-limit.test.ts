/** @jest-environment node */
// The upload size limit (UPLOAD_MAX_BYTES): 413 naming the limit, whether the body declares its
// length or not, with nothing stored and no scratch file left.
jest.mock('arquero', () => jest.requireActual('arquero/dist/arquero.js'));

import { POST as uploadRoute } from '@/app/api/datasets/route';
import type { SessionUser } from '@/lib/auth/session';
import { useTestDatabase } from '../helpers/db';
import { createTestUser } from '../helpers/session';
import { headersFor, scratchFiles, storedKeys, uploadRequest } from './datasets-helpers';

process.env.UPLOAD_MAX_BYTES = '2048';

useTestDatabase();
let alice: SessionUser;

beforeAll(async () => {
  alice = await createTestUser();
});

const big = 'a,b\n' + '12345,67890\n'.repeat(400);

it('accepts a file under the limit', async () => {
  const response = await uploadRoute(await uploadRequest(alice, 'a,b\n1,2\n'), undefined);
  expect(response.status).toBe(201);
});

it('refuses a streamed body over the limit with 413 naming it', async () => {
  const before = await storedKeys();
  const response = await uploadRoute(await uploadRequest(alice, big, 'big.csv'), undefined);
  const body = await response.json();

  expect(response.status).toBe(413);
  expect(body.error.message).toBe('The file is larger than the upload limit of 2 KB (2048 bytes).');
  expect(await storedKeys()).toEqual(before);
  expect(scratchFiles()).toEqual([]);
});

it('refuses a declared length over the limit before reading the body', async () => {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled++;
      controller.enqueue(new Uint8Array(1024));
    },
  });
  const request = new Request('http://x/api/datasets', {
    method: 'POST',
    body,
    headers: {
      ...(await headersFor(alice)),
      'content-type': 'multipart/form-data; boundary=x',
      'content-length': String(50 * 1024 * 1024),
    },
    duplex: 'half',
  } as RequestInit);
  const response = await uploadRoute(request, undefined);

  expect(response.status).toBe(413);
  expect(pulled).toBeLessThanOrEqual(1);
});
