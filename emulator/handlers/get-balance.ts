import { isoTime } from "../clock";
import { apiErrors } from "../errors";
import { stableUuid } from "../stable-id";
import { pathParam, type PublicHandler } from "./context";

/**
 * `GET /api/v1/Account/{id}/balance/{currency}`: the wallet that pays for the caller's purchases
 * (a sub-account's parent), with the documented fields. A currency the wallet has never held reads
 * as 0. Fails with 400 when the currency is not a three-letter code.
 */
export const getBalance: PublicHandler = (request) => {
  const { store, caller } = request;
  // ASCII only: `toUpperCase` would read "ınr" (dotless ı) as INR.
  const currency = pathParam(request, "currency").replace(/[a-z]/g, (letter) => letter.toUpperCase());
  if (!/^[A-Z]{3}$/.test(currency)) return apiErrors.badCurrency;
  const wallet = store.billingAccountOf(caller);
  const balance = store.balanceOf(wallet, currency);
  return {
    status: 200,
    body: {
      id: stableUuid("balance", wallet.auth_id, currency),
      account_id: wallet.auth_id,
      currency,
      balance,
      reserved_funds: 0,
      promotional_balance: 0,
      promotional_reserved_balance: 0,
      available_balance: balance,
      credit_limit: 0,
      is_postpaid: false,
      credit_limit_type: "hard",
      low_balance_threshold: 0,
      status: "active",
      created_at: isoTime(wallet.created_at),
      updated_at: isoTime(wallet.updated_at),
    },
  };
};
