import { unmetCriteria } from "../provider/phone-number/diff";
import type { PhoneNumberInputs } from "../provider/phone-number/inputs";
import type { PhoneNumber as VobizNumber } from "../sdk";
import type { PendingOperation } from "./stack-deployment";

/** A pending create of a `PhoneNumber` chosen by criteria. */
export interface CriteriaCreate {
  operation: PendingOperation;
  inputs: PhoneNumberInputs;
}

/**
 * Creates that compete for the same candidate numbers (directly, or through a create they share one with),
 * and the numbers they compete for. `matches` gives each create the number it bought, or nothing; it is
 * undefined when the candidates cannot all be the creates' purchases: more of them than creates, or some
 * that no create left over can have bought.
 */
export interface CreateGroup {
  creates: CriteriaCreate[];
  candidates: VobizNumber[];
  matches: Map<CriteriaCreate, VobizNumber> | undefined;
}

/**
 * Splits creates by criteria into groups that compete for candidate numbers, and pairs each group's creates
 * with its candidates when every candidate can be one create's purchase. Any such pairing is as good as
 * another, since each number meets the criteria of the create it goes to; a number already routed the way a
 * create asks goes to that create when it can, so that the next `pulumi up` has less to change. Never throws.
 */
export function matchCreates(creates: readonly CriteriaCreate[], candidates: readonly VobizNumber[]): CreateGroup[] {
  const fits = new Map(creates.map((create) => [create, candidates.filter((n) => meets(n, create.inputs)).sort(byRouting(create.inputs))]));
  const groups: CreateGroup[] = [];
  const placed = new Set<CriteriaCreate>();
  for (const start of creates) {
    if (placed.has(start)) continue;
    const group = { creates: [start], candidates: [] as VobizNumber[] };
    placed.add(start);
    // Grow the group until no outside create shares a candidate with it.
    for (let grew = true; grew; ) {
      grew = false;
      for (const create of group.creates) for (const n of fits.get(create) ?? []) if (!group.candidates.includes(n)) group.candidates.push(n);
      for (const create of creates) {
        if (placed.has(create) || !(fits.get(create) ?? []).some((n) => group.candidates.includes(n))) continue;
        group.creates.push(create);
        placed.add(create);
        grew = true;
      }
    }
    groups.push({ ...group, matches: pairUp(group.creates, group.candidates, fits) });
  }
  return groups;
}

/** The criteria of `inputs` that the listed number fails, by input name; none for a number that meets them all. */
export function criteriaUnmetBy(number: VobizNumber, inputs: PhoneNumberInputs): string[] {
  return unmetCriteria({ e164: number.e164, country: number.country, monthlyFee: number.monthly_fee, setupFee: number.setup_fee }, inputs);
}

function meets(number: VobizNumber, inputs: PhoneNumberInputs): boolean {
  return criteriaUnmetBy(number, inputs).length === 0;
}

function byRouting(inputs: PhoneNumberInputs): (a: VobizNumber, b: VobizNumber) => number {
  const routedAsAsked = (n: VobizNumber): number =>
    (n.trunk_group_id ?? null) === (inputs.trunkGroupId ?? null) && (n.application_id ?? null) === (inputs.applicationId ?? null) ? 0 : 1;
  return (a, b) => routedAsAsked(a) - routedAsAsked(b);
}

// A maximum matching by augmenting paths (Kuhn); groups are small, a few hundred creates at most.
function pairUp(
  creates: CriteriaCreate[],
  candidates: VobizNumber[],
  fits: ReadonlyMap<CriteriaCreate, VobizNumber[]>,
): Map<CriteriaCreate, VobizNumber> | undefined {
  if (candidates.length > creates.length) return undefined;
  const owner = new Map<VobizNumber, CriteriaCreate>();
  const augment = (create: CriteriaCreate, seen: Set<VobizNumber>): boolean => {
    for (const number of fits.get(create) ?? []) {
      if (seen.has(number)) continue;
      seen.add(number);
      const current = owner.get(number);
      if (current === undefined || augment(current, seen)) {
        owner.set(number, create);
        return true;
      }
    }
    return false;
  };
  for (const create of creates) augment(create, new Set());
  if (owner.size < candidates.length) return undefined;
  return new Map([...owner].map(([number, create]) => [create, number]));
}
