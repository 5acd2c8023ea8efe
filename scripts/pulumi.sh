#!/usr/bin/env bash
# `npm run pulumi -- <args>`: the repository's Pulumi toolchain with offline settings and, unless the
# environment names another, a local file backend. It runs where npm was invoked (npm's INIT_CWD), so
# `npm --prefix <this repository> run pulumi -- up` works in any project folder.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/pulumi-env.sh"
cd "${INIT_CWD:-$PWD}"
exec pulumi "$@"
