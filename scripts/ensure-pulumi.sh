#!/usr/bin/env bash
# Prints the directory holding a usable `pulumi` CLI, building one from the Go module proxy when
# none is installed. The build lands in .cache/ and is reused by every later run.
#
# A CLI on PATH is used when it is at least $PULUMI_MIN_VERSION. Otherwise the version pinned in
# tools/pulumi-cli/go.mod is built once (needs Go; no cgo).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tool_dir="$root/tools/pulumi-cli"
pinned=$(awk '{ for (i = 1; i < NF; i++) if ($i == "github.com/pulumi/pulumi/pkg/v3") { print $(i + 1); exit } }' "$tool_dir/go.mod")
min_version=${PULUMI_MIN_VERSION:-3.268.0}
cache_bin="$root/.cache/pulumi-$pinned/bin"

log() { echo "ensure-pulumi: $*" >&2; }

version_at_least() { # $1 >= $2, both as x.y.z
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]
}

installed_version() { # prints x.y.z of the CLI at $1, or nothing
  "$1" version 2>/dev/null | sed -n 's/^v\{0,1\}\([0-9][0-9.]*\).*/\1/p' | head -n1
}

link_dynamic_provider_plugin() {
  # The engine looks for plugins next to its own binary; the dynamic-provider launcher ships in @pulumi/pulumi.
  local launcher="$root/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
  if [ -f "$launcher" ] && [ ! -e "$1/pulumi-resource-pulumi-nodejs" ]; then
    ln -sf "$launcher" "$1/pulumi-resource-pulumi-nodejs"
  fi
}

if [ "${VOBIZ_FORCE_PULUMI_BUILD:-}" != "true" ] && on_path=$(command -v pulumi 2>/dev/null); then
  v=$(installed_version "$on_path")
  if [ -n "$v" ] && version_at_least "$v" "$min_version"; then
    log "using pulumi $v from PATH ($on_path)"
    dirname "$on_path"
    exit 0
  fi
  log "ignoring pulumi on PATH (version '${v:-unknown}' < $min_version)"
fi

if [ -x "$cache_bin/pulumi" ] && [ "$(installed_version "$cache_bin/pulumi")" = "${pinned#v}" ]; then
  link_dynamic_provider_plugin "$cache_bin"
  log "using cached pulumi ${pinned#v} ($cache_bin)"
  echo "$cache_bin"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  log "no pulumi >= $min_version on PATH and no Go toolchain to build one; install either"
  exit 1
fi

log "building pulumi ${pinned#v} from the Go module proxy into $cache_bin (once; takes several minutes)"
mkdir -p "$cache_bin"
tmp_out=$(mktemp "$cache_bin/.pulumi.XXXXXX")
(
  cd "$tool_dir"
  # Refuse a build whose engine and SDK drifted apart: `pulumi version` would lie.
  for module in github.com/pulumi/pulumi/pkg/v3 github.com/pulumi/pulumi/sdk/v3; do
    got=$(go list -m -f '{{.Version}}' "$module")
    [ "$got" = "$pinned" ] || { log "$module resolved to $got, expected $pinned"; exit 1; }
  done
  CGO_ENABLED=0 go build -trimpath \
    -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$pinned" \
    -o "$tmp_out" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
)
mv -f "$tmp_out" "$cache_bin/pulumi"
link_dynamic_provider_plugin "$cache_bin"
log "built $("$cache_bin/pulumi" version)"
echo "$cache_bin"
