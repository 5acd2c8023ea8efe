import type { PhoneNumber as VobizNumber } from "../../sdk";
import { isUnknown, type CheckFailure } from "../core/check-failures";
import type { Guardrails } from "../core/guardrail-settings";
import type { PhoneNumberInputs } from "./inputs";

// The per-number guardrails, applied where no money has moved yet: `check` judges what a declaration says,
// a pick by criteria never looks above the fee caps, and an exact number is looked up in inventory before it
// is bought. An adopted number is not a purchase: it is already the account's and its fees are already paid,
// so the country and fee caps leave it alone; deletion protection is about releasing, and applies to it too.

const rule = (key: string): string => `the stack's vobiz:${key}`;

/**
 * The failures of a declaration against the stack's guardrails, one per property at fault: a criteria
 * country not allowed, a criteria fee limit above the stack's cap, deletion protection not set when the stack
 * requires it. Values unknown during a preview are judged when they are known.
 */
export function guardrailFailures(inputs: Record<string, unknown>, guardrails: Guardrails): CheckFailure[] {
  const failures: CheckFailure[] = [];
  const { allowedCountries, requireDeletionProtection } = guardrails;
  const adopted = inputs["adopt"] === true;
  const country = inputs["country"];
  if (!adopted && allowedCountries && typeof country === "string" && !isUnknown(country) && !allowedCountries.includes(country)) {
    failures.push({ property: "country", reason: `${country} is not allowed by ${rule("allowedCountries")} (${allowedCountries.join(", ")})` });
  }
  for (const key of ["maxMonthlyFee", "maxSetupFee"] as const) {
    const cap = guardrails[key];
    const value = inputs[key];
    if (!adopted && cap !== undefined && typeof value === "number" && value > cap) {
      failures.push({ property: key, reason: `${value} is above ${rule(key)} (${cap}); set ${key} to ${cap} or less, or leave it out to take the cap` });
    }
  }
  const protection = inputs["deletionProtection"];
  if (requireDeletionProtection && protection !== true && !isUnknown(protection)) {
    failures.push({
      property: "deletionProtection",
      reason: `${protection === undefined || protection === null ? "not set" : String(protection)}, but ${rule("requireDeletionProtection")} is true; set deletionProtection: true`,
    });
  }
  return failures;
}

/**
 * The criteria a pick by criteria searches with: the declared fee limits, lowered to the stack's caps, or the
 * caps themselves where the declaration sets none. Other inputs are kept as given.
 */
export function criteriaWithinCaps(inputs: PhoneNumberInputs, guardrails: Guardrails): PhoneNumberInputs {
  const capped: PhoneNumberInputs = { ...inputs };
  for (const key of ["maxMonthlyFee", "maxSetupFee"] as const) {
    const cap = guardrails[key];
    const declared = inputs[key];
    if (cap !== undefined) capped[key] = declared === undefined ? cap : Math.min(declared, cap);
  }
  return capped;
}

/** Tells whether buying an exact number needs its inventory record first: a country or fee cap is set. */
export function needsInventoryCheck(guardrails: Guardrails): boolean {
  return guardrails.allowedCountries !== undefined || guardrails.maxMonthlyFee !== undefined || guardrails.maxSetupFee !== undefined;
}

/**
 * Why an exact number for sale may not be bought under the stack's guardrails (its country, then its fees,
 * as Vobiz lists them), or undefined when it may. The message names `e164`, the value, the rule and where it
 * is set, and says that nothing was bought.
 */
export function inventoryNumberRefusal(number: VobizNumber, guardrails: Guardrails): string | undefined {
  const { allowedCountries } = guardrails;
  const reasons: string[] = [];
  if (allowedCountries && !allowedCountries.includes(number.country.toUpperCase())) {
    reasons.push(`its country ${number.country} is not allowed by ${rule("allowedCountries")} (${allowedCountries.join(", ")})`);
  }
  const fees = { maxMonthlyFee: ["monthly fee", number.monthly_fee], maxSetupFee: ["setup fee", number.setup_fee] } as const;
  for (const key of ["maxMonthlyFee", "maxSetupFee"] as const) {
    const cap = guardrails[key];
    const [label, fee] = fees[key];
    if (cap !== undefined && fee > cap) reasons.push(`its ${label} ${fee} ${number.currency} is above ${rule(key)} (${cap})`);
  }
  if (reasons.length === 0) return undefined;
  return `e164: ${number.e164} is refused: ${reasons.join(", and ")}. Nothing was bought; name another e164, or change the stack's guardrails.`;
}
