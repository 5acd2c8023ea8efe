#!/usr/bin/env bash
# `npm test`: type-check, lint, build, then every test suite (unit, emulator, SDK, and the real
# Pulumi CLI end to end). The Pulumi CLI is built once from the Go module proxy if none is installed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/pulumi-env.sh"
cd "$root"
echo "node $(node --version), $(pulumi version | head -n1) at $(command -v pulumi)"
tsc -p tsconfig.json --noEmit
eslint .
npm run --silent build
bash scripts/build-plugin.sh # the vobiz plugin tarball for tests/e2e/plugin-yaml.test.ts; rebuilt only when its sources change
bash scripts/build-sdks.sh # the SDK packages for tests/plugin-sdks; rebuilt only when plugin-sdks/ changes
bash scripts/ensure-seaweedfs.sh >/dev/null # SeaweedFS for tests/object-store, built once into .cache/
mkdir -p .cache && rm -f .cache/jest-results.json
status=0
jest --ci --json --outputFile=.cache/jest-results.json "$@" || status=$?
node -e '
  const r = require("./.cache/jest-results.json");
  console.log(`jest: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
' || true
exit "$status"
