import type { Guardrails } from "../provider/core/guardrail-settings";
import { resourceType, type EngineStep, type ResourceState } from "./engine-json";

const PHONE_NUMBER = "pulumi-nodejs:dynamic/vobiz:PhoneNumber";
// Steps after which the stack no longer holds the resource's number.
const LEAVING = new Set(["delete", "discard", "read", "import"]);
const BUYING = new Set(["create", "replace", "create-replacement"]);

/** The numbers a stack holds once a plan is applied, and what they cost a month as far as a preview can tell. */
export interface PlanTotals {
  /** `PhoneNumber`s the stack holds after the plan: kept, updated, bought, adopted or replaced. */
  numbers: number;
  /** Monthly fees known from state, plus the highest fee each number to buy may have. */
  monthlyAtMost: number;
  /** Numbers to buy with no fee limit, from their criteria or the stack's `vobiz:maxMonthlyFee`. */
  unboundedPurchases: number;
  /** Numbers to adopt, whose fees are known only once they are adopted; they buy nothing, and are not judged. */
  adoptions: number;
}

/**
 * Adds up the numbers and monthly fees of the stack after the plan in `steps` (the output of
 * `pulumi preview --json --show-sames`: without `--show-sames` the numbers left unchanged are missing).
 * A number to buy counts at its highest possible fee: its criteria's `maxMonthlyFee` or the stack's cap,
 * whichever is lower, since the provider never buys above either.
 */
export function planTotals(steps: readonly EngineStep[], guardrails: Guardrails): PlanTotals {
  const totals: PlanTotals = { numbers: 0, monthlyAtMost: 0, unboundedPurchases: 0, adoptions: 0 };
  const opsByUrn = new Map<string, EngineStep[]>();
  for (const step of steps) if (resourceType(step.urn) === PHONE_NUMBER) opsByUrn.set(step.urn, [...(opsByUrn.get(step.urn) ?? []), step]);
  for (const group of opsByUrn.values()) {
    const ops = group.map((step) => step.op);
    if (ops.every((op) => LEAVING.has(op) || op === "delete-replaced")) continue;
    totals.numbers += 1;
    const newState = group.find((step) => step.newState)?.newState;
    const oldState = group.find((step) => step.oldState)?.oldState;
    if (!ops.some((op) => BUYING.has(op))) {
      totals.monthlyAtMost += recordedFee(oldState) ?? 0;
    } else if (newState?.inputs?.["adopt"] === true) {
      totals.adoptions += 1;
    } else {
      const bound = feeBound(newState, guardrails);
      if (bound === undefined) totals.unboundedPurchases += 1;
      else totals.monthlyAtMost += bound;
    }
  }
  return totals;
}

/** One sentence per stack cap the plan breaks (or cannot be shown to keep); none when it keeps them all. */
export function capBreaches(totals: PlanTotals, guardrails: Guardrails): string[] {
  const breaches: string[] = [];
  const { maxNumbers, maxMonthlyTotal } = guardrails;
  if (maxNumbers !== undefined && totals.numbers > maxNumbers) {
    breaches.push(`The plan leaves the stack with ${totals.numbers} numbers, more than the stack's vobiz:maxNumbers (${maxNumbers}).`);
  }
  if (maxMonthlyTotal !== undefined) {
    if (totals.unboundedPurchases > 0) {
      const n = totals.unboundedPurchases;
      breaches.push(
        `${n} number${n === 1 ? "" : "s"} to buy ${n === 1 ? "has" : "have"} no monthly fee limit, so the plan cannot be shown to keep within the stack's ` +
          `vobiz:maxMonthlyTotal (${maxMonthlyTotal}): set maxMonthlyFee on ${n === 1 ? "it" : "them"}, or set vobiz:maxMonthlyFee.`,
      );
    } else if (totals.monthlyAtMost > maxMonthlyTotal) {
      breaches.push(`The plan's monthly fees come to as much as ${totals.monthlyAtMost}, more than the stack's vobiz:maxMonthlyTotal (${maxMonthlyTotal}).`);
    }
  }
  return breaches;
}

function recordedFee(state: ResourceState | undefined): number | undefined {
  const fee = state?.outputs?.["monthlyFee"];
  return typeof fee === "number" ? fee : undefined;
}

function feeBound(state: ResourceState | undefined, guardrails: Guardrails): number | undefined {
  const declared = state?.inputs?.["maxMonthlyFee"];
  // A limit still unknown during the preview (computed from another output) is not a number here.
  const limits = [typeof declared === "number" ? declared : undefined, guardrails.maxMonthlyFee];
  const known = limits.filter((limit): limit is number => limit !== undefined);
  return known.length === 0 ? undefined : Math.min(...known);
}
