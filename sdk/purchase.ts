import { insufficientBalanceError, purchaseOutcomeUnknownError } from "./error-factory";
import { reasonOf } from "./error-message";
import { InsufficientBalanceError, NotFoundError, VobizError, hasUnknownOutcome, type BalanceShortfall } from "./errors";
import { retryReason, waitToResend } from "./retry";
import { sendOnce, type ReconciledWrite } from "./reconciled-write";
import type { Balance, PhoneNumber } from "./schemas";

// Vobiz has no idempotency key (docs/api-notes.md "Purchase"), so a purchase whose answer was
// lost is never simply sent again: that could buy, and charge, twice. The
// number is looked up first; only "still in inventory" proves that nothing
// was bought and makes a resend safe. Nor can Vobiz say who bought a number:
// one the caller's account holds after a lost answer was bought by this call
// only if no other buyer with these credentials was buying it meanwhile, which
// only the caller can know (`soleBuyer`).

/** What `purchaseWithReconciliation` needs from the client, for one number. */
export interface PurchaseSteps extends ReconciledWrite<PhoneNumber> {
  /** The inventory row with exactly this E.164, if any. */
  findInInventory(): Promise<PhoneNumber | undefined>;
  readBalance(currency: string): Promise<Balance>;
  /**
   * True when no other buyer with these credentials can be buying this number while this purchase runs
   * (a caller that serialises its own purchases of one number, as the Pulumi provider does within a
   * deployment). Only then is a number that the account holds after a lost answer taken as bought by
   * this purchase; otherwise that outcome is a `PurchaseOutcomeUnknownError`.
   */
  soleBuyer: boolean;
}

/**
 * Buys a number from inventory and returns it as now owned by the caller,
 * reconciling every unknown outcome (timeout, reset, 5xx, unreadable answer)
 * by a lookup: owned by the caller and `soleBuyer` → success; still in
 * inventory → sent again within the retry budget; otherwise
 * `PurchaseOutcomeUnknownError`. A 404 on a resend for a number the caller now
 * owns is success for a `soleBuyer` (the earlier answer was lost) and
 * `PurchaseOutcomeUnknownError` otherwise; on a first attempt a 404 is always
 * `NotFoundError`.
 * Throws `InsufficientBalanceError` on a 402, or on the documented 500 when
 * the number is still in inventory and the balance is short or unreadable.
 */
export async function purchaseWithReconciliation(steps: PurchaseSteps): Promise<PhoneNumber> {
  for (let resend = 1; ; resend++) {
    const outcome = await sendOnce(steps);
    if ("result" in outcome) return outcome.result;
    const { failure } = outcome;

    // Only a resend may find the number already ours: the attempt before it had its answer lost. On a
    // first attempt, a 404 for a number we own means another buyer of ours (a parallel deployment) got it
    // first, and calling that success would let two owners claim one number. On a resend the same 404 means
    // either that our earlier attempt went through after all, or that another buyer of ours got the number
    // between the lookup that found it in inventory and the resend: only a sole buyer can tell them apart.
    if (failure instanceof NotFoundError) {
      if (resend > 1) {
        const owned = await steps.findOwned().catch(() => undefined);
        if (owned?.account_id === steps.authId) {
          if (steps.soleBuyer) return owned;
          throw purchaseOutcomeUnknownError(steps.context, steps.e164, failure, anotherBuyerMay(steps, "was refused as not in inventory"));
        }
      }
      throw failure;
    }
    if (failure instanceof InsufficientBalanceError) {
      const row = await steps.findInInventory().catch(() => undefined);
      throw insufficientBalanceError(steps.context, failure, await shortfallFor(steps, row));
    }
    if (!hasUnknownOutcome(failure)) throw failure;

    const row = await lookUp(steps, failure);
    if (row.owned) return row.owned;

    if (isDocumentedPurchaseFailure(failure)) {
      const shortfall = await shortfallFor(steps, row.inInventory);
      const covered =
        shortfall.required !== undefined && shortfall.available !== undefined && shortfall.available >= shortfall.required;
      if (!covered) throw insufficientBalanceError(steps.context, failure, shortfall);
    }

    const reason = `${retryReason(failure)}; ${steps.e164} is still in inventory, so nothing was bought`;
    if (!(await waitToResend(resend, reason, steps.context, steps.settings, steps.budget))) throw failure;
  }
}

// Vobiz documents this exact 500 for a failed balance debit (docs/api-notes.md "Purchase").
function isDocumentedPurchaseFailure(error: VobizError): boolean {
  return error.status === 500 && (error.code === "internal_server_error" || error.apiMessage === "failed to purchase number");
}

type Lookup = { owned: PhoneNumber; inInventory?: undefined } | { owned?: undefined; inInventory: PhoneNumber };

async function lookUp(steps: PurchaseSteps, failure: VobizError): Promise<Lookup> {
  let owned: PhoneNumber | undefined;
  let inInventory: PhoneNumber | undefined;
  try {
    owned = await steps.findOwned();
    if (owned?.account_id !== steps.authId) inInventory = await steps.findInInventory();
  } catch (error) {
    if (!(error instanceof VobizError)) throw error;
    throw purchaseOutcomeUnknownError(steps.context, steps.e164, failure, `the lookup that followed failed too (${reasonOf(error)})`);
  }
  if (owned?.account_id === steps.authId) {
    if (steps.soleBuyer) return { owned };
    throw purchaseOutcomeUnknownError(steps.context, steps.e164, failure, anotherBuyerMay(steps, "had no answer"));
  }
  if (inInventory !== undefined) return { inInventory };
  const found =
    owned === undefined
      ? `a lookup found it neither among the numbers of ${steps.authId} nor in inventory`
      : `a lookup found it owned by ${owned.account_id || "another account"} (status ${owned.status}), not by ${steps.authId}`;
  throw purchaseOutcomeUnknownError(steps.context, steps.e164, failure, found);
}

// The account holds the number, but nothing says which of its buyers bought it.
function anotherBuyerMay(steps: PurchaseSteps, what: string): string {
  return (
    `${steps.authId} now holds it, but another buyer with these credentials may have bought it while this purchase ${what}, ` +
    "and Vobiz cannot say which purchase took it"
  );
}

async function shortfallFor(steps: PurchaseSteps, row: PhoneNumber | undefined): Promise<BalanceShortfall> {
  if (row === undefined) return {};
  // Vobiz debits setup fee + first month, in the number's currency (docs/api-notes.md "Purchase").
  const shortfall: BalanceShortfall = { required: row.setup_fee + row.monthly_fee, currency: row.currency };
  try {
    shortfall.available = (await steps.readBalance(row.currency)).available_balance;
  } catch {
    // The error still stands without the amount; the message says it could not be read.
  }
  return shortfall;
}
