/**
 * Replaces every occurrence of `secret` in `text` with `[redacted]`, so that
 * text coming from outside (an error page echoing request headers, a socket
 * error) cannot carry the auth token into an error message. Never throws.
 */
export function redact(text: string, secret: string): string {
  return secret.length === 0 ? text : text.split(secret).join("[redacted]");
}
