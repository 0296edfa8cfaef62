#!/usr/bin/env bash
# `npm test`: unit and integration tests (jest; it starts PostgreSQL and s3rver itself), then the
# browser tests (Playwright driving Debian's Chromium; it starts the app itself). Both always run;
# the exit status is non-zero when either failed.
set -uo pipefail
cd "$(dirname "$0")/.."

npx jest --ci
jest_status=$?

npx playwright test
browser_status=$?

echo "jest: exit ${jest_status}; playwright: exit ${browser_status}"
if [ "${jest_status}" -ne 0 ] || [ "${browser_status}" -ne 0 ]; then
  exit 1
fi
