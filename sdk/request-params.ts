/** Sets the query parameter `name` to `value`, unless `value` is undefined. Never throws. */
export function setNumber(query: URLSearchParams, name: string, value: number | undefined): void {
  if (value !== undefined) query.set(name, String(value));
}

/** `value` trimmed; throws a `TypeError` naming the argument when it is not a non-empty string. */
export function requireId(name: string, value: string): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new TypeError(`${name} must be a non-empty string; got ${JSON.stringify(value)}.`);
  }
  return value.trim();
}
