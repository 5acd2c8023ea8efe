# Sourced by the scripts that run Pulumi: the offline settings, and the CLI on PATH.
# Values already in the environment win, so a user's own backend or passphrase is respected.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
pulumi_bin=$(bash "$root/scripts/ensure-pulumi.sh")
export PATH="$pulumi_bin:$root/node_modules/.bin:$PATH"
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
export PULUMI_HOME=${PULUMI_HOME:-$root/.cache/pulumi-home}
# metadata=skip: no sidecar .attrs files, which a killed command can leave empty (see README, "Interrupted runs").
export PULUMI_BACKEND_URL=${PULUMI_BACKEND_URL:-file://$root/.cache/pulumi-state?metadata=skip}
mkdir -p "$PULUMI_HOME" "$root/.cache/pulumi-state"
