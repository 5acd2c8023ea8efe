#!/usr/bin/env bash
# Prints the path of the SDK generator, tools/vobiz-sdkgen, built into .cache/ once per change of its sources.
# The first build compiles Pulumi's code generators and takes minutes.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tool_dir="$root/tools/vobiz-sdkgen"
tool_hash=$(cd "$tool_dir" && find . -type f | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -c1-12)
generator="$root/.cache/vobiz-sdkgen-$tool_hash"
if [ ! -x "$generator" ]; then
  echo "ensure-sdkgen: building tools/vobiz-sdkgen (the first build compiles Pulumi's code generators: minutes)" >&2
  mkdir -p "$root/.cache"
  rm -f "$root"/.cache/vobiz-sdkgen-*
  (cd "$tool_dir" && go build -o "$generator.partial" .)
  mv -f "$generator.partial" "$generator"
fi
echo "$generator"
