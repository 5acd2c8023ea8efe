import { Refusal } from "../core/refusal";
import { CoolOffError, formatDuration, type VobizClient } from "../../sdk";
import { MAX_COOL_OFF_WAIT_SECONDS, type CoolOffRecord } from "./inputs";

export interface UnassignOptions {
  force: boolean;
  /** How long to wait out a cool-off, in seconds; 0 fails at once. */
  waitSeconds: number;
  log: (message: string) => void;
  sleep?: (ms: number) => Promise<void>;
}

// The pause between tries while waiting doubles from the first to the longest, and never runs past the
// cool_off_until Vobiz gave, so the last try lands when the cool-off ends; trying before then notices a
// cool-off that was cut short.
const FIRST_PAUSE_MS = 5_000;
const LONGEST_PAUSE_MS = 10 * 60_000;

/**
 * Moves a number back from its sub-account to the master account. A `409 did_cool_off_in_effect` is a
 * condition to wait out, not a failure, while it ends within the wait budget; past the budget it fails
 * with a message that says until when and the ways out. With `force`, the admin override is used only
 * once a cool-off is actually met, so the audit trail records real overrides. Returns the cool-off met.
 */
export async function unassignRespectingCoolOff(client: VobizClient, e164: string, subAccountId: string, options: UnassignOptions): Promise<CoolOffRecord | null> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const budgetMs = options.waitSeconds * 1000;
  let waitedMs = 0;
  let pauseMs = FIRST_PAUSE_MS;
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
      const leftMs = error.remainingSeconds * 1000;
      if (waitedMs + leftMs > budgetMs) throw coolOffBlocked(e164, subAccountId, error, options.waitSeconds);
      const nextMs = Math.max(1000, Math.min(pauseMs, leftMs));
      options.log(
        `${e164} is in its sub-account cool-off until ${met.until} (${formatDuration(error.remainingSeconds)} left); ` +
          `next try in ${formatDuration(nextMs / 1000)}, waiting at most ${formatDuration((budgetMs - waitedMs) / 1000)} more (coolOffWaitSeconds=${options.waitSeconds})`,
      );
      await sleep(nextMs);
      waitedMs += nextMs;
      pauseMs = Math.min(pauseMs * 2, LONGEST_PAUSE_MS);
    }
  }
}

function coolOffBlocked(e164: string, subAccountId: string, error: CoolOffError, waitSeconds: number): Refusal {
  const until = error.coolOffUntil.toISOString();
  const waitItOut =
    error.remainingSeconds <= MAX_COOL_OFF_WAIT_SECONDS
      ? `; or set coolOffWaitSeconds to at least ${error.remainingSeconds} to let the provider wait (currently ${waitSeconds})`
      : "";
  return new Refusal(
    `Cannot move ${e164} out of sub-account ${subAccountId} yet: Vobiz refused with did_cool_off_in_effect (a call within the last 15 days). ` +
      `The cool-off lasts until cool_off_until=${until}, ${formatDuration(error.remainingSeconds)} from now. ` +
      `Nothing was changed and the assignment stays in the stack as it was. Ways out: run the same command again after ${until}; ` +
      `or set force: true on the SubAccountAssignment and run with admin credentials${waitItOut}.`,
  );
}
