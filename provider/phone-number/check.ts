import { CheckFailures, isUnknown, type CheckFailure } from "../core/check-failures";
import { noGuardrails, type Guardrails } from "../core/guardrail-settings";
import { guardrailFailures } from "./guardrails";
import { phoneNumberInputSchema } from "./input-schema";
import type { PhoneNumberInputs } from "./inputs";

/** The result of `check`: the inputs to use, or why they are refused. */
export interface PhoneNumberCheckResult {
  inputs: PhoneNumberInputs;
  failures: CheckFailure[];
}

/**
 * Validates `PhoneNumber` inputs against their schema (input-schema.ts) before any API call and names the
 * property at fault, then holds them to the stack's guardrails (none by default; see guardrails.ts). Country
 * and currency codes are upper-cased; nothing else is changed.
 */
export function checkPhoneNumber(news: Record<string, unknown>, guardrails: Guardrails = noGuardrails): PhoneNumberCheckResult {
  const inputs: Record<string, unknown> = { ...news };
  for (const key of ["country", "currency"]) {
    const value = inputs[key];
    // ASCII letters only: `toUpperCase` would turn "ß" into "SS" and "ı" into "I", and so accept them.
    if (typeof value === "string" && !isUnknown(value)) inputs[key] = value.replace(/[a-z]/g, (letter) => letter.toUpperCase());
  }
  const check = new CheckFailures(inputs);
  check.followsRules(phoneNumberInputSchema);
  for (const failure of guardrailFailures(inputs, guardrails)) check.fail(failure.property, failure.reason);

  return { inputs: inputs as PhoneNumberInputs, failures: check.list };
}
