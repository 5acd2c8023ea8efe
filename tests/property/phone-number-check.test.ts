import fc from "fast-check";
import { expectNoCallSoFar, useEmulatorInEnvironment } from "./emulator-in-environment";
import { phoneNumberOperations } from "../../provider/runtime";
import {
  UNKNOWN,
  e164Pattern,
  invalidValue,
  isAbsent,
  orUnknown,
  stringMatching,
  unknownKey,
  withOwn,
  without,
  assertRefusal,
  type InvalidInputs,
} from "./check-arbitraries";

// The rules below are restated from the README's PhoneNumber table, not taken from provider/, so that the
// test is an independent oracle: a value either side of a rule tells the two apart.
const isE164 = stringMatching(e164Pattern);
const isPrefix = stringMatching(/^\+?[1-9][0-9]{0,14}$/);
const rules: Record<string, (value: unknown) => boolean> = {
  e164: isE164,
  country: stringMatching(/^[A-Za-z]{2}$/),
  contains: stringMatching(/^\+?[0-9]{1,15}$/),
  excludePrefixes: (value) => Array.isArray(value) && Array.from(value).every((item) => item === UNKNOWN || isPrefix(item)),
  maxMonthlyFee: (value) => typeof value === "number" && Number.isFinite(value) && value >= 0,
  maxSetupFee: (value) => typeof value === "number" && Number.isFinite(value) && value >= 0,
  currency: stringMatching(/^[A-Za-z]{3}$/),
  trunkGroupId: stringMatching(/^\S+$/),
  applicationId: stringMatching(/^\S+$/),
  adopt: (value) => typeof value === "boolean",
  releaseMode: (value) => value === "standard" || value === "immediate",
  deletionProtection: (value) => typeof value === "boolean",
};
const acceptedKeys = Object.keys(rules);
const criteriaKeys = ["country", "contains", "excludePrefixes", "maxMonthlyFee", "maxSetupFee"];

const fee = fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.double({ min: 0, max: 1e9, noNaN: true }));
const validValues = {
  e164: fc.stringMatching(e164Pattern),
  country: fc.stringMatching(/^[A-Za-z]{2}$/),
  contains: fc.stringMatching(/^\+?[0-9]{1,15}$/),
  excludePrefixes: fc.array(orUnknown(fc.stringMatching(/^\+?[1-9][0-9]{0,14}$/)), { maxLength: 4 }),
  currency: fc.stringMatching(/^[A-Za-z]{3}$/),
  routingId: fc.oneof(fc.uuid(), fc.stringMatching(/^[0-9]{17}$/), fc.stringMatching(/^\S{1,40}$/)),
};

const common = {
  currency: orUnknown(validValues.currency),
  releaseMode: orUnknown(fc.constantFrom("standard", "immediate")),
  deletionProtection: orUnknown(fc.boolean()),
};
const routing = fc.oneof(
  fc.constant({}),
  orUnknown(validValues.routingId).map((trunkGroupId) => ({ trunkGroupId })),
  orUnknown(validValues.routingId).map((applicationId) => ({ applicationId })),
);

const exactInputs = fc
  .tuple(
    fc.record({ e164: orUnknown(validValues.e164), adopt: orUnknown(fc.boolean()), ...common }, { requiredKeys: ["e164"] }),
    routing,
  )
  .map(([inputs, route]): Record<string, unknown> => ({ ...inputs, ...route }));

const criteriaInputs = fc
  .tuple(
    fc.record(
      {
        country: orUnknown(validValues.country),
        contains: orUnknown(validValues.contains),
        excludePrefixes: orUnknown(validValues.excludePrefixes),
        maxMonthlyFee: orUnknown(fee),
        maxSetupFee: orUnknown(fee),
        adopt: fc.constant(false),
        ...common,
      },
      { requiredKeys: ["country"] },
    ),
    routing,
  )
  .map(([inputs, route]): Record<string, unknown> => ({ ...inputs, ...route }));

const validInputs = fc.oneof(exactInputs, criteriaInputs);

const nearMisses: Record<string, fc.Arbitrary<unknown>[]> = {
  e164: [
    validValues.e164.map((e164) => `${e164}\n`),
    validValues.e164.map((e164) => ` ${e164}`),
    validValues.e164.map((e164) => e164.slice(1)),
    validValues.e164.map((e164) => e164.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)))),
    fc.stringMatching(/^\+0[0-9]{6,14}$/),
    fc.stringMatching(/^\+[1-9][0-9]{15,20}$/),
    validValues.e164.map((e164) => [e164]),
  ],
  country: [fc.constantFrom("ß", "ıN", "ﬀ", "IND", "I", "I N", "１Ｎ"), validValues.country.map((c) => [c])],
  contains: [fc.constantFrom("", "+", "9 1", "80a", "٨٠"), fc.stringMatching(/^[0-9]{16,20}$/)],
  excludePrefixes: [
    fc.constantFrom<unknown>("9111", ["+0"], [""], ["91", 91], ["91x"], [null], [["91"]], { 0: "91", length: 1 }),
    fc.constant(Array.from({ length: 3 }) as unknown[]),
  ],
  maxMonthlyFee: [fc.constantFrom<unknown>("100", true, [100], { amount: 100 }), fc.double({ max: -Number.MIN_VALUE, noNaN: true })],
  maxSetupFee: [fc.constantFrom<unknown>("0", false, [0]), fc.double({ max: -Number.MIN_VALUE, noNaN: true })],
  currency: [fc.constantFrom("rupees", "IN", "INRR", "₹", "ıNR")],
  trunkGroupId: [fc.constantFrom("", " ", "tg 1", "tg\t1", "tg\u00a01", "\u2028")],
  applicationId: [fc.constantFrom("", "app 1", "\n")],
  adopt: [fc.constantFrom<unknown>("true", 1, 0, "false", [true])],
  releaseMode: [fc.constantFrom<unknown>("Standard", " immediate", "IMMEDIATE", "later", ["standard"])],
  deletionProtection: [fc.constantFrom<unknown>("yes", "true", 1, [false])],
};

// Each case starts from valid inputs and breaks them in one known way, so the property at fault is known.
const badValue = fc.constantFrom(...acceptedKeys).chain((property) => {
  const base = property === "e164" ? exactInputs : criteriaKeys.includes(property) ? criteriaInputs : validInputs;
  const other = property === "trunkGroupId" ? "applicationId" : property === "applicationId" ? "trunkGroupId" : undefined;
  return fc.tuple(base, invalidValue(rules[property]!, nearMisses[property])).map(
    ([inputs, value]): InvalidInputs => ({
      inputs: withOwn(other === undefined ? inputs : without(inputs, other), { [property]: value }),
      properties: [property],
      reason: /is not (valid|an E\.164 number).*expected/,
    }),
  );
});

const unknownProperty = fc.tuple(validInputs, unknownKey(acceptedKeys), fc.anything()).map(
  ([inputs, key, value]): InvalidInputs => ({
    inputs: withOwn(inputs, { [key]: value ?? null }),
    properties: [key],
    reason: /unknown property .*expected one of: e164, country/,
  }),
);

const absent = fc.constantFrom(undefined, null);

const neitherNumberNorCountry = fc.tuple(criteriaInputs, absent, absent).map(([inputs, e164, country]): InvalidInputs => {
  const rest = withOwn(without(inputs, "country"), { e164, country });
  const otherCriteria = criteriaKeys.some((key) => !isAbsent(rest[key]));
  return {
    inputs: rest,
    properties: [otherCriteria ? "country" : "e164"],
    reason: otherCriteria ? /country is required with search criteria/ : /either e164 .* or country .* is required/,
  };
});

const numberAndCriteria = fc.tuple(exactInputs, criteriaInputs, fc.constantFrom(...criteriaKeys)).map(([inputs, criteria, wanted]): InvalidInputs => {
  const key = wanted in criteria ? wanted : "country";
  return { inputs: { ...inputs, [key]: criteria[key] }, properties: ["e164"], reason: /either e164 .* or search criteria, not both; also set: / };
});

const trunkAndApplication = fc
  .tuple(validInputs, orUnknown(validValues.routingId), orUnknown(validValues.routingId))
  .map(([inputs, trunkGroupId, applicationId]): InvalidInputs => ({
    inputs: { ...inputs, trunkGroupId, applicationId },
    properties: ["applicationId"],
    reason: /a trunk or to an application, not both/,
  }));

const adoptWithoutNumber = criteriaInputs.map((inputs): InvalidInputs => ({
  inputs: { ...inputs, adopt: true },
  properties: ["adopt"],
  reason: /adopt manages a number the account already owns, so it needs e164/,
}));

// Inputs whose values are only inherited, or hidden under an own `__proto__` key, were not given.
const inheritedOnly = exactInputs.chain((inputs) =>
  fc.constantFrom<InvalidInputs>(
    { inputs: Object.create(inputs) as Record<string, unknown>, properties: ["e164"], reason: /either e164 .* is required/ },
    { inputs: withOwn({}, { ["__proto__"]: inputs }), properties: ["__proto__", "e164"], reason: /unknown property "__proto__"/ },
  ),
);

const invalidInputs = fc.oneof(
  { arbitrary: badValue, weight: 12 },
  { arbitrary: unknownProperty, weight: 3 },
  { arbitrary: neitherNumberNorCountry, weight: 1 },
  { arbitrary: numberAndCriteria, weight: 1 },
  { arbitrary: trunkAndApplication, weight: 1 },
  { arbitrary: adoptWithoutNumber, weight: 1 },
  { arbitrary: inheritedOnly, weight: 1 },
);

const upperAscii = (value: unknown): unknown =>
  typeof value === "string" && value !== UNKNOWN ? value.replace(/[a-z]/g, (letter) => letter.toUpperCase()) : value;

describe("PhoneNumber check, as the provider runs it, on generated inputs", () => {
  const emulator = useEmulatorInEnvironment();

  it("names the property at fault, with a short reason, for 10,000 invalid inputs, and never throws", async () => {
    await fc.assert(
      fc.asyncProperty(invalidInputs, async (invalid) => {
        assertRefusal((await phoneNumberOperations.check(undefined, undefined, invalid.inputs)).failures, invalid);
      }),
      { numRuns: 10_000 },
    );
  });

  it("accepts 2,000 valid inputs, unknown values included, and upper-cases only the codes", async () => {
    await fc.assert(
      fc.asyncProperty(validInputs, async (inputs) => {
        const result = await phoneNumberOperations.check(undefined, undefined, inputs);
        expect(result.failures).toEqual([]);
        const codes = Object.fromEntries(["country", "currency"].filter((key) => key in inputs).map((key) => [key, upperAscii(inputs[key])]));
        expect(result.inputs).toEqual({ ...inputs, ...codes });
      }),
      { numRuns: 2_000 },
    );
  });

  it("made no API call while checking, though one made with the same credentials is logged", async () => {
    await expectNoCallSoFar(emulator());
  });
});
