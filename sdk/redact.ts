// Square brackets, not Vobiz's own "<redacted>": the SDK reads a text error body with its markup
// stripped, and an angle-bracketed placeholder would vanish with it.
/** What a secret is replaced with wherever text could carry it. */
export const REDACTED = "[redacted]";

/**
 * Replaces every occurrence of each of `secrets`, as written and percent-encoded (a token echoed in a URL),
 * with `[redacted]`, so that text coming from outside (an error page echoing request headers, a socket
 * error, a request path) cannot carry a token into a message or a log. Empty and undefined secrets are
 * skipped. Never throws.
 */
export function redact(text: string, secrets: string | undefined | readonly (string | undefined)[]): string {
  let result = text;
  for (const secret of typeof secrets === "string" || secrets === undefined ? [secrets] : secrets) {
    if (secret === undefined || secret === "") continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) result = result.split(form).join(REDACTED);
  }
  return result;
}
