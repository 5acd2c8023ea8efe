import { requireRecordedHolder } from "../core/recorded-holder";
import { Refusal } from "../core/refusal";
import {
  BadRequestError,
  ForbiddenError,
  NotFoundError,
  PurchaseOutcomeUnknownError,
  type PhoneNumber as VobizNumber,
  type ReleaseResult,
  type VobizClient,
  type VobizError,
} from "../../sdk";
import { isUnknown } from "../core/check-failures";
import type { ConfiguredSettings } from "../core/client-factory";
import { checkPhoneNumber } from "./check";
import { readGuardrails, type Guardrails } from "../core/guardrail-settings";
import { criteriaWithinCaps, guardrailFailures, inventoryNumberRefusal, needsInventoryCheck } from "./guardrails";
import { diffPhoneNumber } from "./diff";
import type { PhoneNumberInputs, PhoneNumberOutputs } from "./inputs";
import { inputsFromOutputs, phoneNumberOutputs, recordedStatus, selectionOf } from "./outputs";
import { purchaseMatchingNumber } from "./inventory-picker";
import { PartialFailure } from "../core/partial-failure";
import { applyRouting, type Routing } from "./routing";
import { logProgress } from "../core/progress-log";
import { guardOperations } from "../core/operation-guard";
import { currentSession, type DeploymentSession } from "../session/deployment-session";
import { Claimant } from "../session/number-claims";
import { AlreadyOwnedRefusal } from "./already-owned";

// A standard release leaves the number listed as pending_release for 24 hours, during which cancelling it
// keeps the number and refunds the fee; after that (or after an immediate release) it is gone.
const PENDING_RELEASE = "pending_release";
const isGone = (number: VobizNumber): boolean => number.status === "released";
const { unconfirmed: UNCONFIRMED, notBought: NOT_BOUGHT } = recordedStatus;

/** The `PhoneNumber` provider methods, called by the serialized provider through `require`. */
export const phoneNumberOperations = guardOperations({
  /**
   * Validates the inputs, and holds them to the stack's guardrails (see guardrails.ts); declares an exact
   * number to this deployment so no pick by criteria takes it. Throws when a guardrail setting is not valid.
   */
  async check(configured: ConfiguredSettings | undefined, _olds: unknown, news: Record<string, unknown>) {
    const { registrations } = currentSession();
    registrations.noteRegistration();
    const result = checkPhoneNumber(news, readGuardrails(configured?.guardrails));
    const e164 = result.inputs.e164;
    if (result.failures.length === 0 && e164 !== undefined && !isUnknown(e164)) registrations.declareExactNumber(e164);
    return result;
  },

  /** Compares the recorded number with the program's, and keeps picks off a number recorded without proof. */
  async diff(_id: string, olds: PhoneNumberOutputs, news: PhoneNumberInputs) {
    if (olds.status === UNCONFIRMED) currentSession().claims.reserve(olds.e164);
    return diffPhoneNumber(olds, news);
  },

  /**
   * Buys the number (or adopts it, or cancels its pending release), then routes it. Once the number is
   * ours, any later failure is a partial failure carrying its id, so the next `up` finishes the job.
   */
  async create(configured: ConfiguredSettings | undefined, inputs: PhoneNumberInputs) {
    const guardrails = readGuardrails(configured?.guardrails);
    // `check` refused these already; a front end that calls create without it is held to the same rules.
    const [broken] = guardrailFailures(inputs as Record<string, unknown>, guardrails);
    if (broken) throw new Refusal(`${broken.property}: ${broken.reason}. Nothing was bought.`);
    const session = currentSession();
    const client = session.client(configured);
    const selection = selectionOf(inputs);
    let number: VobizNumber;
    try {
      if (inputs.e164 === undefined) {
        const buyer = new Claimant("a PhoneNumber chosen by criteria");
        const criteria = criteriaWithinCaps(inputs, guardrails);
        number = await session.ownedListings.writing(() => purchaseMatchingNumber(session, client, criteria, buyer));
      } else {
        number = inputs.adopt
          ? await adoptNumber(session, client, inputs.e164)
          : await acquireExactNumber(session, client, inputs.e164, inputs, guardrails);
      }
    } catch (error) {
      if (error instanceof PurchaseOutcomeUnknownError) throw unconfirmedPurchase(error, inputs, client.authId);
      throw error;
    }
    try {
      const routing = await route(session, client, number, desiredRouting(inputs));
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
    // The account holding the number proves nothing about whose purchase bought it: a number recorded without
    // proof stays as recorded, for the next `up` to settle (see `resolveUnconfirmed`); one proven not bought goes.
    if (props?.status === NOT_BOUGHT) return {};
    if (props?.status === UNCONFIRMED) return { id, props, inputs: inputsFromOutputs(props as PhoneNumberOutputs) };
    const session = currentSession();
    const client = session.client(configured);
    const number = await session.ownedListings.lookup(client, id);
    if (number === undefined || isGone(number)) {
      // Nothing recorded is an import (`pulumi import`), which needs a number to take over rather than "gone".
      if (props === undefined) {
        throw new Refusal(
          `Cannot import ${id}: account ${client.authId} does not hold it${number ? ` (its status is ${number.status})` : ""}. Nothing was recorded in the stack. ` +
            `To buy it, declare a PhoneNumber with e164 ${id} and run \`pulumi up\`.`,
        );
      }
      if (number === undefined) await requireRecordedHolder(client, id, props.accountId);
      return {};
    }
    const recorded: PhoneNumberInputs = {};
    if (props?.releaseMode) recorded.releaseMode = props.releaseMode;
    if (props?.deletionProtection !== undefined) recorded.deletionProtection = props.deletionProtection;
    const outs = phoneNumberOutputs(number, recorded, props?.selection ?? { e164: id });
    return { id, props: outs, inputs: inputsFromOutputs(outs) };
  },

  /**
   * Settles a purchase recorded as unconfirmed (see `resolveUnconfirmed`), cancels a pending release (one call,
   * nothing bought), then routes the number as the inputs say, from its routing as Vobiz reports it now (not as
   * recorded).
   */
  async update(configured: ConfiguredSettings | undefined, id: string, olds: PhoneNumberOutputs, news: PhoneNumberInputs) {
    const session = currentSession();
    const client = session.client(configured);
    const found = olds.status === UNCONFIRMED ? await resolveUnconfirmed(session, client, id, olds, news) : await client.findOwnedNumber(id);
    if (found === undefined) await requireRecordedHolder(client, id, olds.accountId);
    if (found === undefined || isGone(found)) {
      throw new Refusal(
        `${id} is no longer held by ${client.authId}${found ? ` (status ${found.status})` : ""}. ` +
          "Run `pulumi refresh` to drop it from the stack, then `pulumi up` to get a number again.",
      );
    }
    const number = found.status === PENDING_RELEASE ? await cancelPendingRelease(session, client, found) : found;
    const routing = await route(session, client, number, desiredRouting(news));
    return { outs: phoneNumberOutputs(withRouting(number, routing), news, selectionOf(news)) };
  },

  /**
   * Releases the number; one that is already released or gone counts as deleted, and a resource that holds no
   * number releases nothing. A number that another `PhoneNumber` of this deployment declares exactly is kept
   * for it, not released.
   */
  async delete(configured: ConfiguredSettings | undefined, id: string, props: PhoneNumberOutputs) {
    if (props.status === NOT_BOUGHT) return;
    if (props.deletionProtection) {
      // A delete runs with the outputs recorded in state, so only an update can lift the protection.
      throw new Refusal(
        `${id} was not released: deletionProtection is true. To release it, set deletionProtection: false and run \`pulumi up\`, ` +
          "then run the command again. To stop managing it and keep the number, use the retainOnDelete resource option or `pulumi state delete`; " +
          "that is also the way out for the old number of a replacement left pending deletion, which the program no longer reaches.",
      );
    }
    const session = currentSession();
    if (session.registrations.isDeclaredExactly(id)) {
      // The number stays with the account for the resource that declares it; releasing it here would take it
      // from under that resource (a rename without aliases, or numbers brought under a fleet by adopt: true).
      session.registrations.handOver(id);
      logProgress(`${id} was not released: another PhoneNumber of this deployment declares it, and keeps it`);
      return;
    }
    const client = session.client(configured);
    const immediate = props.releaseMode === "immediate";
    const result = await releaseUnlessGone(session, client, id, immediate, props.accountId);
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
async function acquireExactNumber(
  session: DeploymentSession,
  client: VobizClient,
  e164: string,
  inputs: PhoneNumberInputs,
  guardrails: Guardrails,
): Promise<VobizNumber> {
  const { registrations, claims } = session;
  registrations.declareExactNumber(e164);
  const buyer = new Claimant(`a PhoneNumber that names ${e164}`);
  let notForSale: NotFoundError;
  try {
    return await claims.holding(e164, buyer, async () => {
      await refuseOutsideGuardrails(client, e164, guardrails);
      return buy(session, client, e164, inputs, buyer);
    });
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    notForSale = error;
  }
  // Vobiz sells only what is in inventory (docs/api-notes.md "Purchase"), so a number the account holds comes
  // back 404 and costs nothing. The lookup that tells why is made only then, not before every purchase.
  const owned = await client.findOwnedNumber(e164);
  if (owned === undefined || isGone(owned)) throw notForSale;
  if (owned.status === PENDING_RELEASE) return cancelPendingRelease(session, client, owned);
  // Deleted first in this deployment (delete before replace) and kept for this resource, which declares it.
  if (registrations.wasHandedOver(e164)) return owned;
  const boughtBy = claims.buyerOf(e164);
  if (boughtBy !== undefined) {
    throw new Refusal(
      `${e164} was bought moments ago in this deployment by ${boughtBy.description}, before this one declared it. ` +
        "Give that PhoneNumber criteria that leave this number out (excludePrefixes), or name another e164 here.",
    );
  }
  throw new AlreadyOwnedRefusal(e164, owned.account_id);
}

/**
 * Refuses, before anything is bought, an exact number whose country or fees (known only from its inventory
 * record) break the stack's guardrails. Costs one inventory lookup, and only when a country or fee cap is set.
 * A number not in inventory is left to the purchase, which explains it (and buys nothing).
 */
async function refuseOutsideGuardrails(client: VobizClient, e164: string, guardrails: Guardrails): Promise<void> {
  if (!needsInventoryCheck(guardrails)) return;
  const forSale = await client.findInventoryNumber(e164);
  const refusal = forSale && inventoryNumberRefusal(forSale, guardrails);
  if (refusal) throw new Refusal(refusal);
}

/**
 * Sends one purchase of a number `buyer` holds, as its sole buyer in this deployment, and records the buyer
 * when it is answered.
 */
async function buy(session: DeploymentSession, client: VobizClient, e164: string, inputs: PhoneNumberInputs, buyer: Claimant): Promise<VobizNumber> {
  const bought = await session.ownedListings.writing(() =>
    client.purchaseNumber(e164, { ...(inputs.currency ? { currency: inputs.currency } : {}), soleBuyer: true }),
  );
  session.claims.recordPurchase(bought.e164, buyer);
  return bought;
}

/**
 * Takes a number the account already holds, buying nothing: cancels its release when it is pending, and fails
 * when the account does not hold it. Looked up in the listing the creates of a deployment share, so adopting
 * a fleet costs the pages of one listing rather than a search per number.
 */
async function adoptNumber(session: DeploymentSession, client: VobizClient, e164: string): Promise<VobizNumber> {
  session.registrations.declareExactNumber(e164);
  const owned = await session.ownedListings.lookup(client, e164);
  if (owned === undefined || isGone(owned)) {
    throw new Refusal(`Cannot adopt ${e164}: account ${client.authId} does not own it. Remove adopt: true to buy it from inventory instead.`);
  }
  return owned.status === PENDING_RELEASE ? cancelPendingRelease(session, client, owned) : owned;
}

/**
 * Settles a purchase recorded as unconfirmed: its answer was lost and so was the lookup that followed, so it
 * may or may not have bought the number. While this resource holds the number, no other operation of the
 * deployment may buy it, so what is found then is decided on facts:
 *
 * - another operation of this deployment bought it (its purchase was answered): the recorded purchase did
 *   not go through, and the number is not this resource's. It is recorded as holding no number, and the
 *   next `up` gets it one;
 * - the account holds it: the recorded purchase went through. Since that purchase was recorded, every
 *   deployment has kept its picks off the number (see `diff`), so no sibling bought it meanwhile;
 * - it is for sale: the recorded purchase did not go through, and it is made now, as the sole buyer;
 * - neither: another account bought it. It is recorded as holding no number.
 */
async function resolveUnconfirmed(
  session: DeploymentSession,
  client: VobizClient,
  id: string,
  olds: PhoneNumberOutputs,
  news: PhoneNumberInputs,
): Promise<VobizNumber | undefined> {
  const { claims } = session;
  claims.reserve(id);
  const buyer = new Claimant(`the PhoneNumber that recorded ${id} as unconfirmed`);
  return claims.holding(id, buyer, async () => {
    const boughtBy = claims.buyerOf(id);
    if (boughtBy !== undefined) throw notBought(id, olds, news, `${boughtBy.description} of this deployment bought it`);
    const held = await client.findOwnedNumber(id);
    if (held !== undefined) return held;
    try {
      return await buy(session, client, id, news, buyer);
    } catch (error) {
      if (error instanceof PurchaseOutcomeUnknownError) throw unconfirmedPurchase(error, news, client.authId);
      if (error instanceof NotFoundError) throw notBought(id, olds, news, "it is neither held by this account nor for sale any more");
      throw error;
    }
  });
}

/**
 * The failure of a resource whose unconfirmed purchase turned out not to have bought its number: recorded as
 * holding no number, so that it never releases, routes or claims the number another buyer has, and the next
 * `up` replaces it with a number of its own.
 */
function notBought(e164: string, olds: PhoneNumberOutputs, news: PhoneNumberInputs, why: string): PartialFailure {
  const explanation =
    `The purchase of ${e164} recorded as unconfirmed did not buy it: ${why}. This resource holds no number now, and ${e164} is left ` +
    "to its owner; run `pulumi up` again to get this resource a number.";
  const outputs: PhoneNumberOutputs = { ...olds, status: NOT_BOUGHT, trunkGroupId: null, applicationId: null };
  return new PartialFailure(explanation, e164, outputs, [explanation], news);
}

/**
 * Releases the number, or returns undefined when it is already pending release or no longer the account's.
 * Vobiz refuses those releases (400, 403) and charges nothing, so the lookup that tells them apart from a
 * real refusal is made only then, not before every release of a destroy.
 */
async function releaseUnlessGone(
  session: DeploymentSession,
  client: VobizClient,
  e164: string,
  immediate: boolean,
  recordedHolder: string,
): Promise<ReleaseResult | undefined> {
  let refused: VobizError;
  try {
    return await session.ownedListings.writing(() => client.releaseNumber(e164, { immediate }));
  } catch (error) {
    if (!(error instanceof BadRequestError || error instanceof ForbiddenError || error instanceof NotFoundError)) throw error;
    refused = error;
  }
  const number = await client.findOwnedNumber(e164);
  if (number === undefined) await requireRecordedHolder(client, e164, recordedHolder);
  if (number === undefined || isGone(number) || number.status === PENDING_RELEASE) return undefined;
  throw refused;
}

/** Restores a number from its pending release: one call, the release fee refunded, nothing bought. */
async function cancelPendingRelease(session: DeploymentSession, client: VobizClient, number: VobizNumber): Promise<VobizNumber> {
  await session.ownedListings.writing(() => client.cancelRelease(number.e164));
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
async function route(session: DeploymentSession, client: VobizClient, number: VobizNumber, desired: Routing): Promise<Routing> {
  const actual = routingOf(number);
  if (actual.trunkGroupId === desired.trunkGroupId && actual.applicationId === desired.applicationId) return desired;
  return session.ownedListings.writing(() => applyRouting(client, number.e164, actual, desired));
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
