#!/usr/bin/env bash
# The fleet's pipeline, one step per run: `preview` for a pull request, `up` after a merge, `drift` on a
# schedule. The workflow files in ci/ only call this script, so a test of the script is a test of the pipeline.
#
# Usage: ./pipeline.sh preview|up|drift
#
# Environment:
#   PULUMI_STACK              the stack to run on (created on first use)
#   PULUMI_BACKEND_URL        where the state lives, e.g. s3://bucket?region=...; with the backend's
#                             credentials (for S3: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION)
#   PULUMI_CONFIG_PASSPHRASE  encrypts the stack's secrets
#   VOBIZ_AUTH_ID, VOBIZ_AUTH_TOKEN (and VOBIZ_BASE_URL) unless the stack's config holds them
#   PREVIEW_SUMMARY           where `preview` writes its Markdown summary (default: $GITHUB_STEP_SUMMARY,
#                             else preview-summary.md in this folder)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

step=${1:-}
stack=${PULUMI_STACK:?set PULUMI_STACK to the stack this pipeline manages}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
report() { npx --no-install vobiz-pipeline-report "$@"; }

pulumi stack select --create "$stack" >/dev/null

case "$step" in
  preview)
    # The plan as a reviewer reads it, then the same preview as data for the summary. A refused preview still
    # gets its summary, with the refusal at the top; the step fails after writing it.
    previewed=0
    pulumi preview --diff --stack "$stack" || previewed=$?
    # --show-sames: the stack's caps (vobiz:maxNumbers, vobiz:maxMonthlyTotal) count the numbers left unchanged too.
    pulumi preview --json --show-sames --stack "$stack" > "$scratch/preview.json" || true
    summary=${PREVIEW_SUMMARY:-${GITHUB_STEP_SUMMARY:-preview-summary.md}}
    reported=0
    report summary --stack "$stack" "$scratch/preview.json" >> "$summary" || reported=$?
    echo "pipeline: summary written to $summary"
    if [ "$previewed" -ne 0 ] || [ "$reported" -ne 0 ]; then
      echo "pipeline: the plan is refused (see the summary)" >&2
      exit 1
    fi
    ;;
  up)
    # From what Vobiz really holds, not from the last recorded state, so that an apply also repairs drift.
    pulumi up --refresh --yes --stack "$stack"
    ;;
  drift)
    # Exits non-zero when Vobiz no longer matches the state, naming each drifted number and property.
    refreshed=0
    # Streamed events carry each refreshed state beside the recorded one; the plain JSON does not.
    PULUMI_ENABLE_STREAMING_JSON_PREVIEW=true pulumi refresh --preview-only --expect-no-changes --json --stack "$stack" \
      > "$scratch/refresh.json" || refreshed=$?
    drifted=0
    report drift "$scratch/refresh.json" || drifted=$?
    if [ "$drifted" -eq 0 ] && [ "$refreshed" -ne 0 ]; then
      echo "pipeline: the drift check could not complete (pulumi refresh exited with $refreshed)" >&2
    fi
    [ "$drifted" -eq 0 ] && [ "$refreshed" -eq 0 ] || exit 1
    echo "pipeline: no drift"
    ;;
  *)
    echo "usage: pipeline.sh preview|up|drift" >&2
    exit 2
    ;;
esac
