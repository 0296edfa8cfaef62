// The scratch folder of dataset files (uploads arriving, stored files copied for reading), and the
// clean-up of files a stopped server left there. No imports beyond Node's: start-up scripts use it.
import fs from 'node:fs/promises';
import path from 'node:path';

/** DATA_DIR/tmp/datasets. */
export function scratchFolder(dataDir: string): string {
  return path.join(dataDir, 'tmp', 'datasets');
}

/**
 * Removes scratch files untouched for `maxAgeMs`: those of a server killed in the middle of an
 * upload or a read. Files in use are younger (an upload writes as its body arrives; a read copy
 * lives for the minutes its reading takes). Returns how many were removed.
 */
export async function removeStaleScratch(dataDir: string, maxAgeMs: number): Promise<number> {
  const dir = scratchFolder(dataDir);
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    const file = path.join(dir, name);
    const stats = await fs.stat(file).catch(() => undefined);
    if (!stats?.isFile() || Date.now() - stats.mtimeMs < maxAgeMs) continue;
    await fs.rm(file, { force: true });
    removed++;
  }
  return removed;
}
