import { isoTime } from "../clock";
import { apiErrors } from "../errors";
import { releaseImmediately, startRelease } from "../lifecycle";
import { readBoolean } from "../query-params";
import { pathParam, type PublicHandler } from "./context";

const STANDARD_NOTE =
  "Number will be in pending_release for 24 hours (cancellable), then quarantined for 45 days before becoming available.";
const IMMEDIATE_NOTE = "Number released immediately (not cancellable); quarantined for 45 days before becoming available.";

/**
 * `DELETE /api/v1/Account/{id}/numbers/{e164}?immediate=`: charges the payer's release fee,
 * detaches trunk and application, and starts the 24-hour pending release (or, with
 * `immediate=true`, clears the owner and starts the quarantine at once). Fails with 403 when the
 * caller neither owns the number nor is its owner's parent, 400 when it is already pending release,
 * and 500 when the payer cannot pay the fee.
 */
export const releaseNumber: PublicHandler = (request) => {
  const { store, caller, query } = request;
  const immediate = readBoolean(query, "immediate");
  if (immediate === undefined) return apiErrors.notBoolean("immediate");
  const n = store.number(pathParam(request, "e164"));
  if (n === undefined || !store.canManage(caller, n)) return apiErrors.notOwner;
  if (n.status === "pending_release") return apiErrors.alreadyPendingRelease;

  const payer = store.billingAccountOf(caller);
  const fee = payer.release_fees[n.currency] ?? 0;
  if (fee > 0 && store.moveMoney(payer, "release_fee", -fee, n.currency, n.e164) === undefined) {
    return apiErrors.releaseFailed;
  }
  const now = store.now();
  if (immediate) {
    releaseImmediately(n, now);
  } else {
    startRelease(n, now);
    n.release_charge = { account_id: payer.auth_id, amount: fee, currency: n.currency };
  }
  const accountId = pathParam(request, "accountId");
  return {
    status: 200,
    body: {
      cancel_url: immediate ? "" : `/api/v1/account/${accountId}/numbers/${n.e164}/cancel-release`,
      cooldown_ends_at: isoTime(n.pending_release_until ?? now),
      message: "number release initiated",
      note: immediate ? IMMEDIATE_NOTE : STANDARD_NOTE,
      release_fee: fee,
      status: n.status,
    },
  };
};
