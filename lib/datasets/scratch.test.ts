// Stale scratch files (a server killed mid-upload) are removed at start; fresh ones are kept.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { removeStaleScratch, scratchFolder } from './scratch';

test('removes files untouched for longer than the age given, and keeps the others', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scratch-'));
  try {
    const folder = scratchFolder(dataDir);
    fs.mkdirSync(folder, { recursive: true });
    const old = path.join(folder, 'killed.upload');
    const fresh = path.join(folder, 'arriving.upload');
    fs.writeFileSync(old, 'a,b\n1,');
    fs.writeFileSync(fresh, 'a,b\n1,2\n');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    fs.utimesSync(old, twoHoursAgo, twoHoursAgo);

    expect(await removeStaleScratch(dataDir, 3600_000)).toBe(1);
    expect(fs.readdirSync(folder)).toEqual(['arriving.upload']);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a data folder without a scratch folder is fine', async () => {
  expect(await removeStaleScratch(path.join(os.tmpdir(), 'no-such-data-dir-xyz'), 1)).toBe(0);
});
