import { entryNamePattern, type FleetEntry } from "../fleet/fleet-entry-schema";
import type { PhoneNumber } from "../sdk";

/** Which of the account's numbers to write, and how. */
export interface OnboardFilters {
  /** ISO 3166 alpha-2 country, any case. */
  country?: string;
  /** Only numbers held by this sub-account. */
  subAccount?: string;
  /** Only numbers whose E.164 starts with this prefix (with or without `+`). */
  prefix?: string;
  /** Set `deletionProtection: true` on every entry. */
  protect?: boolean;
}

/** A number the filters selected but that cannot be adopted, and why. */
export interface LeftOutNumber {
  e164: string;
  reason: string;
}

/** The entries to write, sorted by e164, and the selected numbers left out. */
export interface OnboardingPlan {
  entries: FleetEntry[];
  leftOut: LeftOutNumber[];
}

/**
 * The entry name of a number: its country in lowercase and its digits, such as `in-918065551234`. It depends
 * on the number alone, so every run names a number the same way.
 */
export function entryNameFor(number: Pick<PhoneNumber, "e164" | "country">): string {
  const country = number.country.toLowerCase();
  const digits = number.e164.replace(/\D/g, "");
  const name = `${country}-${digits}`;
  return /^[a-z]{2}$/.test(country) && entryNamePattern.test(name) ? name : `number-${digits}`;
}

/**
 * Turns the numbers an account holds into fleet entries that adopt them: `e164`, `adopt: true`,
 * `retainOnDelete: true`, the routing, and `subAccount` when a sub-account of `authId` holds the number.
 * Numbers that are not active (a release under way), or that the provider could not manage as they are, are
 * left out with the reason. Never throws.
 */
export function planOnboarding(numbers: readonly PhoneNumber[], authId: string, filters: OnboardFilters = {}): OnboardingPlan {
  const prefix = filters.prefix === undefined ? undefined : filters.prefix.startsWith("+") ? filters.prefix : `+${filters.prefix}`;
  const selected = numbers.filter(
    (number) =>
      (filters.country === undefined || number.country.toUpperCase() === filters.country.toUpperCase()) &&
      (filters.subAccount === undefined || number.account_id === filters.subAccount) &&
      (prefix === undefined || number.e164.startsWith(prefix)),
  );
  const plan: OnboardingPlan = { entries: [], leftOut: [] };
  for (const number of [...selected].sort((a, b) => (a.e164 < b.e164 ? -1 : a.e164 > b.e164 ? 1 : 0))) {
    const reason = whyNotAdoptable(number, authId);
    if (reason !== undefined) {
      plan.leftOut.push({ e164: number.e164, reason });
      continue;
    }
    plan.entries.push({
      name: entryNameFor(number),
      e164: number.e164,
      adopt: true,
      ...(number.trunk_group_id === null ? {} : { trunkGroupId: number.trunk_group_id }),
      ...(number.application_id === null ? {} : { applicationId: number.application_id }),
      ...(number.account_id === authId ? {} : { subAccount: number.account_id }),
      ...(filters.protect === true ? { deletionProtection: true } : {}),
      retainOnDelete: true,
    });
  }
  return plan;
}

function whyNotAdoptable(number: PhoneNumber, authId: string): string | undefined {
  if (number.status === "pending_release") {
    const since = number.released_at === null ? "" : ` (released at ${number.released_at})`;
    return `it is in pending_release${since}: a release is under way and the account is giving the number up; to keep it, cancel the release within 24 hours of it (VobizClient.cancelRelease) and run vobiz-onboard --merge again`;
  }
  if (number.status !== "active") return `its status is "${number.status}", and only active numbers can be adopted`;
  if (number.trunk_group_id !== null && number.application_id !== null) {
    return `it is routed both to trunk ${number.trunk_group_id} and to application ${number.application_id}; a PhoneNumber routes to one of them, so detach one and run vobiz-onboard --merge again`;
  }
  if (number.account_id !== authId && !number.account_id.startsWith("SA_")) {
    return `it is held by ${number.account_id || "no account"}, which is neither ${authId} nor one of its sub-accounts`;
  }
  return undefined;
}
