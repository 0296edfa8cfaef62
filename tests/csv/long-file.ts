// Test helper: writes case 19's long file (id,x1,x2,y with y = id) with any number of rows.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** Same content as case 19's make_long.py, `rows` rows, written in batches to stay fast. */
export async function writeLongFile(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  out.write('id,x1,x2,y\n');
  for (let start = 1; start <= rows; start += 10_000) {
    let batch = '';
    for (let i = start; i < start + 10_000 && i <= rows; i++) {
      batch += `${i},${i % 97},${(i * 7) % 101},${i}\n`;
    }
    if (!out.write(batch)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
