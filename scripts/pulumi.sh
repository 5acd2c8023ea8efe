#!/usr/bin/env bash
# `npm run pulumi -- <args>`: the repository's Pulumi CLI with offline settings and a local file backend.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/pulumi-env.sh"
exec pulumi "$@"
