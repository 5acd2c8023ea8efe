import { isE164 } from "../../sdk";

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

/**
 * Collects failures for one resource's inputs. Every rule skips absent and unknown values, so a preview
 * with unresolved inputs is judged only on what is known. Only the inputs' own properties count: a value
 * reached through the prototype chain was not given.
 */
export class CheckFailures {
  readonly list: CheckFailure[] = [];

  constructor(private readonly inputs: Record<string, unknown>) {}

  fail(property: string, reason: string): void {
    this.list.push({ property, reason });
  }

  /** The value given for a property, or undefined when the inputs have none of their own. */
  given(property: string): unknown {
    return Object.hasOwn(this.inputs, property) ? this.inputs[property] : undefined;
  }

  // Only the placeholder itself is unknown here: a list is judged item by item (`stringList`), and a list or
  // object given where a single value belongs is wrong whatever it holds.
  private known(property: string): unknown {
    const value = this.given(property);
    return isSet(value) && value !== UNKNOWN ? value : undefined;
  }

  onlyKeys(allowed: readonly string[]): void {
    for (const key of Object.keys(this.inputs)) {
      // Output names are seeded as undefined by the resource classes so they are declared; they are not inputs.
      if (key !== "__provider" && !allowed.includes(key) && this.inputs[key] !== undefined) {
        this.fail(key, `unknown property ${quote(key)}; expected one of: ${allowed.join(", ")}`);
      }
    }
  }

  required(property: string, reason: string): void {
    if (!isSet(this.given(property))) this.fail(property, reason);
  }

  e164(property: string): void {
    const value = this.known(property);
    if (value !== undefined && !isE164(value)) {
      this.fail(property, `${quote(value)} is not an E.164 number: expected "+", the country code and 7 to 15 digits in all, e.g. "+918065551234"`);
    }
  }

  matches(property: string, pattern: RegExp, expected: string): void {
    const value = this.known(property);
    if (value !== undefined && (typeof value !== "string" || !pattern.test(value))) {
      this.fail(property, `${quote(value)} is not valid: expected ${expected}`);
    }
  }

  nonNegativeNumber(property: string): void {
    const value = this.known(property);
    if (value !== undefined && (typeof value !== "number" || !Number.isFinite(value) || value < 0)) {
      this.fail(property, `${quote(value)} is not valid: expected a number of 0 or more`);
    }
  }

  /** Refuses a finite number above `max` (`nonNegativeNumber` refuses the others); `why` says what the limit is for. */
  atMost(property: string, max: number, why: string): void {
    const value = this.known(property);
    if (typeof value === "number" && Number.isFinite(value) && value > max) {
      this.fail(property, `${quote(value)} is more than ${max}, ${why}`);
    }
  }

  boolean(property: string): void {
    const value = this.known(property);
    if (value !== undefined && typeof value !== "boolean") {
      this.fail(property, `${quote(value)} is not valid: expected true or false`);
    }
  }

  oneOf(property: string, allowed: readonly string[]): void {
    const value = this.known(property);
    if (value !== undefined && !allowed.includes(value as string)) {
      this.fail(property, `${quote(value)} is not valid: expected one of ${allowed.map((a) => `"${a}"`).join(", ")}`);
    }
  }

  /** Refuses anything but a list whose items (unknown ones aside) match; one failure names the first bad item. */
  stringList(property: string, pattern: RegExp, expected: string): void {
    const value = this.known(property);
    if (value === undefined) return;
    if (!Array.isArray(value)) {
      this.fail(property, `${quote(value)} is not valid: expected a list of ${expected}`);
      return;
    }
    // A counted loop, not forEach: a hole in a sparse list is a missing item, not one to skip.
    const bad: number[] = [];
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index];
      if (item !== UNKNOWN && (typeof item !== "string" || !pattern.test(item))) bad.push(index);
    }
    const [first] = bad;
    if (first === undefined) return;
    const more = bad.length === 1 ? "" : ` (and ${bad.length - 1} more bad ${bad.length === 2 ? "item" : "items"})`;
    this.fail(property, `item ${first} (${quote(value[first])}) is not valid: expected ${expected}${more}`);
  }
}
