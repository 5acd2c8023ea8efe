import { apiErrors } from "../errors";
import { cancelRelease as restoreNumber } from "../lifecycle";
import { pathParam, type PublicHandler } from "./context";

/**
 * `POST /api/v1/account/{id}/numbers/{e164}/cancel-release`: while the number is pending release,
 * makes it active again and refunds the release fee in full to whoever paid it; trunk and
 * application stay detached. Fails with 404 when the number is neither the caller's nor its
 * sub-account's, and 400 when it is not pending release.
 */
export const cancelRelease: PublicHandler = (request) => {
  const { store, caller } = request;
  const n = store.number(pathParam(request, "e164"));
  if (n === undefined || !store.canManage(caller, n)) return apiErrors.cancelNumberNotFound;
  if (n.status !== "pending_release") return apiErrors.notPendingRelease;

  const charge = n.release_charge ?? { account_id: caller.auth_id, amount: 0, currency: n.currency };
  const payer = store.account(charge.account_id);
  if (payer !== undefined && charge.amount > 0) {
    store.moveMoney(payer, "refund", charge.amount, charge.currency, n.e164);
  }
  restoreNumber(n, store.now());
  return {
    status: 200,
    body: {
      message: "release cancelled, number restored to active status",
      status: "active",
      currency: charge.currency,
      refund_amount: charge.amount,
    },
  };
};
