/** @jest-environment node */
// The fast variant of `npm run fuzz:upload`: 50 seeded broken and hostile CSVs (small sizes) go
// straight to the POST /api/datasets handler. None may get a 5xx; every refusal is JSON with a
// message; refused files store nothing and no scratch file is left behind.
jest.mock('arquero', () => jest.requireActual('arquero/dist/arquero.js'));

import { GET as listRoute, POST as uploadRoute } from '@/app/api/datasets/route';
import type { SessionUser } from '@/lib/auth/session';
import { fuzzInput, KINDS, type FuzzInput } from '@/scripts/fuzz/generators';
import { multipartBody } from '@/scripts/lib/app-client';
import { useTestDatabase } from '../helpers/db';
import { createTestUser } from '../helpers/session';
import { base, headersFor, scratchFiles } from './datasets-helpers';

useTestDatabase();

const SEED = 9;
const inputs = Array.from({ length: 50 }, (_, i) => fuzzInput(SEED, i, 'small'));
let alice: SessionUser;
let accepted = 0;

beforeAll(async () => {
  alice = await createTestUser({ name: 'Alice' });
});

async function send(input: FuzzInput) {
  const { contentType, body } =
    input.raw ?? multipartBody(input.file, input.fileName, input.fields);
  const headers = { ...(await headersFor(alice)), 'content-type': contentType };
  const request = new Request(base, { method: 'POST', headers, body: new Uint8Array(body) });
  const response = await uploadRoute(request, undefined);
  return { status: response.status, body: await response.json() };
}

it('covers every class of damage', () => {
  expect(new Set(inputs.map((input) => input.kind))).toEqual(new Set(KINDS));
});

it.each(inputs.map((input) => [input.index, input.kind, input] as const))(
  'input %i (%s) is stored or refused with a message, never a 5xx',
  async (_index, _kind, input) => {
    const { status, body } = await send(input);

    expect(status).toBeLessThan(500);
    if (status === 201) {
      accepted++;
      expect(body.dataset.rowCount).toBeGreaterThanOrEqual(1);
    } else {
      expect(status).toBeGreaterThanOrEqual(400);
      expect(body.error.message).toEqual(expect.stringMatching(/\w/));
    }
  },
  30_000,
);

it('stored exactly the accepted files and left no scratch file', async () => {
  const listed = await (
    await listRoute(new Request(base, { headers: await headersFor(alice) }), undefined)
  ).json();

  expect(listed.datasets).toHaveLength(accepted);
  expect(accepted).toBeGreaterThan(0);
  expect(accepted).toBeLessThan(inputs.length);
  expect(scratchFiles()).toEqual([]);
});
