#!/usr/bin/env bash
# `npm run build:sdks`: installable packages of the committed SDKs in plugin-sdks/ (see its README):
#   dist/sdks/nodejs/vobiz-pulumi-<version>.tgz          (npm install <tgz>)
#   dist/sdks/python/pulumi_vobiz-<version>-py3-none-any.whl (pip install <whl>)
# The Go SDK needs no build: a Go program requires the module plugin-sdks/go.
#
# The Node.js SDK is compiled with this repository's TypeScript against its @pulumi/pulumi; the wheel is built
# by pip, which takes setuptools from the Python package index. Both are rebuilt only when their inputs
# changed (the SDK sources, the lockfile, this script). VOBIZ_FORCE_SDK_BUILD=true rebuilds anyway.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
log() { echo "build-sdks: $*" >&2; }

version=$(node -p 'require("./plugin-sdks/nodejs/package.json").version')
out_dir="$root/dist/sdks"
tgz="$out_dir/nodejs/vobiz-pulumi-$version.tgz"
wheel="$out_dir/python/pulumi_vobiz-$version-py3-none-any.whl"
stamp="$out_dir/.inputs.sha256"

inputs_hash=$(
  { find plugin-sdks/nodejs plugin-sdks/python -type f | LC_ALL=C sort | xargs sha256sum; sha256sum package-lock.json scripts/build-sdks.sh; } | sha256sum | cut -d' ' -f1
)
if [ "${VOBIZ_FORCE_SDK_BUILD:-}" != "true" ] && [ -f "$tgz" ] && [ -f "$wheel" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$inputs_hash" ]; then
  log "up to date: ${tgz#"$root/"}, ${wheel#"$root/"}"
  exit 0
fi

# Under the repository, so that the compiler finds @pulumi/pulumi and @types/node in its node_modules.
work="$root/.cache/sdk-build"
rm -rf "$work" "$out_dir"
mkdir -p "$work" "$out_dir/nodejs" "$out_dir/python"
trap 'rm -rf "$work"' EXIT

cp -r plugin-sdks/nodejs "$work/nodejs"
(cd "$work/nodejs" && "$root/node_modules/.bin/tsc" -p tsconfig.json)
# The package is bin/ with the manifest beside the compiled code, as Pulumi's own Node.js SDKs are published.
cp "$work/nodejs/package.json" "$work/nodejs/README.md" "$work/nodejs/bin/"
(cd "$work/nodejs/bin" && npm pack --silent --pack-destination "$out_dir/nodejs" >/dev/null)

# pip builds in the folder it is given, leaving build/ and *.egg-info behind, so it gets a copy.
cp -r plugin-sdks/python "$work/python"
python3 -m pip wheel --quiet --no-deps --wheel-dir "$out_dir/python" "$work/python"

[ -f "$tgz" ] || { log "npm pack did not write ${tgz#"$root/"}"; exit 1; }
[ -f "$wheel" ] || { log "pip did not write ${wheel#"$root/"}"; exit 1; }
echo "$inputs_hash" > "$stamp"
log "built ${tgz#"$root/"} ($(du -h "$tgz" | cut -f1)), ${wheel#"$root/"} ($(du -h "$wheel" | cut -f1))"
