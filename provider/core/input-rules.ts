import { z } from "zod";
import { isE164 } from "../../sdk";
import { quote } from "./check-failures";

// The rules the resources' inputs share, as zod schemas whose messages are the reasons `check` reports: each
// names the value it refuses and what was expected. A message is built from the issue, as zod raises it.

interface RefusedValue {
  input?: unknown;
  path?: PropertyKey[] | undefined;
}

const notValid =
  (expected: string) =>
  (issue: RefusedValue): string =>
    `${quote(issue.input)} is not valid: expected ${expected}`;

// A required property the inputs leave out reaches its schema as undefined; the reason then says what it is for.
const orRequired =
  (requiredReason: string | undefined, reason: (issue: RefusedValue) => string) =>
  (issue: RefusedValue): string =>
    issue.input === undefined && requiredReason !== undefined ? requiredReason : reason(issue);

/** One number in E.164 form: "+", a non-zero digit, 6 to 14 more digits. `requiredReason` is the reason when it is left out. */
export function e164Number(requiredReason?: string) {
  const error = orRequired(
    requiredReason,
    (issue) => `${quote(issue.input)} is not an E.164 number: expected "+", the country code and 7 to 15 digits in all, e.g. "+918065551234"`,
  );
  return z.string({ error }).refine(isE164, { error });
}

/** Text matching `pattern`; `expected` says what it should be, and `requiredReason` why it may not be left out. */
export function textMatching(pattern: RegExp, expected: string, requiredReason?: string) {
  const error = orRequired(requiredReason, notValid(expected));
  return z.string({ error }).regex(pattern, { error });
}

/** A list of texts matching `pattern`; a bad item is named by its index, as `item 1 ("91x") is not valid: …`. */
export function textList(pattern: RegExp, expected: string) {
  const itemError = (issue: RefusedValue): string => `item ${String(issue.path?.at(-1))} (${quote(issue.input)}) is not valid: expected ${expected}`;
  return z.array(z.string({ error: itemError }).regex(pattern, { error: itemError }), { error: notValid(`a list of ${expected}`) });
}

/** A finite number of 0 or more (NaN and Infinity are refused). */
export function nonNegativeNumber() {
  const error = notValid("a number of 0 or more");
  return z.number({ error }).min(0, { error });
}

/** true or false. */
export function trueOrFalse() {
  return z.boolean({ error: notValid("true or false") });
}

/** One of the texts in `allowed`. */
export function oneOf<const T extends readonly [string, ...string[]]>(allowed: T) {
  return z.enum(allowed, { error: notValid(`one of ${allowed.map((value) => `"${value}"`).join(", ")}`) });
}

/**
 * The object schema of a resource's inputs: `shape`, no other key, and `rules` across its properties, which
 * raise their failures with `refuseCombination`. The rules run even when a property's own rule refused its
 * value, so `check` reports every failure at once; they see the values as given, so they test presence
 * (`isSet`) and exact values, never a type.
 */
export function inputsObject<Shape extends z.ZodRawShape>(shape: Shape, rules: (inputs: Record<string, unknown>, ctx: z.core.$RefinementCtx) => void = () => {}) {
  return z.strictObject(shape).superRefine((inputs, ctx) => rules(inputs, ctx), { when: () => true });
}
