import { CoolOffError, type VobizClient } from "../sdk";
import { formatDuration } from "../sdk/errors";
import type { CoolOffRecord } from "./sub-account-assignment-inputs";

export interface UnassignOptions {
  force: boolean;
  /** How long to wait out a cool-off, in seconds; 0 fails at once. */
  waitSeconds: number;
  log: (message: string) => void;
  sleep?: (ms: number) => Promise<void>;
}

// Wake up at least this often while waiting, so progress is printed and a shortened cool-off is noticed.
const MAX_SLEEP_MS = 15_000;

/**
 * Moves a number back from its sub-account to the master account. A `409 did_cool_off_in_effect` is a
 * condition to wait out, not a failure, while it ends within the wait budget; past the budget it fails
 * with a message that says until when and the ways out. With `force`, the admin override is used only
 * once a cool-off is actually met, so the audit trail records real overrides. Returns the cool-off met.
 */
export async function unassignRespectingCoolOff(client: VobizClient, e164: string, subAccountId: string, options: UnassignOptions): Promise<CoolOffRecord | null> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const deadline = Date.now() + options.waitSeconds * 1000;
  let met: CoolOffRecord | null = null;
  for (;;) {
    try {
      await client.unassignSubAccount(e164);
      return met;
    } catch (error) {
      if (!(error instanceof CoolOffError)) throw error;
      met = { until: error.coolOffUntil.toISOString(), resolvedBy: "wait" };
      if (options.force) {
        await client.unassignSubAccount(e164, { force: true });
        return { until: met.until, resolvedBy: "force" };
      }
      const waitMs = error.remainingSeconds * 1000;
      if (Date.now() + waitMs > deadline) throw coolOffBlocked(e164, subAccountId, error, options.waitSeconds);
      options.log(`${e164} is in its sub-account cool-off until ${met.until}; waiting ${formatDuration(error.remainingSeconds)} (budget coolOffWaitSeconds=${options.waitSeconds})`);
      await sleep(Math.min(Math.max(waitMs, 1000), MAX_SLEEP_MS));
    }
  }
}

function coolOffBlocked(e164: string, subAccountId: string, error: CoolOffError, waitSeconds: number): Error {
  const until = error.coolOffUntil.toISOString();
  return new Error(
    `Cannot move ${e164} out of sub-account ${subAccountId} yet: Vobiz refused with did_cool_off_in_effect (a call within the last 15 days). ` +
      `The cool-off lasts until cool_off_until=${until}, ${formatDuration(error.remainingSeconds)} from now. ` +
      `Nothing was changed and the assignment stays in the stack as it was. Ways out: run the same command again after ${until}; ` +
      `or set force: true on the SubAccountAssignment and run with admin credentials; ` +
      `or set coolOffWaitSeconds to at least ${error.remainingSeconds} to let the provider wait (currently ${waitSeconds}).`,
  );
}
