#!/usr/bin/env bash
# Prints the path of the `weed` binary (SeaweedFS) that `npm run object-store` runs, building it from
# the Go module proxy the first time. The build lands in .cache/ and is reused by every later run.
#
# Always the version pinned in tools/seaweedfs/go.mod: a `weed` on PATH is ignored, because the
# object-store launcher depends on this version's `weed mini` flags. Building needs Go; no cgo.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tool_dir="$root/tools/seaweedfs"
module=github.com/seaweedfs/seaweedfs
pinned=$(awk -v m="$module" '{ for (i = 1; i < NF; i++) if ($i == m) { print $(i + 1); exit } }' "$tool_dir/go.mod")
commit=${pinned##*-}
cache_dir="$root/.cache/seaweedfs-$pinned"
weed="$cache_dir/weed"

log() { echo "ensure-seaweedfs: $*" >&2; }

# The build stamps the pinned commit into `weed version`, so a binary from any other build is rebuilt.
is_pinned_build() {
  [ -x "$weed" ] && "$weed" version 2>/dev/null | grep -q " $commit "
}

if is_pinned_build; then
  log "using cached weed $pinned ($weed)"
  echo "$weed"
  exit 0
fi

mkdir -p "$cache_dir"
# One build at a time: a second caller (another test worker) waits for the first build, then uses it.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$cache_dir/.build.lock"
  if ! flock -n 9; then
    log "waiting for another build of weed $pinned to finish"
    flock 9
  fi
  if is_pinned_build; then
    log "using weed $pinned just built by another run ($weed)"
    echo "$weed"
    exit 0
  fi
fi

if ! command -v go >/dev/null 2>&1; then
  log "weed $pinned is not built yet and there is no Go toolchain to build it; install Go"
  exit 1
fi

log "building weed $pinned from the Go module proxy into $cache_dir (once; takes about 4 minutes on 2 cores)"
tmp_out=$(mktemp "$cache_dir/.weed.XXXXXX")
trap 'rm -f "$tmp_out"' EXIT
(
  cd "$tool_dir"
  got=$(go list -m -f '{{.Version}}' "$module")
  [ "$got" = "$pinned" ] || { log "$module resolved to $got, expected $pinned"; exit 1; }
  CGO_ENABLED=0 go build -trimpath \
    -ldflags "-s -w -X $module/weed/util/version.COMMIT=$commit" \
    -o "$tmp_out" "$module/weed"
)
mv -f "$tmp_out" "$weed"
log "built $("$weed" version 2>/dev/null | head -n1)"
echo "$weed"
