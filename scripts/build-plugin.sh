#!/usr/bin/env bash
# `npm run build:plugin`: the `vobiz` resource plugin as the engine installs it,
# dist/plugin/pulumi-resource-vobiz-v<version>-linux-amd64.tar.gz, holding one executable,
# `pulumi-resource-vobiz`, that needs no Node.js on the machine: a Node single-executable application made
# from the Node 22 binary of the `node` package and a one-file CommonJS bundle of provider/plugin/main.ts.
#
# The tarball is rebuilt only when its inputs changed (the sources it bundles, the lockfile, this script),
# so a second `npm test` costs a hash of the sources. VOBIZ_FORCE_PLUGIN_BUILD=true rebuilds anyway.
#
# Another plugin is built the same way with `--name <package> --entry <main.ts> --out-dir <dir>`: the bench's
# no-op plugin (scripts/bench-noop-plugin.sh) is, so that it costs what the vobiz plugin's packaging costs.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
log() { echo "build-plugin: $*" >&2; }

name=vobiz
entry=provider/plugin/main.ts
out_dir="$root/dist/plugin"
while [ $# -gt 0 ]; do
  case "$1" in
    --name) name=$2; shift 2 ;;
    --entry) entry=$2; shift 2 ;;
    --out-dir) out_dir=$(mkdir -p "$2" && cd "$2" && pwd); shift 2 ;;
    *) log "unknown argument $1 (expected --name, --entry or --out-dir)"; exit 2 ;;
  esac
done
[ -f "$entry" ] || { log "no entry file $entry"; exit 2; }
executable="pulumi-resource-$name"

version=$(node -p 'require("./package.json").version')
tarball="$out_dir/$executable-v$version-linux-amd64.tar.gz"
stamp="$out_dir/.inputs.sha256"
node_binary="$root/node_modules/node/bin/node"

# Everything the bundle can reach comes from provider/, sdk/ and the entry's folder (and node_modules, pinned
# by the lockfile).
inputs_hash=$(
  { find provider sdk "$(dirname "$entry")" -name '*.ts' -type f | LC_ALL=C sort -u | xargs sha256sum; sha256sum package-lock.json scripts/build-plugin.sh; } | sha256sum | cut -d' ' -f1
)
if [ "${VOBIZ_FORCE_PLUGIN_BUILD:-}" != "true" ] && [ -f "$tarball" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$inputs_hash" ]; then
  log "up to date: ${tarball#"$root/"}"
  exit 0
fi

[ -x "$node_binary" ] || { log "no Node binary at ${node_binary#"$root/"}; run npm ci"; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/vobiz-plugin.XXXXXX")
trap 'rm -rf "$work"' EXIT

# One CommonJS file: a single-executable application can `require` only Node's built-in modules. The
# operations load nothing lazily (dynamic-provider.ts, which requires by package name, is not reachable from main.ts).
npx --no-install esbuild "$entry" --bundle --platform=node --target=node22 --format=cjs \
  --define:VOBIZ_PLUGIN_VERSION="\"$version\"" --log-level=warning --outfile="$work/plugin.js"

# The V8 code cache goes into the executable with the bundle, so that each start skips compiling it: the
# engine starts the plugin for every command, and a `pulumi refresh` of many numbers lasts a couple of seconds.
cat > "$work/sea-config.json" <<EOF
{ "main": "$work/plugin.js", "output": "$work/sea-prep.blob", "disableExperimentalSEAWarning": true, "useCodeCache": true }
EOF
"$node_binary" --experimental-sea-config "$work/sea-config.json" >&2

mkdir -p "$work/package"
cp "$node_binary" "$work/package/$executable"
chmod u+w "$work/package/$executable"
# postject warns "Can't find string offset for section name '.note.100'" on this binary; the result runs.
if ! npx --no-install postject "$work/package/$executable" NODE_SEA_BLOB "$work/sea-prep.blob" \
  --sentinel-fuse NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2 >"$work/postject.log" 2>&1; then
  cat "$work/postject.log" >&2
  exit 1
fi

mkdir -p "$out_dir"
tar -C "$work/package" -czf "$work/plugin.tar.gz" "$executable"
mv -f "$work/plugin.tar.gz" "$tarball"
echo "$inputs_hash" > "$stamp"
log "built ${tarball#"$root/"} ($(du -h "$tarball" | cut -f1); executable $(du -h "$work/package/$executable" | cut -f1))"
