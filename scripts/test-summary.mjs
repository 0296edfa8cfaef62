// Prints "N passed, N failed" for jest's and Playwright's JSON reports together; a report that is
// missing (its runner crashed before writing it) counts as one failure.
import { readFileSync } from 'node:fs';

function read(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

const [jestPath, playwrightPath] = process.argv.slice(2);
const jest = read(jestPath);
const playwright = read(playwrightPath);
let passed = 0;
let failed = 0;
if (jest) {
  passed += jest.numPassedTests;
  failed += jest.numFailedTests + jest.numRuntimeErrorTestSuites;
} else {
  failed += 1;
}
if (playwright) {
  // A flaky test passed on a retry, as the runner's exit status says.
  passed += playwright.stats.expected + playwright.stats.flaky;
  failed += playwright.stats.unexpected;
} else {
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed`);
