import {
  BadRequestError,
  ForbiddenError,
  NotFoundError,
  PurchaseOutcomeUnknownError,
  type PhoneNumber as VobizNumber,
  type ReleaseResult,
  type VobizClient,
  type VobizError,
} from "../sdk";
import { isUnknown } from "./check-failures";
import type { ConfiguredSettings } from "./client-factory";
import { sharedClient } from "./shared-client";
import { declareExactNumber, handOver, isDeclaredExactly, noteRegistration, wasHandedOver } from "./declared-numbers";
import { checkPhoneNumber } from "./phone-number-check";
import { diffPhoneNumber } from "./phone-number-diff";
import type { PhoneNumberInputs, PhoneNumberOutputs } from "./phone-number-inputs";
import { inputsFromOutputs, phoneNumberOutputs, selectionOf } from "./phone-number-outputs";
import { lookupOwnedNumber, writing } from "./owned-number-lookup";
import { purchaseMatchingNumber, wasBoughtByCriteria } from "./inventory-picker";
import { PartialFailure } from "./partial-failure";
import { applyRouting, type Routing } from "./routing";
import { logProgress } from "./progress-log";
import { providerOperations } from "./provider-operations";

// A standard release leaves the number listed as pending_release for 24 hours, during which cancelling it
// keeps the number and refunds the fee; after that (or after an immediate release) it is gone.
const PENDING_RELEASE = "pending_release";
const isGone = (number: VobizNumber): boolean => number.status === "released";
// The status recorded for a number whose purchase had no answer (see `unconfirmedPurchase`).
const UNCONFIRMED = "unconfirmed";

/** The `PhoneNumber` provider methods, called by the serialized provider through `require`. */
export const phoneNumberOperations = providerOperations({
  /** Validates the inputs, and declares an exact number to this deployment so no pick by criteria takes it. */
  async check(_olds: unknown, news: Record<string, unknown>) {
    noteRegistration();
    const result = checkPhoneNumber(news);
    const e164 = result.inputs.e164;
    if (result.failures.length === 0 && e164 !== undefined && !isUnknown(e164)) declareExactNumber(e164);
    return result;
  },

  async diff(_id: string, olds: PhoneNumberOutputs, news: PhoneNumberInputs) {
    return diffPhoneNumber(olds, news);
  },

  /**
   * Buys the number (or adopts it, or cancels its pending release), then routes it. Once the number is
   * ours, any later failure is a partial failure carrying its id, so the next `up` finishes the job.
   */
  async create(configured: ConfiguredSettings | undefined, inputs: PhoneNumberInputs) {
    const client = sharedClient(configured);
    const selection = selectionOf(inputs);
    let number: VobizNumber;
    try {
      if (inputs.e164 === undefined) number = await writing(() => purchaseMatchingNumber(client, inputs));
      else number = inputs.adopt ? await adoptNumber(client, inputs.e164) : await acquireExactNumber(client, inputs.e164, inputs);
    } catch (error) {
      if (error instanceof PurchaseOutcomeUnknownError) throw unconfirmedPurchase(error, inputs, client.authId);
      throw error;
    }
    try {
      const routing = await route(client, number, desiredRouting(inputs));
      return { id: number.e164, outs: phoneNumberOutputs(withRouting(number, routing), inputs, selection) };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      // The engine shows the reasons, not the message, for a resource it keeps with initialization errors.
      const explanation =
        `${number.e164} is now owned by ${number.account_id}, but routing it failed: ${reason} ` +
        "The number is recorded in the stack; run `pulumi up` again to finish routing it (it will not be bought twice).";
      throw new PartialFailure(explanation, number.e164, phoneNumberOutputs(number, inputs, selection), [explanation], inputs);
    }
  },

  /**
   * Reports the number as Vobiz has it now. A number pending release stays, with that status, since the
   * next `up` can still cancel the release; a number no longer held by the account leaves the state.
   */
  async read(configured: ConfiguredSettings | undefined, id: string, props: Partial<PhoneNumberOutputs> | undefined) {
    const client = sharedClient(configured);
    const number = await lookupOwnedNumber(client, id);
    if (number === undefined || isGone(number)) return {};
    const recorded: PhoneNumberInputs = {};
    if (props?.releaseMode) recorded.releaseMode = props.releaseMode;
    if (props?.deletionProtection !== undefined) recorded.deletionProtection = props.deletionProtection;
    const outs = phoneNumberOutputs(number, recorded, props?.selection ?? { e164: id });
    return { id, props: outs, inputs: inputsFromOutputs(outs) };
  },

  /**
   * Cancels a pending release (one call, nothing bought), or makes a purchase recorded as unconfirmed that
   * did not go through, then routes the number as the inputs say, from its routing as Vobiz reports it now
   * (not as recorded).
   */
  async update(configured: ConfiguredSettings | undefined, id: string, olds: PhoneNumberOutputs, news: PhoneNumberInputs) {
    const client = sharedClient(configured);
    const held = await client.findOwnedNumber(id);
    // A purchase recorded as unconfirmed that did not go through is made now, if the number is still for sale.
    const found = held === undefined && olds.status === UNCONFIRMED ? await purchaseIfForSale(client, id, news) : held;
    if (found === undefined || isGone(found)) {
      throw new Error(
        `${id} is no longer held by ${client.authId}${found ? ` (status ${found.status})` : ""}. ` +
          "Run `pulumi refresh` to drop it from the stack, then `pulumi up` to get a number again.",
      );
    }
    const number = found.status === PENDING_RELEASE ? await cancelPendingRelease(client, found) : found;
    const routing = await route(client, number, desiredRouting(news));
    return { outs: phoneNumberOutputs(withRouting(number, routing), news, selectionOf(news)) };
  },

  /**
   * Releases the number; one that is already released or gone counts as deleted. A number that another
   * `PhoneNumber` of this deployment declares exactly is kept for it, not released.
   */
  async delete(configured: ConfiguredSettings | undefined, id: string, props: PhoneNumberOutputs) {
    if (props.deletionProtection) {
      // A delete runs with the outputs recorded in state, so only an update can lift the protection.
      throw new Error(
        `${id} was not released: deletionProtection is true. To release it, set deletionProtection: false and run \`pulumi up\`, ` +
          "then run the command again. To stop managing it and keep the number, use the retainOnDelete resource option or `pulumi state delete`; " +
          "that is also the way out for the old number of a replacement left pending deletion, which the program no longer reaches.",
      );
    }
    if (isDeclaredExactly(id)) {
      // The number stays with the account for the resource that declares it; releasing it here would take it
      // from under that resource (a rename without aliases, or numbers brought under a fleet by adopt: true).
      handOver(id);
      logProgress(`${id} was not released: another PhoneNumber of this deployment declares it, and keeps it`);
      return;
    }
    const client = sharedClient(configured);
    const immediate = props.releaseMode === "immediate";
    const result = await releaseUnlessGone(client, id, immediate);
    if (result === undefined) return;
    logProgress(
      immediate
        ? `released ${id} immediately (release fee ${result.release_fee})`
        : `released ${id}: pending_release until ${result.cooldown_ends_at}; recreating it before then cancels the release`,
    );
  },
});

/**
 * Buys one exact number, or, when it is not for sale because the account holds it, cancels its release if it
 * is still in our 24-hour window. An owned number is never bought "again": it belongs to someone's stack already.
 */
async function acquireExactNumber(client: VobizClient, e164: string, inputs: PhoneNumberInputs): Promise<VobizNumber> {
  declareExactNumber(e164);
  let notForSale: NotFoundError;
  try {
    return await writing(() => client.purchaseNumber(e164, inputs.currency ? { currency: inputs.currency } : {}));
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    notForSale = error;
  }
  // Vobiz sells only what is in inventory (docs/api-notes.md "Purchase"), so a number the account holds comes
  // back 404 and costs nothing. The lookup that tells why is made only then, not before every purchase.
  const owned = await client.findOwnedNumber(e164);
  if (owned === undefined || isGone(owned)) throw notForSale;
  if (owned.status === PENDING_RELEASE) return cancelPendingRelease(client, owned);
  // Deleted first in this deployment (delete before replace) and kept for this resource, which declares it.
  if (wasHandedOver(e164)) return owned;
  if (wasBoughtByCriteria(e164)) {
    throw new Error(
      `${e164} was bought moments ago in this deployment by a PhoneNumber chosen by criteria, before this one declared it. ` +
        "Give that PhoneNumber criteria that leave this number out (excludePrefixes), or name another e164 here.",
    );
  }
  throw new Error(
    `${e164} is already owned by ${owned.account_id}, so it cannot be bought. To manage it with Pulumi, set adopt: true on this PhoneNumber ` +
      "(pulumi import does not work for dynamic resources); to get another number, change e164.",
  );
}

/**
 * Takes a number the account already holds, buying nothing: cancels its release when it is pending, and fails
 * when the account does not hold it. Looked up in the listing the creates of a deployment share, so adopting
 * a fleet costs the pages of one listing rather than a search per number.
 */
async function adoptNumber(client: VobizClient, e164: string): Promise<VobizNumber> {
  declareExactNumber(e164);
  const owned = await lookupOwnedNumber(client, e164);
  if (owned === undefined || isGone(owned)) {
    throw new Error(`Cannot adopt ${e164}: account ${client.authId} does not own it. Remove adopt: true to buy it from inventory instead.`);
  }
  return owned.status === PENDING_RELEASE ? cancelPendingRelease(client, owned) : owned;
}

/**
 * Releases the number, or returns undefined when it is already pending release or no longer the account's.
 * Vobiz refuses those releases (400, 403) and charges nothing, so the lookup that tells them apart from a
 * real refusal is made only then, not before every release of a destroy.
 */
async function releaseUnlessGone(client: VobizClient, e164: string, immediate: boolean): Promise<ReleaseResult | undefined> {
  let refused: VobizError;
  try {
    return await writing(() => client.releaseNumber(e164, { immediate }));
  } catch (error) {
    if (!(error instanceof BadRequestError || error instanceof ForbiddenError || error instanceof NotFoundError)) throw error;
    refused = error;
  }
  const number = await client.findOwnedNumber(e164);
  if (number === undefined || isGone(number) || number.status === PENDING_RELEASE) return undefined;
  throw refused;
}

/** Buys the number unless it is no longer in inventory (undefined then); fails like any purchase otherwise. */
async function purchaseIfForSale(client: VobizClient, e164: string, inputs: PhoneNumberInputs): Promise<VobizNumber | undefined> {
  try {
    return await writing(() => client.purchaseNumber(e164, inputs.currency ? { currency: inputs.currency } : {}));
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    if (error instanceof PurchaseOutcomeUnknownError) throw unconfirmedPurchase(error, inputs, client.authId);
    throw error;
  }
}

/** Restores a number from its pending release: one call, the release fee refunded, nothing bought. */
async function cancelPendingRelease(client: VobizClient, number: VobizNumber): Promise<VobizNumber> {
  await writing(() => client.cancelRelease(number.e164));
  logProgress(`${number.e164} was pending release from this account; cancelled the release instead of buying it again`);
  // Vobiz does not re-attach the trunk or application a release detached.
  return { ...number, status: "active", trunk_group_id: null, application_id: null, released_at: null };
}

/**
 * A purchase whose outcome nobody could confirm may have spent money, so the number is recorded (as
 * `unconfirmed`) rather than forgotten: the next `up` finds out and finishes, or `refresh` drops it.
 */
function unconfirmedPurchase(error: PurchaseOutcomeUnknownError, inputs: PhoneNumberInputs, authId: string): PartialFailure {
  const explanation =
    `${error.message} The number is recorded in the stack as unconfirmed, which is that check: run \`pulumi up\` again, and it looks up ` +
    `whether ${authId} holds it and finishes the job, buying it only if this purchase did not go through and it is still for sale.`;
  const outputs: PhoneNumberOutputs = {
    e164: error.e164,
    numberId: null,
    accountId: authId,
    country: inputs.country ?? "",
    region: "",
    capabilities: { voice: false, sms: false, mms: false, fax: false },
    status: UNCONFIRMED,
    setupFee: 0,
    monthlyFee: 0,
    currency: inputs.currency ?? "",
    trunkGroupId: null,
    applicationId: null,
    purchasedAt: null,
    releaseMode: inputs.releaseMode ?? "standard",
    deletionProtection: inputs.deletionProtection ?? false,
    selection: selectionOf(inputs),
  };
  return new PartialFailure(explanation, error.e164, outputs, [explanation], inputs);
}

/** Routes the number as desired from its routing as Vobiz reported it; a number already routed so costs no call. */
async function route(client: VobizClient, number: VobizNumber, desired: Routing): Promise<Routing> {
  const actual = routingOf(number);
  if (actual.trunkGroupId === desired.trunkGroupId && actual.applicationId === desired.applicationId) return desired;
  return writing(() => applyRouting(client, number.e164, actual, desired));
}

function routingOf(number: VobizNumber): Routing {
  return { trunkGroupId: number.trunk_group_id ?? null, applicationId: number.application_id ?? null };
}

function desiredRouting(inputs: PhoneNumberInputs): Routing {
  return { trunkGroupId: inputs.trunkGroupId ?? null, applicationId: inputs.applicationId ?? null };
}

function withRouting(number: VobizNumber, routing: Routing): VobizNumber {
  return { ...number, trunk_group_id: routing.trunkGroupId, application_id: routing.applicationId };
}
