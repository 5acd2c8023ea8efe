#!/usr/bin/env bash
# `npm run demo`: the quickstart program on the local Vobiz emulator, through the real Pulumi CLI. The set-up
# also builds the `vobiz` plugin tarball and the Node.js and Python SDKs generated for it into dist/, for
# programs in other languages (each build is skipped while its sources are unchanged).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/pulumi-env.sh"
cd "$root"
npm run --silent build
bash scripts/build-plugin.sh
bash scripts/build-sdks.sh
node dist/scripts/demo.js
