import { apiErrors } from "../errors";
import { isJsonObject } from "../http-io";
import { isInInventory, markPurchased } from "../lifecycle";
import { ownedNumberView } from "../number-views";
import { stringField, type PublicHandler } from "./context";

/**
 * `POST /api/v1/Account/{id}/numbers/purchase-from-inventory` with `{e164, currency?}`: debits
 * `setup_fee + monthly_fee` in the number's currency from the payer (the caller, or the parent of
 * a sub-account) and gives the number to the caller. Fails with 404 when the number is not in
 * inventory, and with the documented 500 when the payer's balance is short, changing nothing.
 */
export const purchaseNumber: PublicHandler = ({ store, caller, body }) => {
  const e164 = stringField(body, "e164");
  if (e164 === undefined) return apiErrors.missingField("e164");
  // The body's `currency` is accepted but not used: api-notes fixes the debit in the number's currency.
  const currency = isJsonObject(body) ? body["currency"] : undefined;
  if (currency !== undefined && typeof currency !== "string") return apiErrors.badCurrency;

  const n = store.number(e164.trim());
  if (n === undefined || !isInInventory(n)) return apiErrors.notInInventory;

  const payer = store.billingAccountOf(caller);
  const cost = n.setup_fee + n.monthly_fee;
  if (cost > 0 && store.moveMoney(payer, "purchase", -cost, n.currency, n.e164) === undefined) {
    return apiErrors.purchaseFailed;
  }
  markPurchased(n, caller.auth_id, store.now());
  return { status: 200, body: { message: "Number purchased successfully", number: ownedNumberView(n) } };
};
