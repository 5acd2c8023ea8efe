import { isSet, refuseCombination } from "../core/check-failures";
import { e164Number, inputsObject, nonNegativeNumber, oneOf, textList, textMatching, trueOrFalse } from "../core/input-rules";

/** How a released number leaves the account: with the 24-hour cancellable window, or at once. */
export const releaseModeSchema = oneOf(["standard", "immediate"]);

const criteriaKeys = ["country", "contains", "excludePrefixes", "maxMonthlyFee", "maxSetupFee"] as const;

/**
 * The inputs of a `PhoneNumber`, the one definition its types, `check`, the fleet file's entries and the
 * plugin's schema are derived from. Either `e164` names one exact number, or `country` (with the optional
 * filters) describes numbers that are acceptable; the concrete number is resolved once, at create, and is an
 * output from then on. Codes are ASCII letters in either case (`check` upper-cases them). The property order is
 * the schema's.
 */
export const phoneNumberInputSchema = inputsObject(
  {
    e164: e164Number()
      .optional()
      .describe("One exact number in E.164 form, such as `+918065551234`. Give either this or the criteria (`country` and the filters)."),
    country: textMatching(/^[A-Za-z]{2}$/, 'an ISO 3166 alpha-2 country code such as "IN" or "US"')
      .optional()
      .describe("ISO 3166 alpha-2 country to pick a number from by criteria, such as `IN`. The number is picked once, at create."),
    contains: textMatching(/^\+?\d{1,15}$/, 'digits the number must contain, such as "80"')
      .optional()
      .describe("Digits the number must contain (a substring of its E.164 form)."),
    excludePrefixes: textList(/^\+?[1-9]\d{0,14}$/, 'E.164 prefixes including the country code, such as "9111" or "+9111"')
      .optional()
      .describe("E.164 prefixes the number must not start with, such as `9111`."),
    maxMonthlyFee: nonNegativeNumber().optional().describe("Highest acceptable monthly fee, in the number's currency."),
    maxSetupFee: nonNegativeNumber().optional().describe("Highest acceptable one-time setup fee, in the number's currency."),
    currency: textMatching(/^[A-Za-z]{3}$/, 'an ISO 4217 currency code such as "INR"')
      .optional()
      .describe("Transaction currency for the purchase (the number's own by default)."),
    adopt: trueOrFalse().optional().describe("Manage a number the account already owns instead of buying it. Needs `e164`."),
    trunkGroupId: textMatching(/^\S+$/, "a trunk group id without spaces")
      .optional()
      .describe("SIP trunk group to route the number to, changed in place. Excludes `applicationId`."),
    applicationId: textMatching(/^\S+$/, "an application id without spaces")
      .optional()
      .describe("Voice application to attach the number to, changed in place. Excludes `trunkGroupId`."),
    releaseMode: releaseModeSchema
      .optional()
      .describe("How `destroy` releases the number: `standard` (the default, cancellable for 24 hours) or `immediate`."),
    deletionProtection: trueOrFalse().optional().describe("When true, `destroy` and a replacement refuse to release the number."),
  },
  (inputs, ctx) => {
    const given = (key: string): boolean => isSet(inputs[key]);
    const criteriaGiven = criteriaKeys.filter(given);
    if (given("e164") && criteriaGiven.length > 0) {
      refuseCombination(ctx, "e164", `give either e164 (one exact number) or search criteria, not both; also set: ${criteriaGiven.join(", ")}`);
    }
    if (!given("e164") && !given("country")) {
      refuseCombination(
        ctx,
        criteriaGiven.length > 0 ? "country" : "e164",
        criteriaGiven.length > 0
          ? "country is required with search criteria"
          : "either e164 (one exact number) or country (with optional contains, excludePrefixes, maxMonthlyFee, maxSetupFee) is required",
      );
    }
    if (given("trunkGroupId") && given("applicationId")) {
      refuseCombination(ctx, "applicationId", "a number routes to a trunk or to an application, not both; remove trunkGroupId or applicationId");
    }
    if (inputs["adopt"] === true && !given("e164")) {
      refuseCombination(ctx, "adopt", "adopt manages a number the account already owns, so it needs e164");
    }
  },
);
