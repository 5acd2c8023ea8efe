import { hasUnknownOutcome, type VobizError } from "./errors";
import { sendOnce, type ReconciledWrite } from "./reconciled-write";
import { retryReason, waitToResend } from "./retry";
import type { PhoneNumber, ReleaseResult } from "./schemas";

/** What `releaseWithReconciliation` needs from the client, for one number. */
export type ReleaseSteps = ReconciledWrite<ReleaseResult>;

const PENDING_WINDOW_MS = 24 * 3_600_000;
const DONE = new Set(["pending_release", "released"]);

/**
 * Releases a number, reconciling an unknown outcome (timeout, reset, 5xx,
 * unreadable answer) by a lookup: `pending_release`, `released` or no longer
 * listed means done, and a result is built from the lookup (`release_fee` is 0
 * there, since the fee Vobiz charged was never seen, and `message` says so);
 * still `active` means nothing happened, and the release is sent once more
 * within the retry budget. Throws the request's error otherwise.
 */
export async function releaseWithReconciliation(steps: ReleaseSteps): Promise<ReleaseResult> {
  for (let sent = 1; ; sent++) {
    const outcome = await sendOnce(steps);
    if ("result" in outcome) return outcome.result;
    const { failure } = outcome;
    // A clean refusal of the first request is final; after a resend, a refusal
    // (403 not owned, 400 already pending) may just mean the first one worked.
    if (sent === 1 && !hasUnknownOutcome(failure)) throw failure;

    let current: PhoneNumber | undefined;
    try {
      current = await steps.findOwned();
    } catch {
      throw failure;
    }
    if (current === undefined || DONE.has(current.status)) return resultFromLookup(steps, current, failure);

    if (sent > 1 || current.status !== "active") throw failure;
    const reason = `${retryReason(failure)}; ${steps.e164} is still active, so it was not released`;
    if (!(await waitToResend(sent, reason, steps.context, steps.settings, steps.budget))) throw failure;
  }
}

function resultFromLookup(steps: ReleaseSteps, current: PhoneNumber | undefined, failure: VobizError): ReleaseResult {
  const message = `release confirmed by a lookup after the answer was lost (${retryReason(failure)}); the fee charged was not reported`;
  if (current === undefined) {
    return { status: "released", release_fee: 0, cooldown_ends_at: null, cancel_url: null, message };
  }
  const pending = current.status === "pending_release";
  const releasedAt = current.released_at === null ? NaN : Date.parse(current.released_at);
  return {
    status: current.status,
    release_fee: 0,
    cooldown_ends_at: pending && !Number.isNaN(releasedAt) ? new Date(releasedAt + PENDING_WINDOW_MS).toISOString() : null,
    // The form Vobiz itself returns: lowercase /account/ and a raw "+" (docs/api-notes.md "Release and cancel").
    cancel_url: pending ? `/api/v1/account/${steps.authId}/numbers/${steps.e164}/cancel-release` : null,
    message,
  };
}
