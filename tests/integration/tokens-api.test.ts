/** @jest-environment node */
// Personal API tokens: created once in full and stored as a SHA-256 hash, listed without the
// secret, used as `Authorization: Bearer` on POST /api/v1/models/:id/predict, revoked (401 at
// once). Unknown or malformed tokens are 401; another user's model is 404.
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { DELETE as revokeRoute } from '@/app/api/tokens/[id]/route';
import { GET as listRoute, POST as createRoute } from '@/app/api/tokens/route';
import { POST as apiPredictRoute } from '@/app/api/v1/models/[id]/predict/route';
import { apiTokens } from '@/db/schema';
import { rowsTable, type Predictor } from '@/lib/automl';
import type { Model } from '@/lib/access';
import type { SessionUser } from '@/lib/auth/session';
import { getDb } from '@/lib/db';
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

beforeAll(async () => {
  alice = await createTestUser({ name: 'Alice' });
  bob = await createTestUser({ name: 'Bob' });
  ({ model, predictor } = await createCompletedModel(alice.id, {
    train: case15('train.csv'),
    label: 'price',
  }));
}, 60_000);

async function createToken(user: SessionUser, name = 'nightly script') {
  const { status, body } = await call(createRoute, undefined, { user, body: { name } });
  expect(status).toBe(201);
  return body as { token: { id: string; prefix: string }; secret: string };
}

const rows = [{ city: 'North', rooms: 3, size: 75 }];

function apiPredict(id: string, headers: Record<string, string>, user?: SessionUser) {
  return call(apiPredictRoute, idContext(id), { headers, user, body: { rows } });
}

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

describe('creating and listing tokens', () => {
  it('answers the secret once, and stores only its SHA-256 hash', async () => {
    const { token, secret } = await createToken(alice);

    expect(secret).toMatch(/^cml_[A-Za-z0-9_-]{43}$/);
    expect(token.prefix).toBe(secret.slice(0, 10));
    expect(token).not.toHaveProperty('tokenHash');
    const [stored] = await getDb().select().from(apiTokens).where(eq(apiTokens.id, token.id));
    expect(stored.tokenHash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(secret.slice(4));
  });

  it('gives every token a different secret', async () => {
    const first = await createToken(alice, 'a');
    const second = await createToken(alice, 'b');
    expect(first.secret).not.toBe(second.secret);
  });

  it('lists name, prefix and dates, never the secret or its hash', async () => {
    const { secret } = await createToken(alice, 'listed');
    const { body, text } = await call(listRoute, undefined, { user: alice });

    expect(body.tokens.map((t: { name: string }) => t.name)).toContain('listed');
    expect(body.tokens[0]).toEqual(
      expect.objectContaining({ name: 'listed', prefix: secret.slice(0, 10), lastUsedAt: null }),
    );
    expect(text).not.toContain(secret.slice(10));
    expect(text).not.toContain('tokenHash');
    expect((await call(listRoute, undefined, { user: bob })).body.tokens).toEqual([]);
  });

  it('refuses a token without a name (400 naming the field) and without a session (401)', async () => {
    const unnamed = await call(createRoute, undefined, { user: alice, body: { name: '  ' } });
    const anonymous = await call(createRoute, undefined, { body: { name: 'x' } });

    expect(unnamed.status).toBe(400);
    expect(unnamed.body.error.fields.name).toMatch(/Give the token a name/);
    expect(anonymous.status).toBe(401);
  });
});

describe('POST /api/v1/models/:id/predict', () => {
  it('predicts with a bearer token, and records when the token was used', async () => {
    const { token, secret } = await createToken(alice, 'used');
    const { status, body } = await apiPredict(model.id, bearer(secret));

    expect(status).toBe(200);
    expect(body).toMatchObject({ modelId: model.id, label: 'price', errors: [] });
    expect(body.predictions).toEqual([predictor.predict(rowsTable(rows)).predictions[0]]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const [stored] = await getDb().select().from(apiTokens).where(eq(apiTokens.id, token.id));
    expect(stored.lastUsedAt).toBeInstanceOf(Date);
  });

  it('also accepts the session, and answers 401 with neither', async () => {
    expect((await apiPredict(model.id, {}, alice)).status).toBe(200);
    const anonymous = await apiPredict(model.id, {});
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('UNAUTHENTICATED');
    expect(anonymous.body.error.message).toBe(
      'Not authenticated. Send the session cookie of a logged-in browser, or an ' +
        '"Authorization: Bearer <token>" header with a personal API token created on the ' +
        'Settings page.',
    );
  });

  it('answers 401 for a revoked token, at once', async () => {
    const { token, secret } = await createToken(alice, 'to revoke');
    expect((await apiPredict(model.id, bearer(secret))).status).toBe(200);

    const revoked = await call(revokeRoute, idContext(token.id), { user: alice, method: 'DELETE' });
    expect(revoked.status).toBe(200);
    const after = await apiPredict(model.id, bearer(secret));

    expect(after.status).toBe(401);
    expect(after.body.error.message).toBe(
      'The API token is not valid or has been revoked. Send the session cookie of a logged-in ' +
        'browser, or an "Authorization: Bearer <token>" header with a personal API token ' +
        'created on the Settings page.',
    );
    const listed = await call(listRoute, undefined, { user: alice });
    expect(listed.body.tokens.map((t: { id: string }) => t.id)).not.toContain(token.id);
  });

  it('answers 401 for unknown and malformed tokens, even beside a valid session', async () => {
    const { secret } = await createToken(alice);
    const unknown = await apiPredict(model.id, bearer(`cml_${'A'.repeat(43)}`));
    const foreign = await apiPredict(model.id, bearer('ghp_abcdef'));
    const malformed = await apiPredict(model.id, { authorization: `Token ${secret}` });
    const withSession = await apiPredict(model.id, bearer(`${secret}x`), alice);

    expect([unknown, foreign, malformed, withSession].map((a) => a.status)).toEqual([
      401, 401, 401, 401,
    ]);
  });

  it("answers 404 for another user's model, by token or session", async () => {
    const { secret } = await createToken(bob, 'bob');
    const byToken = await apiPredict(model.id, bearer(secret));
    const bySession = await apiPredict(model.id, {}, bob);

    expect(byToken.status).toBe(404);
    expect(byToken.text).not.toContain(model.id);
    expect(bySession.status).toBe(404);
  });

  it('answers per-field errors as the manual route does', async () => {
    const { secret } = await createToken(alice);
    const { status, body } = await call(apiPredictRoute, idContext(model.id), {
      headers: bearer(secret),
      body: { rows: [{ city: 'North', rooms: 'three', size: 75 }] },
    });

    expect(status).toBe(200);
    expect(body.predictions).toEqual([null]);
    expect(body.errors).toEqual([
      {
        row: 0,
        field: 'rooms',
        reason: "'three' is not a number",
        message: "row 1, rooms: 'three' is not a number",
      },
    ]);
  });
});

describe('revoking', () => {
  it("answers 404 for another user's token and leaves it working", async () => {
    const { token, secret } = await createToken(alice, 'kept');
    const { status } = await call(revokeRoute, idContext(token.id), {
      user: bob,
      method: 'DELETE',
    });

    expect(status).toBe(404);
    expect((await apiPredict(model.id, bearer(secret))).status).toBe(200);
  });
});
