import { UNKNOWN, resourceName, resourceType, type EngineStep, type ResourceState } from "./engine-json";

/** A change of monthly fees: a known amount, or one known only once Vobiz has picked the number. */
export type FeeChange = { amount: number; currency: string } | { unknown: true; atMost?: { amount: number; currency: string } };

/** One change a preview proposes to the account's numbers, in the words a reviewer uses. */
export interface NumberChange {
  action: "buy" | "adopt" | "release" | "keep" | "replace" | "re-route" | "update" | "assign" | "move" | "unassign";
  /** The resource's name in the program (a fleet entry's name). */
  resource: string;
  /** The number, or what it will be picked by when it is not known yet. */
  number: string;
  detail: string;
  fee?: FeeChange;
}

const PHONE_NUMBER = "pulumi-nodejs:dynamic/vobiz:PhoneNumber";
const ASSIGNMENT = "pulumi-nodejs:dynamic/vobiz:SubAccountAssignment";
const REPLACING = new Set(["replace", "create-replacement", "delete-replaced"]);

/**
 * The changes to Vobiz numbers among a preview's steps: numbers to buy, adopt, release or replace,
 * routing changes, and sub-account moves. Steps of other resources and steps that change nothing are left out.
 */
export function numberChanges(steps: readonly EngineStep[]): NumberChange[] {
  const byUrn = new Map<string, EngineStep[]>();
  for (const step of steps) byUrn.set(step.urn, [...(byUrn.get(step.urn) ?? []), step]);
  const changes: NumberChange[] = [];
  for (const [urn, group] of byUrn) {
    const ops = new Set(group.map((step) => step.op));
    const oldState = group.find((step) => step.oldState)?.oldState;
    const newState = group.find((step) => step.newState)?.newState;
    const op = [...ops].some((o) => REPLACING.has(o)) ? "replace" : (group[0]?.op ?? "same");
    const name = resourceName(urn);
    const type = resourceType(urn);
    const change =
      type === PHONE_NUMBER ? phoneNumberChange(op, name, oldState, newState) : type === ASSIGNMENT ? assignmentChange(op, name, oldState, newState) : undefined;
    if (change) changes.push(change);
  }
  return changes;
}

function phoneNumberChange(op: string, resource: string, oldState?: ResourceState, newState?: ResourceState): NumberChange | undefined {
  const oldNumber = oldState ? describeNumber(oldState) : "";
  const oldFee = oldState ? knownFee(oldState) : undefined;
  switch (op) {
    case "create":
      if (newState?.inputs?.["adopt"] === true) return { action: "adopt", resource, number: describeNumber(newState), detail: "already owned: nothing is bought" };
      return { action: "buy", resource, number: newState ? describeNumber(newState) : "", detail: routingOf(newState?.inputs), fee: newFee(newState) };
    case "delete":
      if (oldState?.retainOnDelete) return { action: "keep", resource, number: oldNumber, detail: "no longer managed; it stays with the account (retainOnDelete)" };
      return { action: "release", resource, number: oldNumber, detail: "cancellable for 24 hours", ...(oldFee ? { fee: { ...oldFee, amount: -oldFee.amount } } : {}) };
    case "replace":
      return {
        action: "replace",
        resource,
        number: `${oldNumber} → ${newState ? describeNumber(newState, { ignoreOutputs: true }) : "another number"}`,
        detail: "buys the new number, then releases the old one",
        fee: newFee(newState),
      };
    case "update": {
      const before = routingOf(oldState?.inputs);
      const after = routingOf(newState?.inputs);
      if (before !== after) return { action: "re-route", resource, number: oldNumber, detail: `${before} → ${after}` };
      const changed = changedKeys(oldState?.inputs, newState?.inputs);
      return { action: "update", resource, number: oldNumber, detail: changed.length ? `changes ${changed.join(", ")}` : "settings only" };
    }
    default:
      return undefined;
  }
}

function assignmentChange(op: string, resource: string, oldState?: ResourceState, newState?: ResourceState): NumberChange | undefined {
  const number = known(newState?.inputs?.["e164"]) ?? known(oldState?.outputs?.["e164"]) ?? "the number bought above";
  const oldSub = String(oldState?.outputs?.["subAccountId"] ?? oldState?.inputs?.["subAccountId"] ?? "");
  const newSub = String(known(newState?.inputs?.["subAccountId"]) ?? "(known after the update)");
  switch (op) {
    case "create":
      return { action: "assign", resource, number, detail: `hand to ${newSub}` };
    case "update":
    case "replace":
      return oldSub === newSub ? undefined : { action: "move", resource, number, detail: `${oldSub} → ${newSub}` };
    case "delete":
      if (oldState?.retainOnDelete) return { action: "keep", resource, number, detail: `stays with ${oldSub} (retainOnDelete)` };
      return { action: "unassign", resource, number, detail: `take back from ${oldSub}` };
    default:
      return undefined;
  }
}

function describeNumber(state: ResourceState, options: { ignoreOutputs?: boolean } = {}): string {
  const exact = (!options.ignoreOutputs && known(state.outputs?.["e164"])) || known(state.inputs?.["e164"]);
  if (exact) return exact;
  const inputs = state.inputs ?? {};
  const parts = [`a number in ${known(inputs["country"]) ?? "a country known later"}`];
  if (known(inputs["contains"])) parts.push(`containing ${String(inputs["contains"])}`);
  const excluded = inputs["excludePrefixes"];
  if (Array.isArray(excluded) && excluded.length > 0) parts.push(`not starting with ${excluded.join(", ")}`);
  return parts.join(" ");
}

function routingOf(inputs: Record<string, unknown> | undefined): string {
  const trunk = inputs?.["trunkGroupId"];
  const application = inputs?.["applicationId"];
  if (trunk !== undefined && trunk !== null) return `trunk ${known(trunk) ?? "(known later)"}`;
  if (application !== undefined && application !== null) return `application ${known(application) ?? "(known later)"}`;
  return "not routed";
}

function knownFee(state: ResourceState): { amount: number; currency: string } | undefined {
  const amount = state.outputs?.["monthlyFee"];
  const currency = state.outputs?.["currency"];
  return typeof amount === "number" && typeof currency === "string" && currency !== "" ? { amount, currency } : undefined;
}

function newFee(state: ResourceState | undefined): FeeChange {
  const max = state?.inputs?.["maxMonthlyFee"];
  const currency = known(state?.inputs?.["currency"]);
  return typeof max === "number" ? { unknown: true, atMost: { amount: max, currency: currency ?? "" } } : { unknown: true };
}

function changedKeys(before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  keys.delete("__provider");
  return [...keys].filter((key) => JSON.stringify(before?.[key]) !== JSON.stringify(after?.[key])).sort();
}

function known(value: unknown): string | undefined {
  return typeof value === "string" && value !== UNKNOWN && value !== "" ? value : undefined;
}
