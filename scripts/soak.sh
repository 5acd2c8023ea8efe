#!/usr/bin/env bash
# `npm run soak -- [--runs N] [--numbers N] [--parallel N] [--concurrency N] [--busy N] [--seed N] [--max-ups N]`:
# the money scenarios, N runs each (default 50), through the real Pulumi CLI against the emulator, with a busy
# process loading the CPU. Prints a table per scenario and writes it to .cache/soak/report.md; exits non-zero
# on any duplicate claim, double debit or orphan.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/pulumi-env.sh"
cd "$root"
export VOBIZ_SOAK_RUNS=50
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) VOBIZ_SOAK_RUNS=$2 ;;
    --numbers) export VOBIZ_SOAK_NUMBERS=$2 ;;
    --parallel) export VOBIZ_SOAK_PARALLEL=$2 ;;
    --concurrency) export VOBIZ_SOAK_CONCURRENCY=$2 ;;
    --busy) export VOBIZ_SOAK_BUSY=$2 ;;
    --seed) export VOBIZ_SOAK_SEED=$2 ;;
    --max-ups) export VOBIZ_SOAK_MAX_UPS=$2 ;;
    *) echo "soak: unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
npm run --silent build
jest --ci tests/soak
