import type { z } from "zod";

/** One rejected input, in the shape Pulumi shows next to the property. */
export interface CheckFailure {
  property: string;
  reason: string;
}

// The engine's placeholder for a value that is not known yet (a preview with unresolved outputs).
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

// A reason quotes the value it refuses; a huge value is cut so that the message stays readable.
const QUOTE_LIMIT = 60;

/** Tells whether a value is still unknown during a preview, or is a list holding an unknown item. */
export function isUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  return Array.isArray(value) && value.some((item) => item === UNKNOWN);
}

/** Tells whether an input was given at all (unknown counts as given). */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/**
 * Shows a refused value in a reason: JSON for plain data, `NaN` and `Infinity` by name, anything else by its
 * kind, cut to a few dozen characters. Never throws, whatever the value.
 */
export function quote(value: unknown): string {
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "string") return oneLine(JSON.stringify(truncate(value)));
  if (value === undefined) return "undefined";
  if (typeof value === "function" || typeof value === "symbol") return `a ${typeof value}`;
  try {
    return oneLine(truncate(JSON.stringify(value)));
  } catch {
    return Array.isArray(value) ? "a list" : "an object";
  }
}

// JSON leaves the Unicode line and paragraph separators as they are; escaped, a reason stays on one line.
function oneLine(json: string): string {
  return json.replace(/[\u2028\u2029]/g, (separator) => `\\u${separator.charCodeAt(0).toString(16)}`);
}

// Cut by code points, so a cut never splits a surrogate pair; no more than twice the limit in UTF-16 units is read.
function truncate(text: string): string {
  if (text.length <= QUOTE_LIMIT) return text;
  const characters = Array.from(text.slice(0, QUOTE_LIMIT * 2));
  return characters.length <= QUOTE_LIMIT && text.length <= QUOTE_LIMIT * 2 ? text : `${characters.slice(0, QUOTE_LIMIT).join("")}…`;
}

// Marks a failure raised by a rule across inputs (`refuseCombination`), so that `followsRules` keeps it even
// when the property it names is not known yet: "e164 or criteria, not both" holds whatever e164 turns out to be.
const ACROSS_INPUTS = "acrossInputs";

/**
 * Refuses a combination of inputs from a schema's rule across its properties (`superRefine`), naming the
 * property at fault with a reason that stands alone.
 */
export function refuseCombination(ctx: z.core.$RefinementCtx, property: string, reason: string): void {
  ctx.addIssue({ code: "custom", path: [property], message: reason, params: { [ACROSS_INPUTS]: true } });
}

function isAcrossInputs(issue: z.core.$ZodIssue): boolean {
  return issue.code === "custom" && issue.params?.[ACROSS_INPUTS] === true;
}

/**
 * Collects failures for one resource's inputs. Only the inputs' own properties count: a value reached
 * through the prototype chain was not given.
 */
export class CheckFailures {
  readonly list: CheckFailure[] = [];

  constructor(private readonly inputs: Record<string, unknown>) {}

  fail(property: string, reason: string): void {
    this.list.push({ property, reason });
  }

  /**
   * Holds the inputs to a resource's schema of inputs (its input-schema.ts): one failure per unknown key, per
   * value its property's rule refuses (one for a list, naming its first bad item), and per rule across inputs
   * broken. The schema's messages are the reasons. A value, or list item, unknown during a preview is judged
   * when it is known; null is an input not given, as the engine sends one.
   */
  followsRules(schema: z.ZodObject): void {
    const keys = Object.keys(schema.shape);
    const given: Record<string, unknown> = {};
    for (const key of Object.keys(this.inputs)) {
      const value = this.inputs[key];
      // Output names are seeded as undefined by the resource classes so they are declared; they are not inputs.
      if (key === "__provider" || value === undefined || (value === null && keys.includes(key))) continue;
      // Defined rather than assigned, so that an own `__proto__` key stays a key (and is refused as unknown).
      Object.defineProperty(given, key, { value, enumerable: true, writable: true, configurable: true });
    }
    const issues = schema.safeParse(given).error?.issues ?? [];
    for (const issue of issues) {
      if (issue.code !== "unrecognized_keys") continue;
      for (const key of issue.keys) this.fail(key, `unknown property ${quote(key)}; expected one of: ${keys.join(", ")}`);
    }
    const badItems = new Map<string, { failure: CheckFailure; count: number }>();
    for (const issue of issues) {
      const [property, item] = issue.path;
      if (issue.code === "unrecognized_keys" || typeof property !== "string") continue;
      if (isAcrossInputs(issue)) {
        this.fail(property, issue.message);
        continue;
      }
      const value = given[property];
      if (value === UNKNOWN) continue;
      if (typeof item !== "number" || !Array.isArray(value)) {
        this.fail(property, issue.message);
        continue;
      }
      if (value[item] === UNKNOWN) continue;
      const seen = badItems.get(property);
      if (seen !== undefined) {
        seen.count += 1;
        continue;
      }
      const failure = { property, reason: issue.message };
      this.list.push(failure);
      badItems.set(property, { failure, count: 1 });
    }
    for (const { failure, count } of badItems.values()) {
      if (count > 1) failure.reason += ` (and ${count - 1} more bad ${count === 2 ? "item" : "items"})`;
    }
  }
}
