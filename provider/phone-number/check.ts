import { CheckFailures, isSet, isUnknown, type CheckFailure } from "../core/check-failures";
import { noGuardrails, type Guardrails } from "../core/guardrail-settings";
import { guardrailFailures } from "./guardrails";
import { phoneNumberInputKeys, type PhoneNumberInputs } from "./inputs";

const criteriaKeys = ["country", "contains", "excludePrefixes", "maxMonthlyFee", "maxSetupFee"] as const;

/** The result of `check`: the inputs to use, or why they are refused. */
export interface PhoneNumberCheckResult {
  inputs: PhoneNumberInputs;
  failures: CheckFailure[];
}

/**
 * Validates `PhoneNumber` inputs before any API call and names the property at fault, then holds them to
 * the stack's guardrails (none by default; see guardrails.ts). Country and currency codes are upper-cased;
 * nothing else is changed.
 */
export function checkPhoneNumber(news: Record<string, unknown>, guardrails: Guardrails = noGuardrails): PhoneNumberCheckResult {
  const inputs: Record<string, unknown> = { ...news };
  for (const key of ["country", "currency"]) {
    const value = inputs[key];
    // ASCII letters only: `toUpperCase` would turn "ß" into "SS" and "ı" into "I", and so accept them.
    if (typeof value === "string" && !isUnknown(value)) inputs[key] = value.replace(/[a-z]/g, (letter) => letter.toUpperCase());
  }
  const check = new CheckFailures(inputs);
  const given = (key: string): boolean => isSet(check.given(key));
  check.onlyKeys(phoneNumberInputKeys);

  check.e164("e164");
  check.matches("country", /^[A-Z]{2}$/, "an ISO 3166 alpha-2 country code such as \"IN\" or \"US\"");
  check.matches("contains", /^\+?\d{1,15}$/, "digits the number must contain, such as \"80\"");
  check.stringList("excludePrefixes", /^\+?[1-9]\d{0,14}$/, "E.164 prefixes including the country code, such as \"9111\" or \"+9111\"");
  check.nonNegativeNumber("maxMonthlyFee");
  check.nonNegativeNumber("maxSetupFee");
  check.matches("currency", /^[A-Z]{3}$/, "an ISO 4217 currency code such as \"INR\"");
  check.matches("trunkGroupId", /^\S+$/, "a trunk group id without spaces");
  check.matches("applicationId", /^\S+$/, "an application id without spaces");
  check.boolean("adopt");
  check.oneOf("releaseMode", ["standard", "immediate"]);
  check.boolean("deletionProtection");

  const criteriaGiven = criteriaKeys.filter(given);
  if (given("e164") && criteriaGiven.length > 0) {
    check.fail("e164", `give either e164 (one exact number) or search criteria, not both; also set: ${criteriaGiven.join(", ")}`);
  }
  if (!given("e164") && !given("country")) {
    check.fail(
      criteriaGiven.length > 0 ? "country" : "e164",
      criteriaGiven.length > 0
        ? "country is required with search criteria"
        : "either e164 (one exact number) or country (with optional contains, excludePrefixes, maxMonthlyFee, maxSetupFee) is required",
    );
  }
  if (given("trunkGroupId") && given("applicationId")) {
    check.fail("applicationId", "a number routes to a trunk or to an application, not both; remove trunkGroupId or applicationId");
  }
  if (check.given("adopt") === true && !given("e164")) {
    check.fail("adopt", "adopt manages a number the account already owns, so it needs e164");
  }
  for (const failure of guardrailFailures(inputs, guardrails)) check.fail(failure.property, failure.reason);

  return { inputs: inputs as PhoneNumberInputs, failures: check.list };
}
