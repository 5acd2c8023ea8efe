import { checkPhoneNumber } from "../../../provider/phone-number/check";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

function failuresOf(inputs: Record<string, unknown>) {
  return checkPhoneNumber(inputs).failures;
}

describe("PhoneNumber check", () => {
  it("accepts an exact number and criteria on their own", () => {
    expect(failuresOf({ e164: "+918065550001", trunkGroupId: "tg-1", deletionProtection: true })).toEqual([]);
    expect(failuresOf({ country: "IN", contains: "80", excludePrefixes: ["9111", "+9122"], maxMonthlyFee: 500, maxSetupFee: 0 })).toEqual([]);
  });

  it("names e164 when it is not E.164", () => {
    expect(failuresOf({ e164: "09876543210" })).toEqual([{ property: "e164", reason: expect.stringContaining("is not an E.164 number") }]);
  });

  it("refuses e164 together with criteria", () => {
    expect(failuresOf({ e164: "+918065550001", country: "IN" })).toEqual([
      { property: "e164", reason: expect.stringContaining("not both; also set: country") },
    ]);
  });

  it("requires either e164 or a country", () => {
    expect(failuresOf({})).toEqual([{ property: "e164", reason: expect.stringContaining("either e164") }]);
    expect(failuresOf({ contains: "80" })).toEqual([{ property: "country", reason: "country is required with search criteria" }]);
  });

  it("refuses a trunk together with an application", () => {
    expect(failuresOf({ e164: "+918065550001", trunkGroupId: "tg-1", applicationId: "app-1" })).toEqual([
      { property: "applicationId", reason: expect.stringContaining("a trunk or to an application, not both") },
    ]);
  });

  it("refuses negative fee limits, bad codes, bad prefixes and a bad release mode, each by name", () => {
    const properties = failuresOf({
      country: "INDIA",
      maxMonthlyFee: -1,
      maxSetupFee: Number.NaN,
      currency: "rupees",
      excludePrefixes: ["91x"],
      releaseMode: "later",
      deletionProtection: "yes",
    }).map((f) => f.property);
    expect(properties.sort()).toEqual(["country", "currency", "deletionProtection", "excludePrefixes", "maxMonthlyFee", "maxSetupFee", "releaseMode"]);
  });

  it("refuses unknown keys and adopt without e164", () => {
    expect(failuresOf({ country: "IN", areaCode: "80", adopt: true })).toEqual([
      { property: "areaCode", reason: expect.stringContaining('unknown property "areaCode"') },
      { property: "adopt", reason: expect.stringContaining("needs e164") },
    ]);
  });

  it("tolerates values that are unknown during a preview", () => {
    expect(failuresOf({ e164: UNKNOWN, trunkGroupId: UNKNOWN })).toEqual([]);
    expect(failuresOf({ country: UNKNOWN, excludePrefixes: [UNKNOWN, "9111"] })).toEqual([]);
  });

  it("judges a list or object holding an unknown value by its type, and each list item on its own", () => {
    expect(failuresOf({ e164: [UNKNOWN] })).toEqual([{ property: "e164", reason: expect.stringContaining("is not an E.164 number") }]);
    expect(failuresOf({ country: "IN", excludePrefixes: [UNKNOWN, 91] })).toEqual([
      { property: "excludePrefixes", reason: expect.stringMatching(/^item 1 \(91\) is not valid/) },
    ]);
  });

  it("refuses letters that only upper-case to ASCII, such as ß (SS) and the dotless ı (I)", () => {
    expect(failuresOf({ country: "ß" }).map((f) => f.property)).toEqual(["country"]);
    expect(failuresOf({ country: "IN", currency: "ınr" }).map((f) => f.property)).toEqual(["currency"]);
  });

  it("quotes NaN and Infinity by name, cuts a huge value short, keeps it on one line, and survives values JSON cannot show", () => {
    expect(failuresOf({ country: "IN", maxMonthlyFee: Number.NaN, maxSetupFee: Infinity }).map((f) => f.reason)).toEqual([
      "NaN is not valid: expected a number of 0 or more",
      "Infinity is not valid: expected a number of 0 or more",
    ]);
    const [huge] = failuresOf({ e164: "9".repeat(100_000) });
    expect(huge?.reason).toMatch(/^"9{60}…" is not an E.164 number/);
    const circular: Record<string, unknown> = {};
    circular["self"] = circular;
    expect(failuresOf({ e164: circular })).toEqual([{ property: "e164", reason: expect.stringMatching(/^an object is not an E.164 number/) }]);
    expect(failuresOf({ country: "I\u2028N" })[0]?.reason).toMatch(/^"I\\u2028N" is not valid/);
  });

  it("counts only the inputs' own properties", () => {
    expect(failuresOf(Object.create({ e164: "+918065550001" }) as Record<string, unknown>).map((f) => f.property)).toEqual(["e164"]);
  });

  it("upper-cases country and currency codes", () => {
    expect(checkPhoneNumber({ country: "in", currency: "inr" }).inputs).toEqual({ country: "IN", currency: "INR" });
  });
});
