/** @jest-environment node */
// Every input of every case in ../shared/cases is used by at least one test, so a case added there
// fails this sweep until a test asserts the behaviour its case.md describes.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
/** shared/ sits beside the clone in CI; /work/shared on the development machine. */
const casesDir = [path.resolve(root, '..', 'shared', 'cases'), '/work/shared/cases'].find((dir) =>
  fs.existsSync(dir),
) as string;

/** The text of every test file and test helper: tests/**, and *.test.ts(x) files under lib/. */
function testSources(): string[] {
  const sources: string[] = [];
  const walk = (dir: string, all: boolean) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file, all);
      else if (/\.tsx?$/.test(entry.name) && (all || /\.test\.tsx?$/.test(entry.name))) {
        sources.push(fs.readFileSync(file, 'utf8'));
      }
    }
  };
  walk(path.join(root, 'tests'), true);
  walk(path.join(root, 'lib'), false);
  return sources;
}

const caseInputs = fs
  .readdirSync(casesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((entry) =>
    fs
      .readdirSync(path.join(casesDir, entry.name))
      .filter((name) => !name.endsWith('.md'))
      .map((name) => [entry.name, name] as const),
  );

test('the shared cases are found', () => {
  expect(caseInputs.length).toBeGreaterThan(10);
});

const sources = testSources();

test.each(caseInputs)('%s/%s is used by a test', (folder, name) => {
  const users = sources.filter((source) => source.includes(name));
  if (users.length === 0) {
    throw new Error(
      `no test reads ${folder}/${name}: add one asserting what ${folder}/case.md says`,
    );
  }
});
