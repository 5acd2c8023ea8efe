#!/usr/bin/env bash
# Prints a directory holding the Pulumi toolchain a project folder needs: the `pulumi` CLI, the Node.js
# language host `pulumi-language-nodejs`, the dynamic-provider launcher `pulumi-resource-pulumi-nodejs`, and
# the YAML and Python language hosts `pulumi-language-yaml` and `pulumi-language-python` (for folders that use
# the `vobiz` resource plugin).
# Whatever is missing is built once from the Go module proxy into .cache/ and reused by every later run.
#
# A CLI on PATH is used when it is at least $PULUMI_MIN_VERSION; otherwise the version pinned in
# tools/pulumi-cli/go.mod is built. A language host on PATH or next to the CLI is used; otherwise the one
# pinned in tools/pulumi-language-nodejs/go.mod is built: from sdk/v3 v3.69 on the host is a module of its
# own with no tagged release, which the module proxy does not serve, so the last release that carries it
# inside sdk/v3 is pinned. The YAML language host is found the same way, or built from the pulumi-yaml
# release pinned in tools/pulumi-language-yaml/go.mod, and the Python language host from the sdk/v3 release
# pinned in tools/pulumi-language-python/go.mod. Building needs Go (no cgo).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
min_version=${PULUMI_MIN_VERSION:-3.268.0}

log() { echo "ensure-pulumi: $*" >&2; }

pinned_version() { # $1 = wrapper module dir, $2 = module path
  awk -v module="$2" '{ for (i = 1; i < NF; i++) if ($i == module) { print $(i + 1); exit } }' "$1/go.mod"
}

version_at_least() { # $1 >= $2, both as x.y.z
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]
}

installed_version() { # prints x.y.z of the CLI at $1, or nothing
  "$1" version 2>/dev/null | sed -n 's/^v\{0,1\}\([0-9][0-9.]*\).*/\1/p' | head -n1
}

# Builds Go package $3 from wrapper module $1, whose module $2 must resolve to the pinned version, into $4.
# $5 is the Go variable that reports the version (the Pulumi SDK's unless given).
build_pinned() {
  local tool_dir=$1 module=$2 package=$3 out=$4 version_var=${5:-github.com/pulumi/pulumi/sdk/v3/go/common/version.Version} version
  version=$(pinned_version "$tool_dir" "$module")
  command -v go >/dev/null 2>&1 || { log "cannot build $package: no Go toolchain; install Go or a Pulumi CLI with its Node.js language host"; exit 1; }
  log "building $(basename "$package") ${version#v} from the Go module proxy (once; takes a few minutes)"
  mkdir -p "$(dirname "$out")"
  local tmp_out
  tmp_out=$(mktemp "$(dirname "$out")/.build.XXXXXX")
  (
    cd "$tool_dir"
    # Refuse a build whose modules drifted from the pin: `pulumi version` would lie.
    local got
    got=$(go list -m -f '{{.Version}}' "$module")
    [ "$got" = "$version" ] || { log "$module resolved to $got, expected $version"; exit 1; }
    CGO_ENABLED=0 go build -trimpath \
      -ldflags "-s -w -X $version_var=$version" \
      -o "$tmp_out" "$package"
  ) || { rm -f "$tmp_out"; exit 1; }
  mv -f "$tmp_out" "$out"
}

# The CLI.
cli_tool_dir="$root/tools/pulumi-cli"
cli_pinned=$(pinned_version "$cli_tool_dir" github.com/pulumi/pulumi/pkg/v3)
cli=""
if [ "${VOBIZ_FORCE_PULUMI_BUILD:-}" != "true" ] && on_path=$(command -v pulumi 2>/dev/null); then
  v=$(installed_version "$on_path")
  if [ -n "$v" ] && version_at_least "$v" "$min_version"; then
    cli=$on_path
  else
    log "ignoring pulumi on PATH (version '${v:-unknown}' < $min_version)"
  fi
fi
if [ -z "$cli" ]; then
  cli="$root/.cache/pulumi-$cli_pinned/bin/pulumi"
  if ! [ -x "$cli" ] || [ "$(installed_version "$cli")" != "${cli_pinned#v}" ]; then
    build_pinned "$cli_tool_dir" github.com/pulumi/pulumi/pkg/v3 github.com/pulumi/pulumi/pkg/v3/cmd/pulumi "$cli"
    log "built $("$cli" version)"
  fi
fi
cli_dir=$(dirname "$cli")

# The Node.js language host.
host_tool_dir="$root/tools/pulumi-language-nodejs"
host_pinned=$(pinned_version "$host_tool_dir" github.com/pulumi/pulumi/sdk/v3)
if [ -x "$cli_dir/pulumi-language-nodejs" ] && [ ! -L "$cli_dir/pulumi-language-nodejs" ]; then
  host="$cli_dir/pulumi-language-nodejs"
elif [ "${VOBIZ_FORCE_PULUMI_BUILD:-}" != "true" ] && on_path=$(command -v pulumi-language-nodejs 2>/dev/null) && [ "$on_path" != "$cli_dir/pulumi-language-nodejs" ]; then
  host=$on_path
else
  host="$root/.cache/pulumi-language-nodejs-$host_pinned/pulumi-language-nodejs"
  if ! [ -x "$host" ]; then
    build_pinned "$host_tool_dir" github.com/pulumi/pulumi/sdk/v3 github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs "$host"
    log "built pulumi-language-nodejs ${host_pinned#v}"
  fi
fi

# The YAML language host.
yaml_tool_dir="$root/tools/pulumi-language-yaml"
yaml_pinned=$(pinned_version "$yaml_tool_dir" github.com/pulumi/pulumi-yaml)
if [ -x "$cli_dir/pulumi-language-yaml" ] && [ ! -L "$cli_dir/pulumi-language-yaml" ]; then
  yaml_host="$cli_dir/pulumi-language-yaml"
elif [ "${VOBIZ_FORCE_PULUMI_BUILD:-}" != "true" ] && on_path=$(command -v pulumi-language-yaml 2>/dev/null) && [ "$on_path" != "$cli_dir/pulumi-language-yaml" ]; then
  yaml_host=$on_path
else
  yaml_host="$root/.cache/pulumi-language-yaml-$yaml_pinned/pulumi-language-yaml"
  # Only YAML folders need it, so a machine without Go still gets the rest of the toolchain.
  if ! [ -x "$yaml_host" ] && ! command -v go >/dev/null 2>&1; then
    log "no pulumi-language-yaml and no Go to build it: Pulumi YAML folders (examples/yaml-quickstart) will not run"
    yaml_host=""
  elif ! [ -x "$yaml_host" ]; then
    build_pinned "$yaml_tool_dir" github.com/pulumi/pulumi-yaml github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml "$yaml_host" \
      github.com/pulumi/pulumi-yaml/pkg/version.Version
    log "built pulumi-language-yaml ${yaml_pinned#v}"
  fi
fi

# The Python language host, with its executor script `pulumi-language-python-exec`, which it runs from the
# folder its own binary is in.
python_tool_dir="$root/tools/pulumi-language-python"
python_pinned=$(pinned_version "$python_tool_dir" github.com/pulumi/pulumi/sdk/v3)
if [ -x "$cli_dir/pulumi-language-python" ] && [ ! -L "$cli_dir/pulumi-language-python" ]; then
  python_host="$cli_dir/pulumi-language-python"
elif [ "${VOBIZ_FORCE_PULUMI_BUILD:-}" != "true" ] && on_path=$(command -v pulumi-language-python 2>/dev/null) && [ "$on_path" != "$cli_dir/pulumi-language-python" ]; then
  python_host=$on_path
else
  python_host="$root/.cache/pulumi-language-python-$python_pinned/pulumi-language-python"
  python_exec="$(dirname "$python_host")/pulumi-language-python-exec"
  if ! [ -x "$python_host" ] && ! command -v go >/dev/null 2>&1; then
    log "no pulumi-language-python and no Go to build it: Python folders (examples/python-quickstart) will not run"
    python_host=""
  elif ! [ -x "$python_host" ] || ! [ -x "$python_exec" ]; then
    build_pinned "$python_tool_dir" github.com/pulumi/pulumi/sdk/v3 github.com/pulumi/pulumi/sdk/v3/python/cmd/pulumi-language-python "$python_host"
    sdk_dir=$(cd "$python_tool_dir" && go list -m -f '{{.Dir}}' github.com/pulumi/pulumi/sdk/v3)
    install -m 0755 "$sdk_dir/python/cmd/pulumi-language-python-exec" "$python_exec"
    log "built pulumi-language-python ${python_pinned#v}"
  fi
fi

# The directory to put on PATH: the CLI's own when it is ours to add to, else a directory of links.
if [[ "$cli_dir" == "$root/.cache/"* ]]; then
  toolchain=$cli_dir
else
  toolchain="$root/.cache/toolchain/bin"
  mkdir -p "$toolchain"
  ln -sfn "$cli" "$toolchain/pulumi"
fi
[ "$host" = "$toolchain/pulumi-language-nodejs" ] || ln -sfn "$host" "$toolchain/pulumi-language-nodejs"
[ -z "$yaml_host" ] || [ "$yaml_host" = "$toolchain/pulumi-language-yaml" ] || ln -sfn "$yaml_host" "$toolchain/pulumi-language-yaml"
[ -z "$python_host" ] || [ "$python_host" = "$toolchain/pulumi-language-python" ] || ln -sfn "$python_host" "$toolchain/pulumi-language-python"
# The engine looks for plugins next to its own binary; the dynamic-provider launcher ships in @pulumi/pulumi.
launcher="$root/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
if [ ! -e "$cli_dir/pulumi-resource-pulumi-nodejs" ] && [ -f "$launcher" ]; then
  ln -sfn "$launcher" "$toolchain/pulumi-resource-pulumi-nodejs"
fi
echo "$toolchain"
