#!/usr/bin/env bash
# `npm run demo`: the quickstart program on the local Vobiz emulator, through the real Pulumi CLI.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/pulumi-env.sh"
cd "$root"
npm run --silent build
node dist/scripts/demo.js
