import { isE164 } from "../sdk";

/** One rejected input, in the shape Pulumi shows next to the property. */
export interface CheckFailure {
  property: string;
  reason: string;
}

// The engine's placeholder for a value that is not known yet (a preview with unresolved outputs).
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Tells whether a value is still unknown during a preview, so it must not be judged yet. */
export function isUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  return Array.isArray(value) && value.some((item) => item === UNKNOWN);
}

/** Tells whether an input was given at all (unknown counts as given). */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/**
 * Collects failures for one resource's inputs. Every rule skips absent and unknown values, so a preview
 * with unresolved inputs is judged only on what is known.
 */
export class CheckFailures {
  readonly list: CheckFailure[] = [];

  constructor(private readonly inputs: Record<string, unknown>) {}

  fail(property: string, reason: string): void {
    this.list.push({ property, reason });
  }

  private known(property: string): unknown {
    const value = this.inputs[property];
    return isSet(value) && !isUnknown(value) ? value : undefined;
  }

  onlyKeys(allowed: readonly string[]): void {
    for (const key of Object.keys(this.inputs)) {
      // Output names are seeded as undefined by the resource classes so they are declared; they are not inputs.
      if (key !== "__provider" && !allowed.includes(key) && this.inputs[key] !== undefined) {
        this.fail(key, `unknown property "${key}"; expected one of: ${allowed.join(", ")}`);
      }
    }
  }

  e164(property: string): void {
    const value = this.known(property);
    if (value !== undefined && !isE164(value)) {
      this.fail(property, `${JSON.stringify(value)} is not an E.164 number: expected "+", the country code and 7 to 15 digits in all, e.g. "+918065551234"`);
    }
  }

  matches(property: string, pattern: RegExp, expected: string): void {
    const value = this.known(property);
    if (value !== undefined && (typeof value !== "string" || !pattern.test(value))) {
      this.fail(property, `${JSON.stringify(value)} is not valid: expected ${expected}`);
    }
  }

  nonNegativeNumber(property: string): void {
    const value = this.known(property);
    if (value !== undefined && (typeof value !== "number" || !Number.isFinite(value) || value < 0)) {
      this.fail(property, `${JSON.stringify(value)} is not valid: expected a number of 0 or more`);
    }
  }

  /** Refuses a number above `max`; `why` says what the limit is for. */
  atMost(property: string, max: number, why: string): void {
    const value = this.known(property);
    if (typeof value === "number" && value > max) {
      this.fail(property, `${JSON.stringify(value)} is more than ${max}, ${why}`);
    }
  }

  boolean(property: string): void {
    const value = this.known(property);
    if (value !== undefined && typeof value !== "boolean") {
      this.fail(property, `${JSON.stringify(value)} is not valid: expected true or false`);
    }
  }

  oneOf(property: string, allowed: readonly string[]): void {
    const value = this.known(property);
    if (value !== undefined && !allowed.includes(value as string)) {
      this.fail(property, `${JSON.stringify(value)} is not valid: expected one of ${allowed.map((a) => `"${a}"`).join(", ")}`);
    }
  }

  stringList(property: string, pattern: RegExp, expected: string): void {
    const value = this.known(property);
    if (value === undefined) return;
    if (!Array.isArray(value)) {
      this.fail(property, `expected a list of ${expected}`);
      return;
    }
    value.forEach((item, index) => {
      if (!isUnknown(item) && (typeof item !== "string" || !pattern.test(item))) {
        this.fail(property, `item ${index} (${JSON.stringify(item)}) is not valid: expected ${expected}`);
      }
    });
  }
}
