import { describeCriteria } from "../provider/phone-number/criteria-description";
import type { PhoneNumberInputs } from "../provider/phone-number/inputs";
import type { PhoneNumber as VobizNumber } from "../sdk";
import { criteriaUnmetBy, matchCreates, type CreateGroup, type CriteriaCreate } from "./match-creates";
import { resourceKindOf } from "./resource-families";
import { resourceName, type Deployment, type PendingOperation } from "./stack-deployment";
import type { WindowStart } from "./window-start";

/** What a recovery plan is made from. */
export interface RecoveryInput {
  deployment: Deployment;
  /** The account the stack's provider signs in as: the buyer, and the holder of what it buys. */
  authId: string;
  /** Every number the account holds, from one listing (a master account also sees its sub-accounts'). */
  numbers: readonly VobizNumber[];
  window: WindowStart;
  /** `--assign` decisions: a pending create's URN, and the number it bought, or null for none. */
  decisions?: ReadonlyMap<string, string | null>;
}

/** A pending create that bought its number (or made its assignment): it goes into the stack as a resource. */
export interface RecordedCreate {
  operation: PendingOperation;
  number: VobizNumber;
  reason: string;
}

/** A pending create that changed nothing: it is dropped, and the next `pulumi up` creates it. */
export interface DroppedCreate {
  operation: PendingOperation;
  reason: string;
}

/** Pending creates with more candidate numbers than they can have bought: recovery does not guess. */
export interface UndecidedCreates {
  operations: PendingOperation[];
  candidates: VobizNumber[];
  reason: string;
}

/** What recovery would write into the stack, and what it found that nothing claims. */
export interface RecoveryPlan {
  recorded: RecordedCreate[];
  dropped: DroppedCreate[];
  undecided: UndecidedCreates[];
  /**
   * Pending operations recovery does not resolve, which `pulumi stack import` clears all the same: updates,
   * deletes and reads of resources the stack records (the next `pulumi up --refresh` reads them afresh), and
   * creates of resources of other packages.
   */
  cleared: PendingOperation[];
  /** Numbers the account bought in the window that no resource holds and no pending create claims. */
  unclaimed: VobizNumber[];
}

/** An `--assign` decision that cannot be right; the message says which and why. */
export class RecoveryDecisionError extends Error {
  override readonly name = "RecoveryDecisionError";
}

/**
 * Works out, for each pending create of the interrupted update, whether it bought its number.
 *
 * An exact `e164` bought its number when the account holds it and no resource of the stack does. Creates by
 * criteria share the numbers the account itself holds, that no resource of the stack holds, that were bought
 * in the window and that meet their criteria; when creates could have bought fewer numbers than there are
 * candidates, they are left undecided rather than guessed (`--assign` decides). A `SubAccountAssignment`
 * made its assignment when its number is held by that sub-account. A create that made nothing is dropped;
 * a recorded resource whose dependencies are not in the stack is dropped too. Throws a
 * RecoveryDecisionError for an `--assign` that names no pending create, a number the account does not hold
 * or the stack holds already, or a number that the create would not have bought.
 */
export function planRecovery(input: RecoveryInput): RecoveryPlan {
  const { deployment } = input;
  const plan: RecoveryPlan = { recorded: [], dropped: [], undecided: [], cleared: [], unclaimed: [] };
  const account: AccountView = {
    held: heldNumbers(deployment),
    active: new Map(input.numbers.filter((n) => n.status !== "released").map((n) => [n.e164, n])),
    claimed: new Set<string>(),
  };
  const record = (operation: PendingOperation, number: VobizNumber, reason: string): void => {
    account.claimed.add(number.e164);
    plan.recorded.push({ operation, number, reason });
  };

  const numberCreates: PendingOperation[] = [];
  const assignmentCreates: PendingOperation[] = [];
  for (const operation of deployment.pending_operations) {
    const kind = operation.type === "creating" ? resourceKindOf(operation.resource.type) : undefined;
    if (kind === "phoneNumber") numberCreates.push(operation);
    else if (kind === "subAccountAssignment") assignmentCreates.push(operation);
    else plan.cleared.push(operation);
  }

  const decisions = input.decisions ?? new Map<string, string | null>();
  for (const urn of decisions.keys()) {
    if (!numberCreates.some((operation) => operation.resource.urn === urn)) {
      throw new RecoveryDecisionError(`--assign names ${urn}, which is not a pending create of a PhoneNumber in this stack.`);
    }
  }
  const byCriteria: CriteriaCreate[] = [];
  const exact: PendingOperation[] = [];
  for (const operation of numberCreates) {
    const decision = decisions.get(operation.resource.urn);
    const inputs = phoneNumberInputs(operation);
    if (decision === null) plan.dropped.push({ operation, reason: "--assign says it bought nothing" });
    else if (decision !== undefined) record(operation, decidedNumber(operation, decision, account), "as --assign says");
    else if (inputs.e164 !== undefined) exact.push(operation);
    else byCriteria.push({ operation, inputs });
  }

  for (const operation of exact) {
    const e164 = phoneNumberInputs(operation).e164 ?? "";
    const holder = account.held.get(e164);
    const number = account.active.get(e164);
    if (holder !== undefined) plan.dropped.push({ operation, reason: `${e164} is held by ${resourceName(holder)} already` });
    else if (account.claimed.has(e164)) plan.dropped.push({ operation, reason: `${e164} is recorded for another pending create` });
    else if (number === undefined) plan.dropped.push({ operation, reason: `the account does not hold ${e164}: nothing was bought` });
    else record(operation, number, `the account holds ${e164} (${number.status}) and no resource of the stack does`);
  }

  const since = input.window.since;
  const bought = input.numbers.filter(
    (n) =>
      n.status === "active" &&
      n.account_id === input.authId &&
      !account.held.has(n.e164) &&
      (since === undefined || (n.purchased_at != null && Date.parse(n.purchased_at) >= since.getTime())),
  );
  const inWindow = since === undefined ? "" : ` since ${since.toISOString()}`;
  for (const group of matchCreates(byCriteria, bought.filter((n) => !account.claimed.has(n.e164)))) {
    if (group.matches === undefined) {
      plan.undecided.push({ operations: group.creates.map((c) => c.operation), candidates: group.candidates, reason: undecidedBecause(group, inWindow) });
      continue;
    }
    for (const create of group.creates) {
      const criteria = describeCriteria(create.inputs);
      const number = group.matches.get(create);
      if (number !== undefined) {
        record(create.operation, number, `${number.purchased_at ? `bought ${number.purchased_at}` : "bought"}, meets its criteria (${criteria}), held by no resource`);
        continue;
      }
      const beyond = group.matches.size > 0 ? ", beyond those recorded for its siblings" : "";
      plan.dropped.push({ operation: create.operation, reason: `nothing was bought for it: no number bought${inWindow} that no resource holds meets its criteria (${criteria})${beyond}` });
    }
  }

  for (const operation of assignmentCreates) {
    const e164 = String(operation.resource.inputs?.["e164"] ?? "");
    const subAccountId = String(operation.resource.inputs?.["subAccountId"] ?? "");
    const number = account.active.get(e164);
    if (number !== undefined && number.status === "active" && number.account_id === subAccountId) {
      record(operation, number, `the number is held by ${subAccountId}`);
    } else {
      const where = number === undefined ? "not held by the account" : `held by ${number.account_id}`;
      plan.dropped.push({ operation, reason: `${e164} is ${where}, not by ${subAccountId}: the assignment was not made` });
    }
  }

  dropRecordsWithMissingDependencies(plan, deployment);
  const recordedNumbers = new Set(plan.recorded.map((r) => r.number.e164));
  const candidates = new Set(plan.undecided.flatMap((u) => u.candidates.map((n) => n.e164)));
  plan.unclaimed = bought.filter((n) => !recordedNumbers.has(n.e164) && !candidates.has(n.e164));
  return plan;
}

/** What the account holds, as the plan sees it while it decides. */
interface AccountView {
  /** Numbers resources of the stack hold, with the URN holding each. */
  held: ReadonlyMap<string, string>;
  /** Numbers the account holds that are not released, by e164. */
  active: ReadonlyMap<string, VobizNumber>;
  /** Numbers already recorded for a pending create. */
  claimed: Set<string>;
}

function undecidedBecause(group: CreateGroup, inWindow: string): string {
  const criteria = [...new Set(group.creates.map((c) => describeCriteria(c.inputs)))].join("; ");
  const found = `${group.candidates.length} numbers bought${inWindow} and held by no resource meet the criteria (${criteria}) of ${group.creates.length} pending creates`;
  return group.candidates.length > group.creates.length
    ? `${found}, more than they can have bought: some were bought by something else`
    : `${found}, and no pairing gives each of them to a create that accepts it: some were bought by something else`;
}

/** The pending create's inputs as the provider received them, without the serialized provider. */
export function phoneNumberInputs(operation: PendingOperation): PhoneNumberInputs {
  const { __provider: _provider, ...inputs } = operation.resource.inputs ?? {};
  return inputs as PhoneNumberInputs;
}

/** Numbers the stack's resources hold, by e164, with the URN holding each. */
function heldNumbers(deployment: Deployment): Map<string, string> {
  const held = new Map<string, string>();
  const resources = [...deployment.resources, ...deployment.pending_operations.filter((op) => op.type !== "creating").map((op) => op.resource)];
  for (const resource of resources) {
    const kind = resourceKindOf(resource.type);
    if (kind === undefined || !resource.id) continue;
    // Messages name the PhoneNumber that holds a number rather than the assignment that hands it on.
    if (!held.has(resource.id) || kind === "phoneNumber") held.set(resource.id, resource.urn);
  }
  return held;
}

function decidedNumber(operation: PendingOperation, e164: string, account: AccountView): VobizNumber {
  const urn = operation.resource.urn;
  const inputs = phoneNumberInputs(operation);
  const number = account.active.get(e164);
  const holder = account.held.get(e164);
  const refuse = (why: string): RecoveryDecisionError => new RecoveryDecisionError(`--assign ${urn}=${e164}: ${why}`);
  if (number === undefined) throw refuse(`the account does not hold ${e164}.`);
  if (holder !== undefined) throw refuse(`${e164} is held by ${holder} already.`);
  if (account.claimed.has(e164)) throw refuse(`${e164} is given to another pending create too.`);
  if (inputs.e164 !== undefined && inputs.e164 !== e164) throw refuse(`the create asks for exactly ${inputs.e164}.`);
  const unmet = inputs.e164 === undefined ? criteriaUnmetBy(number, inputs) : [];
  if (unmet.length > 0) throw refuse(`${e164} does not meet the create's ${unmet.join(", ")}, so it did not buy it.`);
  return number;
}

function dropRecordsWithMissingDependencies(plan: RecoveryPlan, deployment: Deployment): void {
  for (;;) {
    const present = new Set([...deployment.resources.map((r) => r.urn), ...plan.recorded.map((r) => r.operation.resource.urn)]);
    const broken = plan.recorded.find((r) => dependenciesOf(r.operation).some((urn) => !present.has(urn)));
    if (broken === undefined) return;
    const missing = dependenciesOf(broken.operation).find((urn) => !present.has(urn));
    plan.recorded = plan.recorded.filter((r) => r !== broken);
    plan.dropped.push({ operation: broken.operation, reason: `it depends on ${missing}, which is not in the stack` });
  }
}

function dependenciesOf(operation: PendingOperation): string[] {
  const { parent, provider, dependencies, propertyDependencies } = operation.resource;
  // A provider reference is the provider's URN, "::", and its id.
  const providerUrn = provider === undefined ? undefined : provider.slice(0, provider.lastIndexOf("::"));
  return [parent, providerUrn, ...(dependencies ?? []), ...Object.values(propertyDependencies ?? {}).flat()].filter(
    (urn): urn is string => urn !== undefined && urn !== "",
  );
}
