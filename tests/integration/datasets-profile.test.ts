/** @jest-environment node */
// Profiles: computed by the `profile` job in a real worker, cached, and true to the shared cases
// (missing spellings, non-finite numbers, a single row) at the level of the statistics shown.
jest.mock('arquero', () => jest.requireActual('arquero/dist/arquero.js'));

import {
  GET as getProfile,
  POST as startProfileRoute,
} from '@/app/api/datasets/[id]/profile/route';
import { PATCH as patchRoute } from '@/app/api/datasets/[id]/route';
import { POST as uploadRoute } from '@/app/api/datasets/route';
import type { SessionUser } from '@/lib/auth/session';
import { ranks } from '@/lib/datasets/correlation';
import { readStoredTable } from '@/lib/datasets/files';
import { sortedValues } from '@/lib/datasets/stats';
import {
  computeProfile,
  type CategoryColumnProfile,
  type NumericColumnProfile,
} from '@/lib/datasets/profile';
import { getDataset } from '@/lib/access';
import { useTestDatabase } from '../helpers/db';
import { createTestUser } from '../helpers/session';
import { startWorker, stopAllWorkers, waitFor } from '../helpers/worker';
import { callItem, caseFile, uploadRequest } from './datasets-helpers';

const database = useTestDatabase();
let alice: SessionUser;
let bob: SessionUser;

beforeAll(async () => {
  alice = await createTestUser({ name: 'Alice' });
  bob = await createTestUser({ name: 'Bob' });
});
afterAll(() => stopAllWorkers());

async function upload(bytes: Uint8Array | string, fileName = 'data.csv') {
  const response = await uploadRoute(await uploadRequest(alice, bytes, fileName), undefined);
  expect(response.status).toBe(201);
  return (await response.json()).dataset as { id: string };
}

/** The profile as the job would compute it, without the queue. */
async function profileOf(bytes: Uint8Array | string) {
  const { id } = await upload(bytes);
  const dataset = (await getDataset(alice.id, id))!;
  const profile = await computeProfile(await readStoredTable(dataset));
  const column = (name: string) => profile.columns.find((c) => c.name === name)!;
  return {
    profile,
    numeric: (n: string) => column(n) as NumericColumnProfile,
    category: (n: string) => column(n) as CategoryColumnProfile,
  };
}

describe('profile statistics', () => {
  it('counts every missing spelling of a numeric column as missing (case 07)', async () => {
    const { numeric } = await profileOf(caseFile('07', 'numeric_missing_tokens.csv'));

    expect(numeric('sqft')).toMatchObject({
      kind: 'numeric',
      count: 3,
      missing: 7,
      mean: 1200,
      min: 900,
      max: 1500,
    });
    expect(numeric('sqft').missingPercent).toBeCloseTo(70);
    expect(numeric('price').mean).toBeCloseTo(218900);
  });

  it('keeps a quoted "NA" as a level after the stored copy is read again (case 07)', async () => {
    const { category } = await profileOf(caseFile('07', 'na_is_a_real_value.csv'));

    expect(category('country')).toMatchObject({ unique: 4, missing: 0 });
    expect(category('continent')).toMatchObject({ unique: 3, missing: 0 });
    expect(category('continent').levels.map((l) => l.value)).toContain('NA');
  });

  it('uses only finite values and reports the others as missing (case 08)', async () => {
    const { numeric, category } = await profileOf(caseFile('08', 'scientific_inf_codes.csv'));

    expect(numeric('ratio')).toMatchObject({ count: 3, missing: 3, mean: 3 });
    expect(numeric('conc').min).toBe(-310);
    expect(
      category('code')
        .levels.map((l) => l.value)
        .sort(),
    ).toEqual(['00123', '713752e1', 'A12', 'B7', 'C9', 'D4'].sort());
  });

  it('shows a single row with an undefined standard deviation, not an error (case 12)', async () => {
    const { profile } = await profileOf(caseFile('12', 'single_row.csv'));
    const [first, second] = profile.columns as NumericColumnProfile[];

    expect([first.mean, second.mean]).toEqual([50, 100000]);
    expect(first.count).toBe(1);
    expect(first.std).toBeNull();
    expect(first.density).toEqual([]);
  });

  it('gives histograms whose densities integrate to 1, with a density curve', async () => {
    const rows = Array.from({ length: 400 }, (_, i) => `${Math.sin(i) * 10 + i / 40},${i % 7}`);
    const { numeric, profile } = await profileOf(['x,y', ...rows].join('\n'));
    const x = numeric('x');
    const area = x.histogram.reduce((sum, bin) => sum + bin.density * (bin.end - bin.start), 0);
    const step = x.density[1].x - x.density[0].x;
    const curveArea = x.density.reduce((sum, point) => sum + point.density * step, 0);

    expect(area).toBeCloseTo(1, 6);
    expect(curveArea).toBeCloseTo(1, 1);
    expect(x.histogram.reduce((sum, bin) => sum + bin.count, 0)).toBe(400);
    expect(profile.correlation?.columns).toEqual(['x', 'y']);
    expect(profile.correlation?.pearson[0][0]).toBe(1);
  });

  it('ranks for Spearman: a monotone but curved relation has Spearman 1, Pearson below', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => `${i},${Math.exp(i / 5)}`);
    const { profile } = await profileOf(['a,b', ...rows].join('\n'));

    expect(profile.correlation!.spearman[0][1]).toBeCloseTo(1, 10);
    expect(profile.correlation!.pearson[0][1]!).toBeLessThan(0.9);
  });

  it('averages the ranks of ties and skips missing values', () => {
    const column = [3, 1, null, 2, 2, Infinity];
    expect(Array.from(ranks(column, sortedValues(column)))).toEqual([4, 1, NaN, 2.5, 2.5, NaN]);
  });

  it('sums levels beyond the top 20 into "other"', async () => {
    const rows = Array.from({ length: 100 }, (_, i) => `L${i % 25},${i}`);
    const { category } = await profileOf(['level,n', ...rows].join('\n'));
    const levels = category('level').levels;

    expect(levels).toHaveLength(21);
    expect(levels[20]).toMatchObject({ value: 'other (5 levels)', count: 20, other: true });
  });
});

describe('the profile job', () => {
  it('runs in a worker, is cached, and is dropped when a column kind changes', async () => {
    const { id } = await upload(caseFile('13', 'ten_rows.csv'), 'ten_rows.csv');
    const worker = startWorker({ DATABASE_URL: database.url() });
    await worker.ready;

    const started = await callItem(startProfileRoute, id, alice, { method: 'POST' });
    expect(started.status).toBe(202);
    const profile = await waitFor('the profile', async () => {
      const body = await (await callItem(getProfile, id, alice)).json();
      if (body.job?.status === 'FAILED') throw new Error(body.job.error);
      return body.profile ?? undefined;
    });
    expect(profile.rowCount).toBe(10);
    const idColumn = profile.columns.find((c: { name: string }) => c.name === 'id');
    expect(idColumn).toMatchObject({ kind: 'numeric', mean: 5.5 });

    const patched = await callItem(patchRoute, id, alice, {
      method: 'PATCH',
      body: { kinds: { id: 'categorical' } },
    });
    expect(patched.status).toBe(200);
    expect((await (await callItem(getProfile, id, alice)).json()).profile).toBeNull();

    expect((await callItem(getProfile, id, bob)).status).toBe(404);
    expect((await callItem(startProfileRoute, id, bob, { method: 'POST' })).status).toBe(404);
  }, 60_000);
});
