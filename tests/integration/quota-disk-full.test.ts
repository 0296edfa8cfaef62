/** @jest-environment node */
// A full disk under the local storage backend (ENOSPC): an upload is refused with 507 and a
// message saying the server's storage is full, and nothing is left behind. The disk is a 256 KB
// tmpfs mounted for this file, which needs root (or CAP_SYS_ADMIN); without it the file is skipped.
jest.mock('arquero', () => jest.requireActual('arquero/dist/arquero.js'));

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GET as listRoute, POST as uploadRoute } from '@/app/api/datasets/route';
import type { SessionUser } from '@/lib/auth/session';
import { scratchDir } from '@/lib/datasets/files';
import { LocalStorage } from '@/lib/storage';
import { useTestDatabase } from '../helpers/db';
import { createTestUser, sessionCookie } from '../helpers/session';

// Before any module reads the configuration: DATA_DIR on the small disk.
const mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), 'cidra-full-disk-'));
const mounted = tryMount(mountPoint);
process.env.DATA_DIR = mountPoint;

function tryMount(dir: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

afterAll(() => {
  if (mounted) execFileSync('umount', [mountPoint]);
  fs.rmSync(mountPoint, { recursive: true, force: true });
});

const maybe = mounted ? describe : describe.skip;
const row = '123456789,abcdefghij,3.14159\n';
const bigCsv = 'a,b,c\n' + row.repeat(Math.ceil((1024 * 1024) / row.length));

useTestDatabase();
let alice: SessionUser;

beforeAll(async () => {
  alice = await createTestUser();
});

/** Files under `dir`, recursively (scratch and temporary files included). */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .flatMap((entry) => (entry.isFile() ? [path.join(entry.parentPath, entry.name)] : []));
}

maybe('a full disk', () => {
  it('refuses a storage write with STORAGE_FULL and leaves no temporary file', async () => {
    const storage = new LocalStorage(path.join(mountPoint, 'direct'));
    const put = storage.put('datasets/x/big.csv', Buffer.from(bigCsv));

    await expect(put).rejects.toMatchObject({
      code: 'STORAGE_FULL',
      status: 507,
      message:
        "The server's storage is full, so nothing more can be stored. Please tell the administrator.",
    });
    expect(filesUnder(path.join(mountPoint, 'direct'))).toEqual([]);
  });

  it('answers an upload with 507 and the message, storing nothing and keeping no scratch', async () => {
    const form = new FormData();
    form.append('file', new Blob([bigCsv]), 'big.csv');
    const headers = { cookie: await sessionCookie(alice) };
    const request = new Request('http://x/api/datasets', { method: 'POST', body: form, headers });
    const response = await uploadRoute(request, undefined);
    const body = await response.json();

    expect(response.status).toBe(507);
    expect(body.error).toEqual({
      code: 'STORAGE_FULL',
      message:
        "The server's storage is full, so nothing more can be stored. Please tell the administrator.",
    });
    expect(filesUnder(scratchDir())).toEqual([]);
    expect(filesUnder(path.join(mountPoint, 'storage'))).toEqual([]);
    const list = await listRoute(new Request('http://x/api/datasets', { headers }), undefined);
    expect((await list.json()).datasets).toEqual([]);
  });
});
