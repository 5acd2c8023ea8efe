const E164 = /^\+[1-9]\d{6,14}$/;

// Separators people paste from spreadsheets and phone UIs; never meaningful in E.164.
const SEPARATORS = /[\s\-().]/g;

/**
 * Tells whether `value` is an E.164 number as Vobiz expects it: `+`, a non-zero
 * digit, then 6 to 14 more digits (e.g. `+919876543210`). Never throws.
 */
export function isE164(value: unknown): value is string {
  return typeof value === "string" && E164.test(value);
}

/**
 * Returns `input` in canonical E.164 form, with spaces, dashes, dots and
 * parentheses removed (`"+91 98765-43210"` → `"+919876543210"`).
 * Throws a `TypeError` naming the value when the result is still not E.164,
 * before any request is sent.
 */
export function normalizeE164(input: string): string {
  const candidate = typeof input === "string" ? input.replace(SEPARATORS, "") : input;
  if (!isE164(candidate)) {
    throw new TypeError(
      `${JSON.stringify(input)} is not an E.164 phone number: expected "+", the country code and the number, 7 to 15 digits in all (e.g. "+919876543210").`,
    );
  }
  return candidate;
}
