import type { ErrorBody } from "./error-body";
import { ConnectionError, type ErrorFields, type RequestContext, type VobizError } from "./errors";

// The sentences every SDK error message is made of. A message must stand alone, because Pulumi shows
// only `message`: what was attempted, what Vobiz said, what to do, and the request it was about.

/** The advice of a write whose answer never came or could not be read. */
export const UNKNOWN_OUTCOME_ADVICE = "The change may or may not have been applied: check the number's current state before running again.";

/** A short description of what went wrong with a request, for messages that quote an earlier error. */
export function reasonOf(error: VobizError): string {
  if (error instanceof ConnectionError) return error.timedOut ? "timed out" : `no answer: ${error.code ?? "connection failed"}`;
  const detail = error.apiMessage ?? error.code;
  return detail === undefined ? `HTTP ${error.status ?? "error"}` : `HTTP ${error.status ?? "error"}: ${detail}`;
}

/**
 * What Vobiz said, as a clause: `Vobiz answered 409 <code> "<message>"`. A machine code reads as a code; a
 * sentence in `error` (cancel-release's `{"error": "number not found"}`) reads as the message.
 */
export function vobizSaid(status: number, body: ErrorBody): string {
  const isMachineCode = body.code !== undefined && /^[\w.-]+$/.test(body.code);
  const code = isMachineCode ? ` ${body.code}` : "";
  const message = body.message ?? (isMachineCode ? undefined : body.code);
  return message === undefined ? `Vobiz answered ${status}${code} with no explanation` : `Vobiz answered ${status}${code} "${message}"`;
}

/** Puts a message together: `<action> <what> <advice> [<method> <path> → <answer>, after <n> attempts]`. */
export function compose(context: RequestContext, what: string, advice: string, fields: ErrorFields, outcome?: string): string {
  const answer = outcome ?? ([fields.status, fields.code].filter((p) => p !== undefined).join(" ") || "no response");
  const attempts = context.attempts !== undefined && context.attempts > 1 ? `, after ${context.attempts} attempts` : "";
  return `${context.action} ${what} ${advice} [${context.method} ${context.path} → ${answer}${attempts}]`;
}

/** Whether the request may have changed something: anything but a GET. */
export function isWrite(context: RequestContext): boolean {
  return context.method !== "GET";
}
