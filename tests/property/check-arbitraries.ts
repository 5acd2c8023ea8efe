import fc from "fast-check";

/** The engine's placeholder for a value not known yet during a preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Inputs a `check` must refuse, the properties it must name, and words its reason must contain. */
export interface InvalidInputs {
  inputs: Record<string, unknown>;
  properties: string[];
  reason: RegExp;
}

/** Absent, as Pulumi sees an input: undefined or null. */
export const isAbsent = (value: unknown): boolean => value === undefined || value === null;

/** Inputs with `extra` added as own properties, so that even `__proto__` is a key rather than a prototype. */
export function withOwn(base: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
  const inputs = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    Object.defineProperty(inputs, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return inputs;
}

/** Inputs without the given keys. */
export function without(base: Record<string, unknown>, ...keys: string[]): Record<string, unknown> {
  const inputs = { ...base };
  for (const key of keys) delete inputs[key];
  return inputs;
}

function circular(): Record<string, unknown> {
  const value: Record<string, unknown> = { e164: "+918065550001" };
  value["self"] = value;
  return value;
}

// Values no generator below reaches by chance: ones that break JSON.stringify or throw when touched.
const hostileObjects = fc.constantFrom<unknown>(
  circular(),
  {
    toJSON() {
      throw new Error("toJSON exploded");
    },
  },
  Object.defineProperty({}, "boom", {
    enumerable: true,
    get() {
      throw new Error("getter exploded");
    },
  }),
  Object.create(null) as unknown,
  () => "+918065550001",
  Symbol("e164"),
  10n ** 30n,
  new Date(Number.NaN),
);

const hugeString = fc
  .tuple(fc.string({ unit: "grapheme", minLength: 1, maxLength: 3 }), fc.integer({ min: 10_000, max: 300_000 }))
  .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)));

const specialNumbers = fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, -1, -Number.MIN_VALUE, Number.MAX_VALUE, -Number.MAX_SAFE_INTEGER);

const unknownInOddPlaces = fc.constantFrom<unknown>(
  [UNKNOWN],
  [UNKNOWN, 42],
  { value: UNKNOWN },
  { [UNKNOWN]: UNKNOWN },
  `${UNKNOWN} `,
  ` ${UNKNOWN}`,
  UNKNOWN.toUpperCase(),
  `+${UNKNOWN}`,
  [[UNKNOWN]],
);

const prototypeKeys = fc.constantFrom("__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty", "__defineGetter__");

const pollutingObjects = fc
  .tuple(prototypeKeys, fc.jsonValue())
  .map(([key, value]) => JSON.parse(`{${JSON.stringify(key)}: ${JSON.stringify(value ?? null)}}`) as unknown);

const everyKindOfValue = {
  withBigInt: true,
  withNullPrototype: true,
  withSparseArray: true,
  withUnicodeString: true,
  withBoxedValues: true,
  withMap: true,
  withSet: true,
  withDate: true,
  withTypedArray: true,
  withObjectString: true,
};

/**
 * Any value at all, weighted towards the ones that break validators: wrong types, nested objects, huge and
 * unicode strings, NaN and Infinity, lists where a string belongs, prototype keys, and the unknown placeholder
 * where it does not belong.
 */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.anything(everyKindOfValue), weight: 4 },
  { arbitrary: fc.string({ unit: "grapheme", maxLength: 30 }), weight: 3 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 30 }), weight: 2 },
  { arbitrary: hugeString, weight: 1 },
  { arbitrary: specialNumbers, weight: 2 },
  { arbitrary: fc.double(), weight: 1 },
  { arbitrary: fc.array(fc.string(), { minLength: 1, maxLength: 3 }), weight: 1 },
  { arbitrary: unknownInOddPlaces, weight: 2 },
  { arbitrary: pollutingObjects, weight: 1 },
  { arbitrary: hostileObjects, weight: 1 },
);

/** Any value that is given (not undefined or null), is not the unknown placeholder, and that `isValid` refuses. */
export function invalidValue(isValid: (value: unknown) => boolean, nearMisses: fc.Arbitrary<unknown>[] = []): fc.Arbitrary<unknown> {
  const candidates = nearMisses.length === 0 ? hostileValue : fc.oneof(hostileValue, ...nearMisses);
  return candidates.filter((value) => !isAbsent(value) && value !== UNKNOWN && !isValid(value));
}

/** A property name no resource accepts: prototype keys, the placeholder, near-misses of real names, any string. */
export function unknownKey(accepted: readonly string[]): fc.Arbitrary<string> {
  return fc
    .oneof(
      prototypeKeys,
      fc.constantFrom(UNKNOWN, "", " ", "E164", "e164 ", "Country", "trunkGroupID", "areaCode", "authToken", "id", "urn", "__provider "),
      fc.string({ unit: "grapheme", maxLength: 20 }),
      hugeString.map((key) => key.slice(0, 20_000)),
    )
    .filter((key) => key !== "__provider" && !accepted.includes(key));
}

/** The value, or sometimes the unknown placeholder, as a preview with unresolved outputs sends it. */
export function orUnknown<T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | typeof UNKNOWN> {
  return fc.oneof({ arbitrary, weight: 5 }, { arbitrary: fc.constant(UNKNOWN), weight: 1 });
}

/** True for a string matching the pattern; the shape every string rule of `check` has. */
export const stringMatching =
  (pattern: RegExp) =>
  (value: unknown): boolean =>
    typeof value === "string" && pattern.test(value);

/** An E.164 number as docs/api-notes.md defines it: "+", a non-zero digit, then 6 to 14 digits. */
export const e164Pattern = /^\+[1-9][0-9]{6,14}$/;

/**
 * Throws, saying what differs, unless the failures name exactly `expected.properties`, one reason matches
 * `expected.reason`, and every reason is short and on one line. Plain comparisons rather than `expect`, which would be most of
 * the time of 10,000 runs; fast-check reports the input and the seed with the thrown message.
 */
export function assertRefusal(failures: readonly { property: string; reason: string }[], expected: InvalidInputs): void {
  const named = [...new Set(failures.map((f) => f.property))].sort();
  const wanted = [...new Set(expected.properties)].sort();
  if (JSON.stringify(named) !== JSON.stringify(wanted)) {
    throw new Error(`expected failures naming ${JSON.stringify(wanted)}, got ${JSON.stringify(failures)}`);
  }
  if (!failures.some((f) => expected.reason.test(f.reason))) {
    throw new Error(`expected a reason matching ${expected.reason}, got ${JSON.stringify(failures)}`);
  }
  const long = failures.find((f) => f.reason.length >= 500);
  if (long !== undefined) throw new Error(`a reason of ${long.reason.length} characters: ${long.reason.slice(0, 200)}…`);
  const broken = failures.find((f) => /[\n\r\u2028\u2029]/.test(f.reason));
  if (broken !== undefined) throw new Error(`a reason on more than one line: ${JSON.stringify(broken.reason)}`);
}
