#!/usr/bin/env bash
# Prints the virtualenv that Python project folders (examples/python-quickstart) run in: .cache/python-venv,
# holding the Pulumi Python SDK pinned with hashes in examples/python-quickstart/requirements.txt and the
# `pulumi_vobiz` wheel that `npm run build:sdks` makes. Created once; the packages are installed again only
# when the requirements or the wheel change.
#
# The Python language host ignores Pulumi.yaml's `virtualenv` option, so whoever runs `pulumi` puts this
# virtualenv's bin first on PATH and sets VIRTUAL_ENV to it.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
venv="$root/.cache/python-venv"
requirements="$root/examples/python-quickstart/requirements.txt"
version=$(sed -n 's/^  "version": "\(.*\)",$/\1/p' "$root/package.json" | head -n1)
wheel="$root/dist/sdks/python/pulumi_vobiz-$version-py3-none-any.whl"
stamp="$venv/.vobiz-installed"

log() { echo "ensure-python-venv: $*" >&2; }

command -v python3 >/dev/null 2>&1 || { log "no python3 on PATH: Python folders (examples/python-quickstart) need Python 3.9 or later"; exit 1; }
[ -f "$wheel" ] || { log "no $wheel: run \`npm run build:sdks\` first"; exit 1; }

wanted=$(cat "$requirements" "$wheel" | sha256sum | cut -d' ' -f1)
if [ -x "$venv/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
  echo "$venv"
  exit 0
fi

if ! [ -x "$venv/bin/python" ]; then
  log "creating $venv"
  python3 -m venv "$venv"
fi
rm -f "$stamp"
log "installing the Pulumi Python SDK and $(basename "$wheel") into $venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --require-hashes -r "$requirements" >&2
# The wheel keeps its version while its contents change, so pip is told to replace what it holds.
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps --force-reinstall "$wheel" >&2
echo "$wanted" >"$stamp"
echo "$venv"
