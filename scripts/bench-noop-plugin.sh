#!/usr/bin/env bash
# The bench's no-op plugin, `vobizbench`, built as the vobiz plugin is (scripts/build-plugin.sh), into
# .cache/bench/noop-plugin/pulumi-resource-vobizbench-v<version>-linux-amd64.tar.gz. Rebuilt only when its
# inputs changed.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
exec bash "$root/scripts/build-plugin.sh" --name vobizbench --entry bench/noop-plugin/main.ts --out-dir "$root/.cache/bench/noop-plugin"
