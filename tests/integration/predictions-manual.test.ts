/** @jest-environment node */
// The manual fast path, POST /api/models/:id/predict: case 15's manual rows (unseen city, numbers
// as text, a blank, 'three'), per-field errors with the reason, dates, limits, and the model's
// inputs for the form (GET). Other users' models are 404.
import fs from 'node:fs';
import { GET as inputsRoute, POST as predictRoute } from '@/app/api/models/[id]/predict/route';
import { columnTable, rowsTable, type Predictor } from '@/lib/automl';
import { createModel, type Model } from '@/lib/access';
import type { SessionUser } from '@/lib/auth/session';
import { useTestDatabase } from '../helpers/db';
import { createCompletedModel } from '../helpers/models';
import { createTestUser } from '../helpers/session';
import { call, case15, idContext } from './predictions-helpers';

jest.setTimeout(60_000);
useTestDatabase();

let alice: SessionUser;
let bob: SessionUser;
let model: Model;
let predictor: Predictor;
let dated: { model: Model; predictor: Predictor };

/** 60 daily rows: y grows with the day and with `size`; `open` is yes/no. */
function datedTable() {
  const days = Array.from({ length: 60 }, (_, k) => k);
  return columnTable({
    day: days.map((k) => new Date(Date.UTC(2024, 0, 1 + k)).toISOString().slice(0, 10)),
    size: days.map((k) => (k * 7) % 13),
    open: days.map((k) => (k % 3 === 0 ? 'yes' : 'no')),
    y: days.map((k) => k + ((k * 7) % 13) * 2 + (k % 3 === 0 ? 5 : 0)),
  });
}

beforeAll(async () => {
  alice = await createTestUser({ name: 'Alice' });
  bob = await createTestUser({ name: 'Bob' });
  ({ model, predictor } = await createCompletedModel(alice.id, {
    train: case15('train.csv'),
    label: 'price',
  }));
  dated = await createCompletedModel(alice.id, { train: datedTable(), label: 'y' });
}, 60_000);

function predict(user: SessionUser, id: string, body: unknown) {
  return call(predictRoute, idContext(id), { user, body });
}

function direct(p: Predictor, row: Record<string, unknown>): number {
  return p.predict(rowsTable([row])).predictions[0];
}

describe('POST /api/models/:id/predict with case 15’s manual rows', () => {
  const rows = JSON.parse(fs.readFileSync(case15('manual_rows.json'), 'utf8'));
  let answer: { status: number; body: any };
  beforeAll(async () => {
    answer = await predict(alice, model.id, { rows });
  });

  it('answers 200 with one prediction per row', () => {
    expect(answer.status).toBe(200);
    expect(answer.body.label).toBe('price');
    expect(answer.body.predictions).toHaveLength(4);
  });

  it('predicts the unseen city Atlantis as an unknown level, with a notice', () => {
    expect(Number.isFinite(answer.body.predictions[0])).toBe(true);
    expect(answer.body.notices).toContainEqual(
      expect.objectContaining({ code: 'UNSEEN_LEVEL', column: 'city', count: 1 }),
    );
  });

  it('reads "3" and " 75 " exactly like the numbers 3 and 75', () => {
    expect(answer.body.predictions[1]).toBe(
      direct(predictor, { city: 'North', rooms: 3, size: 75 }),
    );
  });

  it('predicts a blank rooms value as missing', () => {
    expect(Number.isFinite(answer.body.predictions[2])).toBe(true);
  });

  it("marks 'three' on the rooms field of row 4 and gives that row no prediction", () => {
    expect(answer.body.predictions[3]).toBeNull();
    expect(answer.body.errors).toEqual([
      {
        row: 3,
        field: 'rooms',
        reason: "'three' is not a number",
        message: "row 4, rooms: 'three' is not a number",
      },
    ]);
  });
});

describe('POST /api/models/:id/predict field checks', () => {
  it('names each bad field of each row, and predicts the valid rows', async () => {
    const { status, body } = await predict(alice, dated.model.id, {
      rows: [
        { day: '2024-02-01', size: 4, open: 'yes' },
        { day: '1st of May', size: '4kg', open: 'yes' },
        { day: '2024-13-40', size: 'Infinity', open: 'perhaps' },
        { day: '2024-02-10', size: 3 },
      ],
    });

    expect(status).toBe(200);
    expect(body.predictions[0]).toBe(
      direct(dated.predictor, { day: '2024-02-01', size: 4, open: 'yes' }),
    );
    expect(body.predictions.slice(1, 3)).toEqual([null, null]);
    expect(body.predictions[3]).toBe(
      direct(dated.predictor, { day: '2024-02-10', size: 3, open: null }),
    );
    const fields = body.errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`);
    expect(fields).toEqual(['1:day', '1:size', '2:day', '2:size', '2:open']);
    expect(body.errors[0].message).toBe(
      "row 2, day: '1st of May' is not a date (write it as YYYY-MM-DD, optionally with a time)",
    );
    expect(body.errors[1].message).toBe("row 2, size: '4kg' is not a number");
    expect(body.errors[3].message).toBe("row 3, size: 'Infinity' is infinite");
    expect(body.errors[4].message).toMatch(/^row 3, open: 'perhaps' is not yes\/no \(known: /);
  });

  it('reports fields the model does not use, once', async () => {
    const { body } = await predict(alice, model.id, {
      rows: [
        { city: 'North', rooms: 3, size: 75, colour: 'red' },
        { city: 'South', rooms: 2, size: 60, colour: 'blue' },
      ],
    });

    expect(body.notices).toEqual([
      expect.objectContaining({ code: 'IGNORED_COLUMN', column: 'colour' }),
    ]);
    expect(body.errors).toEqual([]);
  });

  it('refuses rows with none of the model’s fields, naming them (400)', async () => {
    const { status, body } = await predict(alice, model.id, {
      rows: [{ carat: 0.3, cut: 'Ideal' }, { depth: 61 }],
    });

    expect(status).toBe(400);
    expect(body.error.message).toMatch(/^No row has any field the model uses \('/);
    expect(body.error.message).toContain("the rows have 'carat', 'cut', 'depth'");
    for (const field of ['city', 'rooms', 'size']) expect(body.error.message).toContain(field);
  });

  it('refuses more than 1,000 rows, empty lists and rows that are not objects (400)', async () => {
    const many = Array.from({ length: 1001 }, () => ({ city: 'North', rooms: 3, size: 75 }));
    const tooMany = await predict(alice, model.id, { rows: many });
    const none = await predict(alice, model.id, { rows: [] });
    const notObjects = await predict(alice, model.id, { rows: [[1, 2, 3]] });
    const nested = await predict(alice, model.id, { rows: [{ city: { name: 'North' } }] });

    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.fields.rows).toBe('Send at most 1,000 rows at once.');
    expect(none.body.error.fields.rows).toBe('Send at least one row.');
    expect(notObjects.status).toBe(400);
    expect(Object.keys(notObjects.body.error.fields)).toEqual(['rows.0']);
    expect(nested.status).toBe(400);
    expect(Object.keys(nested.body.error.fields)).toEqual(['rows.0.city']);
  });

  it('answers 409 for a model that is still training', async () => {
    const training = await createModel(alice.id, { name: 'busy', status: 'TRAINING' });
    const { status } = await predict(alice, training.id, { rows: [{ city: 'North' }] });
    expect(status).toBe(409);
  });

  it("answers 404 for another user's model and 401 without a session", async () => {
    const theirs = await predict(bob, model.id, { rows: [{ city: 'North' }] });
    const anonymous = await call(predictRoute, idContext(model.id), { body: { rows: [{}] } });

    expect(theirs.status).toBe(404);
    expect(theirs.text).not.toContain(model.id);
    expect(anonymous.status).toBe(401);
  });
});

describe('GET /api/models/:id/predict', () => {
  it('describes the inputs: kinds, and the known levels of categories', async () => {
    const { status, body } = await call(inputsRoute, idContext(model.id), { user: alice });

    expect(status).toBe(200);
    expect(body.label).toBe('price');
    const byName = Object.fromEntries(body.features.map((f: { name: string }) => [f.name, f]));
    expect(Object.keys(byName).sort()).toEqual(['city', 'rooms', 'size']);
    expect(byName.rooms.kind).toBe('numeric');
    expect(byName.city.kind).toBe('categorical');
    expect([...byName.city.levels].sort()).toEqual(['East', 'North', 'South']);
  });

  it('uses the training ranges stored with the model when there are some', async () => {
    const described = await createModel(alice.id, {
      name: 'described',
      status: 'COMPLETED',
      label: 'price',
      storageKey: model.storageKey,
      metadata: {
        trained: {
          features: [{ name: 'size', kind: 'numeric' }],
          featureRanges: { size: { min: 40, max: 120 } },
        },
      },
    });
    const { body } = await call(inputsRoute, idContext(described.id), { user: alice });

    expect(body.features).toEqual([{ name: 'size', kind: 'numeric', min: 40, max: 120 }]);
  });

  it("answers 404 for another user's model", async () => {
    expect((await call(inputsRoute, idContext(model.id), { user: bob })).status).toBe(404);
  });
});
