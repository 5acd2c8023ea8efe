import fc from "fast-check";
import { expectNoCallSoFar, useEmulatorInEnvironment } from "./emulator-in-environment";
import { subAccountAssignmentOperations } from "../../provider/runtime";
import {
  assertRefusal,
  e164Pattern,
  invalidValue,
  orUnknown,
  stringMatching,
  unknownKey,
  withOwn,
  without,
  type InvalidInputs,
} from "./check-arbitraries";

// Restated from the README's SubAccountAssignment table, so that the test does not borrow provider/'s rules.
const rules: Record<string, (value: unknown) => boolean> = {
  e164: stringMatching(e164Pattern),
  subAccountId: stringMatching(/^SA_[A-Za-z0-9]+$/),
  force: (value) => typeof value === "boolean",
  coolOffWaitSeconds: (value) => typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= 3600,
};
const acceptedKeys = Object.keys(rules);
const requiredKeys: ("e164" | "subAccountId")[] = ["e164", "subAccountId"];

const validInputs = fc.record(
  {
    e164: orUnknown(fc.stringMatching(e164Pattern)),
    subAccountId: orUnknown(fc.stringMatching(/^SA_[A-Za-z0-9]{1,16}$/)),
    force: orUnknown(fc.boolean()),
    coolOffWaitSeconds: orUnknown(fc.oneof(fc.integer({ min: 0, max: 3600 }), fc.double({ min: 0, max: 3600, noNaN: true }))),
  },
  { requiredKeys },
);

const nearMisses: Record<string, fc.Arbitrary<unknown>[]> = {
  e164: [fc.constantFrom("918065550001", "+91 80 6555 0001", "+０９１８０６５５５０００１", "+0918065550001", "+918065550001\n")],
  subAccountId: [
    fc.stringMatching(/^MA_[A-Za-z0-9]{1,12}$/),
    fc.constantFrom("SA_", "sa_DEMO0001", "SA_DEMO-0001", " SA_DEMO0001", "SA_DEMO0001\n", "SA_ＤＥＭＯ", ["SA_DEMO0001"]),
  ],
  force: [fc.constantFrom<unknown>("true", 1, "yes", [true])],
  coolOffWaitSeconds: [
    fc.double({ min: 3600, minExcluded: true, noNaN: true, noDefaultInfinity: true }),
    fc.integer({ min: 3601 }),
    fc.double({ max: -Number.MIN_VALUE, noNaN: true }),
    fc.constantFrom<unknown>("60", 15 * 86_400, [60]),
  ],
};

// Each case starts from valid inputs and breaks them in one known way, so the property at fault is known.
const badValue = fc.constantFrom(...acceptedKeys).chain((property) =>
  fc.tuple(validInputs, invalidValue(rules[property]!, nearMisses[property])).map(
    ([inputs, value]): InvalidInputs => ({
      inputs: withOwn(inputs, { [property]: value }),
      properties: [property],
      reason: /is not (valid|an E\.164 number).*expected|is more than 3600, the longest \(one hour\)/,
    }),
  ),
);

const missing = fc
  .tuple(validInputs, fc.subarray(requiredKeys, { minLength: 1 }), fc.constantFrom("deleted", undefined, null))
  .map(([inputs, keys, how]): InvalidInputs => ({
    inputs: how === "deleted" ? without(inputs, ...keys) : withOwn(inputs, Object.fromEntries(keys.map((key) => [key, how]))),
    properties: keys,
    reason: /is required/,
  }));

const unknownProperty = fc.tuple(validInputs, unknownKey(acceptedKeys), fc.anything()).map(
  ([inputs, key, value]): InvalidInputs => ({
    inputs: withOwn(inputs, { [key]: value ?? null }),
    properties: [key],
    reason: /unknown property .*expected one of: e164, subAccountId, force, coolOffWaitSeconds/,
  }),
);

// Inputs whose values are only inherited, or hidden under an own `__proto__` key, were not given.
const inheritedOnly = validInputs.chain((inputs) =>
  fc.constantFrom<InvalidInputs>(
    { inputs: Object.create(inputs) as Record<string, unknown>, properties: requiredKeys, reason: /e164 is required/ },
    { inputs: withOwn({}, { ["__proto__"]: inputs }), properties: ["__proto__", ...requiredKeys], reason: /unknown property "__proto__"/ },
  ),
);

const invalidInputs = fc.oneof(
  { arbitrary: badValue, weight: 8 },
  { arbitrary: missing, weight: 2 },
  { arbitrary: unknownProperty, weight: 2 },
  { arbitrary: inheritedOnly, weight: 1 },
);

describe("SubAccountAssignment check, as the provider runs it, on generated inputs", () => {
  const emulator = useEmulatorInEnvironment();

  it("names the property at fault, with a short reason, for 10,000 invalid inputs, and never throws", async () => {
    await fc.assert(
      fc.asyncProperty(invalidInputs, async (invalid) => {
        assertRefusal((await subAccountAssignmentOperations.check(undefined, undefined, invalid.inputs)).failures, invalid);
      }),
      { numRuns: 10_000 },
    );
  });

  it("accepts 2,000 valid inputs, unknown values included, and passes them on unchanged", async () => {
    await fc.assert(
      fc.asyncProperty(validInputs, async (inputs) => {
        const result = await subAccountAssignmentOperations.check(undefined, undefined, inputs);
        expect(result.failures).toEqual([]);
        expect(result.inputs).toEqual(inputs);
      }),
      { numRuns: 2_000 },
    );
  });

  it("made no API call while checking, though one made with the same credentials is logged", async () => {
    await expectNoCallSoFar(emulator());
  });
});
