import { hasGuardrails, noGuardrails, readGuardrails } from "../../../provider/core/guardrail-settings";
import { criteriaWithinCaps, guardrailFailures, inventoryNumberRefusal } from "../../../provider/phone-number/guardrails";
import { checkPhoneNumber } from "../../../provider/phone-number/check";
import type { PhoneNumber as VobizNumber } from "../../../sdk";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const production = readGuardrails({
  allowedCountries: '["IN","US"]',
  maxMonthlyFee: "1000",
  maxSetupFee: "300",
  requireDeletionProtection: "true",
});

function forSale(overrides: Partial<VobizNumber>): VobizNumber {
  return {
    e164: "+4930555000111",
    country: "DE",
    capabilities: { voice: true, sms: false, mms: false, fax: false },
    status: "active",
    setup_fee: 100,
    monthly_fee: 500,
    currency: "INR",
    ...overrides,
  } as VobizNumber;
}

describe("the stack's guardrail settings", () => {
  it("reads a list as pulumi config set --path records it, as a JSON string, or separated by commas", () => {
    expect(readGuardrails({ allowedCountries: '["IN","US"]' }).allowedCountries).toEqual(["IN", "US"]);
    expect(readGuardrails({ allowedCountries: '["in"]' }).allowedCountries).toEqual(["IN"]);
    expect(readGuardrails({ allowedCountries: "IN, US" }).allowedCountries).toEqual(["IN", "US"]);
  });

  it("reads limits and the protection flag, and nothing at all as no guardrail", () => {
    expect(readGuardrails({ maxMonthlyFee: "1000", maxSetupFee: "0", maxNumbers: "20", maxMonthlyTotal: "15000.5", requireDeletionProtection: "false" })).toEqual({
      maxMonthlyFee: 1000,
      maxSetupFee: 0,
      maxNumbers: 20,
      maxMonthlyTotal: 15000.5,
      requireDeletionProtection: false,
    });
    expect(readGuardrails(undefined)).toEqual(noGuardrails);
    expect(readGuardrails({ maxMonthlyFee: undefined, allowedCountries: "" })).toEqual(noGuardrails);
    expect(hasGuardrails(readGuardrails({}))).toBe(false);
    expect(hasGuardrails(production)).toBe(true);
  });

  it("refuses a setting it cannot read, naming the key and the form it takes", () => {
    expect(() => readGuardrails({ maxMonthlyFee: "lots" })).toThrow(/vobiz:maxMonthlyFee is "lots", which is not valid: expected a number of 0 or more/);
    expect(() => readGuardrails({ maxNumbers: "2.5" })).toThrow(/vobiz:maxNumbers .* a whole number/);
    expect(() => readGuardrails({ allowedCountries: '["India"]' })).toThrow(/vobiz:allowedCountries .* ISO 3166 alpha-2/);
    expect(() => readGuardrails({ allowedCountries: "[IN" })).toThrow(/vobiz:allowedCountries/);
    expect(() => readGuardrails({ requireDeletionProtection: "yes" })).toThrow(/vobiz:requireDeletionProtection .* true or false/);
  });
});

describe("guardrails on a declaration (check)", () => {
  it("refuses a criteria country the stack does not allow, naming the value, the rule and where it is set", () => {
    expect(guardrailFailures({ country: "DE", deletionProtection: true }, production)).toEqual([
      { property: "country", reason: "DE is not allowed by the stack's vobiz:allowedCountries (IN, US)" },
    ]);
    expect(guardrailFailures({ country: "US", deletionProtection: true }, production)).toEqual([]);
  });

  it("refuses criteria fee limits above the stack's caps, and accepts limits at the cap", () => {
    expect(guardrailFailures({ country: "IN", maxMonthlyFee: 1001, maxSetupFee: 301, deletionProtection: true }, production)).toEqual([
      { property: "maxMonthlyFee", reason: expect.stringMatching(/^1001 is above the stack's vobiz:maxMonthlyFee \(1000\)/) },
      { property: "maxSetupFee", reason: expect.stringMatching(/^301 is above the stack's vobiz:maxSetupFee \(300\)/) },
    ]);
    expect(guardrailFailures({ country: "IN", maxMonthlyFee: 1000, maxSetupFee: 300, deletionProtection: true }, production)).toEqual([]);
  });

  it("requires deletionProtection: true when the stack does, and says it was not set", () => {
    expect(guardrailFailures({ e164: "+918065550001" }, production)).toEqual([
      { property: "deletionProtection", reason: "not set, but the stack's vobiz:requireDeletionProtection is true; set deletionProtection: true" },
    ]);
    expect(guardrailFailures({ e164: "+918065550001", deletionProtection: false }, production)[0]?.reason).toMatch(/^false, but/);
  });

  it("leaves an adopted number's country and fees alone, but not its protection", () => {
    expect(guardrailFailures({ e164: "+4930555000111", adopt: true, deletionProtection: true }, production)).toEqual([]);
    expect(guardrailFailures({ e164: "+4930555000111", adopt: true }, production).map((f) => f.property)).toEqual(["deletionProtection"]);
  });

  it("judges values unknown during a preview once they are known", () => {
    expect(guardrailFailures({ country: UNKNOWN, deletionProtection: UNKNOWN }, production)).toEqual([]);
  });

  it("changes nothing when no guardrail is set", () => {
    expect(guardrailFailures({ country: "DE", maxMonthlyFee: 99999 }, noGuardrails)).toEqual([]);
    expect(checkPhoneNumber({ country: "DE", maxMonthlyFee: 99999 }).failures).toEqual([]);
  });

  it("is part of check, after the country is upper-cased", () => {
    expect(checkPhoneNumber({ country: "de", deletionProtection: true }, production).failures).toEqual([
      { property: "country", reason: "DE is not allowed by the stack's vobiz:allowedCountries (IN, US)" },
    ]);
  });
});

describe("guardrails on a pick by criteria", () => {
  it("searches at most the caps: lowers a higher limit, takes the cap where none is set, keeps a lower one", () => {
    expect(criteriaWithinCaps({ country: "IN" }, production)).toEqual({ country: "IN", maxMonthlyFee: 1000, maxSetupFee: 300 });
    expect(criteriaWithinCaps({ country: "IN", maxMonthlyFee: 400 }, production)).toMatchObject({ maxMonthlyFee: 400 });
    expect(criteriaWithinCaps({ country: "IN", maxMonthlyFee: 5000 }, production)).toMatchObject({ maxMonthlyFee: 1000 });
    expect(criteriaWithinCaps({ country: "IN" }, noGuardrails)).toEqual({ country: "IN" });
  });
});

describe("guardrails on an exact number, from its inventory record", () => {
  it("refuses a number in a country the stack does not allow, naming e164, the value and the rule", () => {
    expect(inventoryNumberRefusal(forSale({}), production)).toBe(
      "e164: +4930555000111 is refused: its country DE is not allowed by the stack's vobiz:allowedCountries (IN, US). " +
        "Nothing was bought; name another e164, or change the stack's guardrails.",
    );
  });

  it("refuses a number whose fees are above the caps, and accepts one at the caps", () => {
    expect(inventoryNumberRefusal(forSale({ country: "IN", monthly_fee: 1050, setup_fee: 350 }), production)).toMatch(
      /its monthly fee 1050 INR is above the stack's vobiz:maxMonthlyFee \(1000\), and its setup fee 350 INR is above the stack's vobiz:maxSetupFee \(300\)/,
    );
    expect(inventoryNumberRefusal(forSale({ country: "IN", monthly_fee: 1000, setup_fee: 300 }), production)).toBeUndefined();
    expect(inventoryNumberRefusal(forSale({}), noGuardrails)).toBeUndefined();
  });
});
