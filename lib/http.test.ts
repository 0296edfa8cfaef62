/** @jest-environment node */
// Route-handler plumbing: error answers, JSON responses, input validation.
import { AppError } from './errors';
import { apiRoute, json, parseInput, readJson } from './http';
import { z } from 'zod';

const request = new Request('http://127.0.0.1/api/thing', { method: 'POST' });

describe('apiRoute', () => {
  it('answers an AppError with its status, code, message and fields', async () => {
    const route = apiRoute(async () => {
      throw new AppError('CONFLICT', 'Name taken.', { fields: { name: 'Choose another name.' } });
    });

    const response = await route(request, undefined);
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({
      error: { code: 'CONFLICT', message: 'Name taken.', fields: { name: 'Choose another name.' } },
    });
  });

  it('answers any other error with a generic 500 and logs the cause, never the stack', async () => {
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const route = apiRoute(async () => {
      throw new Error('connection refused at db.internal:5432');
    });

    const response = await route(request, undefined);
    const text = await response.text();
    const logged = stderr.mock.calls.map((call) => String(call[0])).join('');
    stderr.mockRestore();

    expect(response.status).toBe(500);
    expect(text).not.toContain('db.internal');
    expect(text).not.toContain('at ');
    expect(JSON.parse(text).error.code).toBe('INTERNAL');
    expect(logged).toContain('connection refused at db.internal:5432');
    expect(logged).toContain('/api/thing');
  });

  describe('cross-site request forgery', () => {
    const route = apiRoute(async () => json({ ok: true }));
    const call = (method: string, headers: Record<string, string>) =>
      route(new Request('http://127.0.0.1:3000/api/thing', { method, headers }), undefined);

    it('refuses a state change sent by a page of another origin, naming why', async () => {
      const response = await call('POST', {
        origin: 'https://evil.example',
        host: '127.0.0.1:3000',
      });
      expect(response.status).toBe(403);
      expect((await response.json()).error.message).toMatch(/another site/);
      for (const method of ['PATCH', 'DELETE', 'PUT']) {
        const other = await call(method, {
          origin: 'http://127.0.0.1:3001',
          host: '127.0.0.1:3000',
        });
        expect(other.status).toBe(403);
      }
      expect((await call('POST', { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
      expect((await call('POST', { origin: 'null', host: '127.0.0.1:3000' })).status).toBe(403);
    });

    it('lets same-origin pages, proxied hosts, reads and clients without an origin through', async () => {
      const same = { origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000' };
      expect((await call('POST', { ...same, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
      const proxied = { origin: 'https://ml.example', host: '10.0.0.2:3000' };
      expect((await call('POST', { ...proxied, 'x-forwarded-host': 'ml.example' })).status).toBe(
        200,
      );
      expect(
        (await call('GET', { origin: 'https://evil.example', host: '127.0.0.1:3000' })).status,
      ).toBe(200);
      expect((await call('POST', {})).status).toBe(200);
    });
  });
});

describe('json', () => {
  it('sends JSON that no cache may keep', async () => {
    const response = json({ a: 1 }, { status: 201 });
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ a: 1 });
  });
});

describe('parseInput', () => {
  it('names every bad field with its first message', () => {
    const schema = z.object({ a: z.number({ error: 'a must be a number' }), b: z.string() });
    const error = (() => {
      try {
        parseInput(schema, { a: 'x', b: 'ok' });
      } catch (e) {
        return e as AppError;
      }
    })();
    expect(error?.status).toBe(400);
    expect(error?.fields).toEqual({ a: 'a must be a number' });
  });
});

describe('readJson', () => {
  const post = (body: BodyInit, headers?: HeadersInit) =>
    new Request('http://127.0.0.1/api/thing', { method: 'POST', body, headers });

  it('parses a JSON body', async () => {
    await expect(readJson(post('{"a":[1,2]}'))).resolves.toEqual({ a: [1, 2] });
  });

  it('answers 400 for a body that is not JSON', async () => {
    await expect(readJson(post('{oops'))).rejects.toMatchObject({ status: 400 });
  });

  it('refuses a body over the limit, whether or not its length is declared', async () => {
    await expect(readJson(post('x'.repeat(100)), 50)).rejects.toMatchObject({ status: 413 });

    const chunked = new ReadableStream({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode('x'.repeat(40)));
      },
    });
    const request = new Request('http://127.0.0.1/api/thing', {
      method: 'POST',
      body: chunked,
      duplex: 'half',
    } as RequestInit);
    await expect(readJson(request, 100)).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: 'The request body is larger than 100 bytes.',
    });
  });
});
