#!/usr/bin/env bash
# `npm test`: unit and integration tests (jest; it starts PostgreSQL and s3rver itself), then the
# browser tests (Playwright driving Debian's Chromium; it starts the app itself). Both always run;
# the exit status is non-zero when either failed. The last line counts both runners' tests as
# "N passed, N failed", the summary CI reads.
set -uo pipefail
cd "$(dirname "$0")/.."
results=$(mktemp -d)
trap 'rm -rf "${results}"' EXIT

npx jest --ci --json --outputFile="${results}/jest.json"
jest_status=$?

PLAYWRIGHT_JSON_OUTPUT_NAME="${results}/playwright.json" npx playwright test --reporter=list,json
browser_status=$?

echo "jest: exit ${jest_status}; playwright: exit ${browser_status}"
node scripts/test-summary.mjs "${results}/jest.json" "${results}/playwright.json"
if [ "${jest_status}" -ne 0 ] || [ "${browser_status}" -ne 0 ]; then
  exit 1
fi
