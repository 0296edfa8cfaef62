/** @jest-environment node */
// Accounts end to end on a real PostgreSQL: register through the route handler, log in through
// the same `authorize` next-auth calls, rate limits, and reading sessions from cookies.
import { eq, sql } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import { POST as register } from '@/app/api/register/route';
import { loginAttempts, users } from '@/db/schema';
import { decodeLoginFailure } from '@/lib/auth/login-errors';
import { login } from '@/lib/auth/login';
import { authOptions } from '@/lib/auth/options';
import { getSessionUser, requireUser } from '@/lib/auth/session';
import { verifyPassword } from '@/lib/auth/password';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { useTestDatabase } from '../helpers/db';
import { createTestUser, sessionCookie, TEST_PASSWORD } from '../helpers/session';

useTestDatabase();

function registerRequest(body: unknown): Request {
  return new Request('http://127.0.0.1:3000/api/register', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function registerWith(body: unknown) {
  const response = await register(registerRequest(body), undefined);
  return { status: response.status, body: await response.json() };
}

/** The AppError `work` throws (fails the test when it resolves). */
async function appErrorOf(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => new Error('expected an error'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('POST /api/register', () => {
  it('creates the account with a normalised email and an argon2id hash', async () => {
    const { status, body } = await registerWith({
      name: ' Ada Lovelace ',
      email: '  Ada@Example.COM ',
      password: 'analytical engine',
    });

    expect(status).toBe(201);
    expect(body.user).toEqual({
      id: expect.any(String),
      name: 'Ada Lovelace',
      email: 'ada@example.com',
    });
    const [row] = await getDb().select().from(users).where(eq(users.id, body.user.id));
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row.passwordHash, 'analytical engine')).toBe(true);
  });

  it('refuses a duplicate email, whatever its case, on the email field', async () => {
    await createTestUser({ email: 'taken@example.com' });
    const { status, body } = await registerWith({
      name: 'Someone',
      email: 'TAKEN@example.com',
      password: 'long enough password',
    });

    expect(status).toBe(409);
    expect(body.error.code).toBe('CONFLICT');
    expect(body.error.fields.email).toBe(
      'An account with this email already exists. Log in instead.',
    );
  });

  it('refuses a password shorter than 8 characters', async () => {
    const { status, body } = await registerWith({
      name: 'A',
      email: 'a@example.com',
      password: 'short',
    });

    expect(status).toBe(400);
    expect(body.error.fields).toEqual({ password: 'Use at least 8 characters for your password.' });
  });

  it('refuses a common password', async () => {
    const { body } = await registerWith({
      name: 'A',
      email: 'a@example.com',
      password: 'Password1',
    });

    expect(body.error.fields.password).toBe(
      'This password is too common. Choose one that is harder to guess.',
    );
  });

  it('refuses a malformed email and a missing name, each on its field', async () => {
    const { status, body } = await registerWith({
      name: '   ',
      email: 'not-an-email',
      password: 'long enough password',
    });

    expect(status).toBe(400);
    expect(body.error.fields).toEqual({
      name: 'Enter your name.',
      email: 'Enter a valid email address, like name@example.com.',
    });
  });

  it('answers 400, not 500, to a body that is not JSON', async () => {
    const { status, body } = await registerWith('{not json');

    expect(status).toBe(400);
    expect(body.error.message).toBe('The request body must be JSON.');
  });
});

describe('login', () => {
  it('accepts the right password, ignoring the case of the email', async () => {
    const user = await createTestUser({ email: 'grace@example.com', name: 'Grace' });

    await expect(
      login({ email: ' Grace@Example.com', password: TEST_PASSWORD }, '10.0.0.1'),
    ).resolves.toEqual(user);
  });

  it('names the password field when the password is wrong', async () => {
    await createTestUser({ email: 'wrong-pw@example.com' });
    const error = await appErrorOf(
      login({ email: 'wrong-pw@example.com', password: 'nope' }, null),
    );

    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.fields).toEqual({ password: 'Wrong password. Check it and try again.' });
  });

  it('names the email field when no account has that email', async () => {
    const error = await appErrorOf(login({ email: 'nobody@example.com', password: 'x' }, null));

    expect(error.fields).toEqual({
      email: 'No account uses this email. Check it, or create an account.',
    });
  });

  it('reaches the form through next-auth as an encoded failure', async () => {
    await createTestUser({ email: 'via-next-auth@example.com' });
    const provider = authOptions.providers[0] as unknown as {
      options: { authorize(credentials: unknown, request: unknown): Promise<unknown> };
    };
    const request = { headers: { 'x-forwarded-for': '10.9.9.9' } };

    const error = await provider.options
      .authorize({ email: 'via-next-auth@example.com', password: 'bad' }, request)
      .catch((e: Error) => e);

    expect(decodeLoginFailure((error as Error).message)).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'Wrong password.',
      fields: { password: 'Wrong password. Check it and try again.' },
    });
    const user = await provider.options.authorize(
      { email: 'via-next-auth@example.com', password: TEST_PASSWORD },
      request,
    );
    expect(user).toMatchObject({ email: 'via-next-auth@example.com' });
  });
});

describe('login rate limit', () => {
  async function failTimes(times: number, email: string, address: string | null) {
    for (let i = 0; i < times; i++) {
      await login({ email, password: `wrong-${i}` }, address).catch(() => undefined);
    }
  }

  it('blocks an email after 10 failures, even with the right password, from any address', async () => {
    await createTestUser({ email: 'target@example.com' });
    await failTimes(10, 'target@example.com', '10.1.0.1');

    const error = await appErrorOf(
      login({ email: 'target@example.com', password: TEST_PASSWORD }, '10.1.0.2'),
    );
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.status).toBe(429);
    expect(error.message).toBe('Too many attempts, try again in 15 minutes.');
  });

  it('blocks an address after 10 failures across different emails', async () => {
    const user = await createTestUser({ email: 'innocent@example.com' });
    for (let i = 0; i < 10; i++) await failTimes(1, `probe-${i}@example.com`, '10.2.0.1');

    const blocked = await appErrorOf(
      login({ email: 'innocent@example.com', password: TEST_PASSWORD }, '10.2.0.1'),
    );
    expect(blocked.code).toBe('RATE_LIMITED');
    await expect(
      login({ email: 'innocent@example.com', password: TEST_PASSWORD }, '10.2.0.2'),
    ).resolves.toEqual(user);
  });

  it('counts down while failures age, and lets the user in once they leave the window', async () => {
    const user = await createTestUser({ email: 'patient@example.com' });
    await failTimes(10, 'patient@example.com', null);
    const age = (minutes: number) =>
      getDb()
        .update(loginAttempts)
        .set({ createdAt: sql`now() - make_interval(mins => ${minutes})` })
        .where(eq(loginAttempts.key, 'email:patient@example.com'));

    await age(10);
    const error = await appErrorOf(
      login({ email: 'patient@example.com', password: TEST_PASSWORD }, null),
    );
    expect(error.message).toBe('Too many attempts, try again in 5 minutes.');

    await age(16);
    await expect(
      login({ email: 'patient@example.com', password: TEST_PASSWORD }, null),
    ).resolves.toEqual(user);
  });

  it('forgets an email’s failures after a successful login', async () => {
    await createTestUser({ email: 'forgetful@example.com' });
    await failTimes(9, 'forgetful@example.com', null);
    await login({ email: 'forgetful@example.com', password: TEST_PASSWORD }, null);
    await failTimes(9, 'forgetful@example.com', null);

    await expect(
      login({ email: 'forgetful@example.com', password: TEST_PASSWORD }, null),
    ).resolves.toMatchObject({ email: 'forgetful@example.com' });
  });
});

describe('sessions', () => {
  const withCookie = (cookie: string) =>
    new Request('http://127.0.0.1:3000/api/models', { headers: { cookie } });

  it('reads the user from a session cookie', async () => {
    const user = await createTestUser({ name: 'Cookie Monster' });

    await expect(getSessionUser(withCookie(await sessionCookie(user)))).resolves.toEqual(user);
  });

  it('has no user without a cookie, and requireUser answers 401', async () => {
    await expect(getSessionUser(new Request('http://127.0.0.1/'))).resolves.toBeNull();
    const error = await appErrorOf(requireUser(new Request('http://127.0.0.1/')));
    expect(error.status).toBe(401);
  });

  it('rejects a token signed with another secret', async () => {
    const user = await createTestUser();
    const forged = await encode({ token: { sub: user.id }, secret: 'some other secret' });

    await expect(
      getSessionUser(withCookie(`next-auth.session-token=${forged}`)),
    ).resolves.toBeNull();
  });

  it('ends the session of a deleted account even though its token is still valid', async () => {
    const user = await createTestUser();
    const cookie = await sessionCookie(user);
    await getDb().delete(users).where(eq(users.id, user.id));

    await expect(getSessionUser(withCookie(cookie))).resolves.toBeNull();
  });

  it('uses the __Secure- cookie name when NEXTAUTH_URL is https', async () => {
    const user = await createTestUser();
    const plainCookie = await sessionCookie(user);
    process.env.NEXTAUTH_URL = 'https://cidra.example.org';
    try {
      const secureCookie = await sessionCookie(user);
      expect(secureCookie.startsWith('__Secure-next-auth.session-token=')).toBe(true);
      await expect(getSessionUser(withCookie(secureCookie))).resolves.toEqual(user);
      await expect(getSessionUser(withCookie(plainCookie))).resolves.toBeNull();
    } finally {
      delete process.env.NEXTAUTH_URL;
    }
  });
});
