import type { PhoneNumberInputs } from "./inputs";

/** The criteria of a `PhoneNumber` in words, for messages: "country IN, containing 9180, …". Never throws. */
export function describeCriteria(criteria: PhoneNumberInputs): string {
  const parts = [`country ${criteria.country}`];
  if (criteria.contains) parts.push(`containing ${criteria.contains}`);
  if (criteria.excludePrefixes?.length) parts.push(`not starting with ${criteria.excludePrefixes.join(", ")}`);
  if (criteria.maxMonthlyFee !== undefined) parts.push(`monthly fee at most ${criteria.maxMonthlyFee}`);
  if (criteria.maxSetupFee !== undefined) parts.push(`setup fee at most ${criteria.maxSetupFee}`);
  return parts.join(", ");
}
