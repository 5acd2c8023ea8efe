import { formatDuration } from "./duration";
import { parseErrorBody, type ErrorBody } from "./error-body";

// Every error here is built from chosen fields only. An AxiosError is never
// kept, not even as `cause`: `util.inspect` of one prints the request headers,
// X-Auth-Token included.

/** Per-status advice an operation gives the user, used instead of the generic one. */
export type ErrorHints = Partial<Record<400 | 402 | 403 | 404 | 409, string>>;

/** What the SDK was doing when an error happened; every message is built from it. */
export interface RequestContext {
  /** What was attempted, as a sentence start: "Releasing +919876543210 from MA_X". */
  action: string;
  /** The account whose credentials were used. */
  account: string;
  method: string;
  /** The request path (no host, no query). */
  path: string;
  /** How many times the request was sent, retries included. */
  attempts?: number;
  hints?: ErrorHints;
}

interface ErrorFields {
  method: string;
  path: string;
  status?: number | undefined;
  code?: string | undefined;
  apiMessage?: string | undefined;
}

/**
 * Base of every error the SDK throws for a Vobiz call. Carries the HTTP
 * `status` (absent when no answer came), the API's `code` and `apiMessage`,
 * the request `method` and `path`, and whether the same request may succeed
 * later without any change (`retryable`). The message stands alone: what was
 * attempted, what Vobiz said, and what to do. Thrown as is (not a subclass)
 * for answers no subclass describes, such as an unexpected redirect.
 */
export class VobizError extends Error {
  declare readonly status?: number;
  declare readonly code?: string;
  declare readonly apiMessage?: string;
  readonly method: string;
  readonly path: string;
  readonly retryable: boolean = false;

  constructor(message: string, fields: ErrorFields) {
    super(message);
    this.name = new.target.name;
    this.method = fields.method;
    this.path = fields.path;
    // Absent fields stay absent (not `undefined`), so util.inspect shows only what is known.
    if (fields.status !== undefined) Object.assign(this, { status: fields.status });
    if (fields.code !== undefined) Object.assign(this, { code: fields.code });
    if (fields.apiMessage !== undefined) Object.assign(this, { apiMessage: fields.apiMessage });
  }
}

/** Raised on a 400: Vobiz found the request invalid for the number's current state (e.g. already on a trunk). */
export class BadRequestError extends VobizError {}

/** Raised on a 401: the auth ID and token are wrong, revoked, or do not belong together. */
export class UnauthorizedError extends VobizError {}

/** Raised on a 403: the account may not act on this number, or lacks the role (e.g. force without admin). */
export class ForbiddenError extends VobizError {}

/** Raised on a 404: the number, sub-account or route does not exist for this account. */
export class NotFoundError extends VobizError {}

/** Raised on a 409 other than the sub-account cool-off: the request conflicts with the current state. */
export class ConflictError extends VobizError {}

/** Raised on a 5xx that reconciliation could not resolve; retryable when 502, 503 or 504. */
export class ServerError extends VobizError {
  override readonly retryable: boolean = this.status === 502 || this.status === 503 || this.status === 504;
}

/**
 * Raised on the 409 `did_cool_off_in_effect` of an unassign: the number took a
 * call within the last 15 days. `coolOffUntil` is when the unassign will be
 * accepted; retryable then, or now with `force: true` and admin credentials.
 */
export class CoolOffError extends VobizError {
  override readonly retryable = true;
  constructor(
    message: string,
    fields: ErrorFields,
    readonly coolOffUntil: Date,
    readonly remainingSeconds: number,
  ) {
    super(message, fields);
  }
}

/**
 * Raised on a 429 once the retry budget (maxRetries / retryDeadlineMs) is spent.
 * `retryAfterMs` is Vobiz's `Retry-After`, when it sent one.
 */
export class RateLimitedError extends VobizError {
  override readonly retryable = true;
  declare readonly retryAfterMs?: number;
  constructor(message: string, fields: ErrorFields, retryAfterMs: number | undefined) {
    super(message, fields);
    if (retryAfterMs !== undefined) Object.assign(this, { retryAfterMs });
  }
}

/** The amounts behind an insufficient balance, when the balance could be read. */
export interface BalanceShortfall {
  required?: number;
  available?: number;
  currency?: string;
}

/**
 * Raised when a purchase fails for lack of funds: on a 402, and on the
 * documented purchase 500 (`internal_server_error` / `failed to purchase
 * number`) once a lookup showed the number still in inventory. `required`,
 * `available` and `currency` are filled when the balance could be read.
 */
export class InsufficientBalanceError extends VobizError {
  declare readonly required?: number;
  declare readonly available?: number;
  declare readonly currency?: string;
  constructor(message: string, fields: ErrorFields, shortfall: BalanceShortfall) {
    super(message, fields);
    const { required, available, currency } = shortfall;
    if (required !== undefined) Object.assign(this, { required });
    if (available !== undefined) Object.assign(this, { available });
    if (currency !== undefined) Object.assign(this, { currency });
  }
}

/**
 * Raised when no HTTP answer came: connection refused or reset, DNS failure,
 * or no answer within `timeoutMs` (`timedOut: true`). For a write, the change
 * may or may not have been applied.
 */
export class ConnectionError extends VobizError {
  override readonly retryable = true;
  constructor(
    message: string,
    fields: ErrorFields,
    readonly timedOut: boolean,
  ) {
    super(message, fields);
  }
}

/**
 * Raised when a 2xx answer is not JSON or does not match the contract;
 * `field` names the offending field (`items[0].e164`, or `(body)`).
 */
export class InvalidResponseError extends VobizError {
  constructor(
    message: string,
    fields: ErrorFields,
    readonly field: string,
  ) {
    super(message, fields);
  }
}

/**
 * Raised when a purchase's answer was lost (timeout, reset, 5xx) and the
 * lookup that followed could not tell whether the number was bought: it is
 * neither owned by the caller nor in inventory, or the lookup failed too.
 */
export class PurchaseOutcomeUnknownError extends VobizError {
  constructor(
    message: string,
    fields: ErrorFields,
    readonly e164: string,
  ) {
    super(message, fields);
  }
}

/** An HTTP answer as the error factory needs it. */
export interface ErrorResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  body: string;
}

const COOL_OFF_CODE = "did_cool_off_in_effect";
const UNKNOWN_OUTCOME_ADVICE = "The change may or may not have been applied: check the number's current state before running again.";

/**
 * The single factory that turns a non-2xx answer into the matching
 * `VobizError` subclass, with a message built from `context` and the body
 * (parsed resiliently: any JSON shape, text, HTML or nothing). Never throws.
 */
export function errorFromResponse(response: ErrorResponse, context: RequestContext, now: number = Date.now()): VobizError {
  const { status } = response;
  const body = parseErrorBody(response.body);
  const fields = fieldsOf(context, status, body);
  const said = vobizSaid(status, body);
  const hints = context.hints ?? {};

  if (status === 409 && body.code === COOL_OFF_CODE) return coolOffError(fields, context, body, now);
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers["retry-after"], now) ?? secondsToMs(body.retryAfterSeconds);
    const wait = retryAfterMs === undefined ? "" : ` Vobiz asked to wait ${formatDuration(retryAfterMs / 1000)}.`;
    return new RateLimitedError(
      compose(context, `was rate limited: ${said}.${wait}`, "Wait a minute and run again, or raise maxRetries / retryDeadlineMs.", fields),
      fields,
      retryAfterMs,
    );
  }
  if (status >= 500) {
    const advice = isWrite(context)
      ? UNKNOWN_OUTCOME_ADVICE
      : "This is on Vobiz's side: run again later.";
    return new ServerError(compose(context, `failed on Vobiz's side: ${said}.`, advice, fields), fields);
  }
  switch (status) {
    case 400:
      return new BadRequestError(compose(context, `was rejected: ${said}.`, hints[400] ?? "Fix the request and run again.", fields), fields);
    case 401:
      return new UnauthorizedError(
        compose(context, `was refused: ${said}.`, `Check that authId ${context.account} and its authToken belong together and are still valid.`, fields),
        fields,
      );
    case 402:
      return new InsufficientBalanceError(
        compose(context, `was refused for lack of funds: ${said}.`, hints[402] ?? `Top up the balance of ${context.account} and run again.`, fields),
        fields,
        {},
      );
    case 403:
      return new ForbiddenError(
        compose(context, `was refused: ${said}.`, hints[403] ?? `Check that ${context.account} owns the number (itself or through a sub-account) and has the role this needs.`, fields),
        fields,
      );
    case 404:
      return new NotFoundError(
        compose(context, `failed: ${said}.`, hints[404] ?? `Check that the number and the account exist and belong to ${context.account}.`, fields),
        fields,
      );
    case 409:
      return new ConflictError(compose(context, `was refused: ${said}.`, hints[409] ?? "Resolve the conflict Vobiz describes and run again.", fields), fields);
    default:
      return new VobizError(
        compose(context, `got an unexpected answer: ${said}.`, "Check that baseUrl points at the Vobiz API (https://api.vobiz.ai/api).", fields),
        fields,
      );
  }
}

/**
 * Builds the `ConnectionError` for a request that got no HTTP answer. `code` is
 * the socket error code (`ECONNRESET`, `ETIMEDOUT`, `ENOTFOUND`…) and becomes
 * the error's `code`; `reason` is the readable form and must hold no secrets.
 */
export function connectionError(context: RequestContext, code: string, reason: string, timedOut: boolean): ConnectionError {
  const fields: ErrorFields = { method: context.method, path: context.path, code };
  const advice = isWrite(context)
    ? UNKNOWN_OUTCOME_ADVICE
    : "Check the network and baseUrl, then run again.";
  return new ConnectionError(compose(context, `got no answer from Vobiz: ${reason}.`, advice, fields, `no response: ${code}`), fields, timedOut);
}

/** Builds the `InvalidResponseError` for a 2xx answer whose `field` broke the contract with `problem`. */
export function invalidResponseError(context: RequestContext, status: number, field: string, problem: string): InvalidResponseError {
  const fields: ErrorFields = { method: context.method, path: context.path, status };
  const advice = isWrite(context)
    ? "The change itself may have been applied: check the number's current state. Report this answer: it breaks the Vobiz API contract the SDK follows."
    : "Report this answer: it breaks the Vobiz API contract the SDK follows.";
  return new InvalidResponseError(
    compose(context, `got an answer the SDK cannot read: field ${field}: ${problem}.`, advice, fields),
    fields,
    field,
  );
}

/**
 * Builds the `InsufficientBalanceError` of a purchase Vobiz refused for lack of
 * funds, from the refusal `cause` and what the balance showed (if readable).
 */
export function insufficientBalanceError(context: RequestContext, cause: VobizError, shortfall: BalanceShortfall): InsufficientBalanceError {
  const fields = fieldsOfCause(cause);
  const { required, available, currency } = shortfall;
  const unit = currency === undefined ? "" : ` ${currency}`;
  const amounts =
    required !== undefined && available !== undefined
      ? `it needs ${required}${unit} (setup fee + first month) and ${context.account} has ${available}${unit} available`
      : "the balance could not be read; the number is still in inventory, so nothing was bought";
  return new InsufficientBalanceError(
    compose(context, `failed for lack of funds (${reasonOf(cause)}): ${amounts}.`, `Top up the${unit} balance of ${context.account} and run again.`, fields),
    fields,
    shortfall,
  );
}

/**
 * Builds the `PurchaseOutcomeUnknownError` for `e164`: `cause` is the failed
 * request, `found` says what the lookup that followed found (a clause).
 */
export function purchaseOutcomeUnknownError(context: RequestContext, e164: string, cause: VobizError, found: string): PurchaseOutcomeUnknownError {
  const fields = fieldsOfCause(cause);
  return new PurchaseOutcomeUnknownError(
    compose(
      context,
      `may or may not have happened: the request failed (${reasonOf(cause)}) and ${found}.`,
      `Check the numbers and balance of ${context.account} in the Vobiz console before running again, so that ${e164} is not bought twice.`,
      fields,
    ),
    fields,
    e164,
  );
}

/**
 * Whether a failed write may or may not have taken effect: no answer came, the
 * answer was a 5xx, or a 2xx could not be read. Such a write is never resent
 * blindly; purchase and release look the number up instead.
 */
export function hasUnknownOutcome(error: VobizError): boolean {
  return error instanceof ConnectionError || error instanceof ServerError || error instanceof InvalidResponseError;
}

/** A short description of what went wrong with a request, for messages that quote an earlier error. */
export function reasonOf(error: VobizError): string {
  if (error instanceof ConnectionError) return error.timedOut ? "timed out" : `no answer: ${error.code ?? "connection failed"}`;
  const detail = error.apiMessage ?? error.code;
  return detail === undefined ? `HTTP ${error.status ?? "error"}` : `HTTP ${error.status ?? "error"}: ${detail}`;
}

function coolOffError(fields: ErrorFields, context: RequestContext, body: ErrorBody, now: number): CoolOffError {
  const parsedUntil = body.coolOffUntil === undefined ? NaN : Date.parse(body.coolOffUntil);
  let until: Date;
  let remaining: number;
  if (!Number.isNaN(parsedUntil)) {
    until = new Date(parsedUntil);
    remaining = body.coolOffRemainingSeconds ?? Math.max(0, Math.ceil((parsedUntil - now) / 1000));
  } else if (body.coolOffRemainingSeconds !== undefined) {
    remaining = body.coolOffRemainingSeconds;
    until = new Date(now + remaining * 1000);
  } else {
    // Vobiz said neither: assume the longest cool-off (15 days from the last call).
    remaining = 15 * 86_400;
    until = new Date(now + remaining * 1000);
  }
  return new CoolOffError(
    compose(
      context,
      `was refused: a call within the last 15 days puts it in cool-off until ${until.toISOString()} (${formatDuration(remaining)} from now).`,
      "Run again after that time, or pass force: true with admin credentials.",
      fields,
    ),
    fields,
    until,
    remaining,
  );
}

function fieldsOfCause(cause: VobizError): ErrorFields {
  return { method: cause.method, path: cause.path, status: cause.status, code: cause.code, apiMessage: cause.apiMessage };
}

function fieldsOf(context: RequestContext, status: number, body: ErrorBody): ErrorFields {
  return { method: context.method, path: context.path, status, code: body.code, apiMessage: body.message };
}

// A machine code reads as a code; a sentence in `error` (cancel-release's
// `{"error": "number not found"}`) reads as the message.
function vobizSaid(status: number, body: ErrorBody): string {
  const isMachineCode = body.code !== undefined && /^[\w.-]+$/.test(body.code);
  const code = isMachineCode ? ` ${body.code}` : "";
  const message = body.message ?? (isMachineCode ? undefined : body.code);
  return message === undefined ? `Vobiz answered ${status}${code} with no explanation` : `Vobiz answered ${status}${code} "${message}"`;
}

function compose(context: RequestContext, what: string, advice: string, fields: ErrorFields, outcome?: string): string {
  const answer = outcome ?? ([fields.status, fields.code].filter((p) => p !== undefined).join(" ") || "no response");
  const attempts = context.attempts !== undefined && context.attempts > 1 ? `, after ${context.attempts} attempts` : "";
  return `${context.action} ${what} ${advice} [${context.method} ${context.path} → ${answer}${attempts}]`;
}

function isWrite(context: RequestContext): boolean {
  return context.method !== "GET";
}

/**
 * Reads a `Retry-After` header, in seconds or as an HTTP-date, as milliseconds
 * from `now`. Returns undefined when absent or unreadable; never negative.
 */
export function parseRetryAfter(header: string | undefined, now: number = Date.now()): number | undefined {
  if (header === undefined || header.trim() === "") return undefined;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function secondsToMs(seconds: number | undefined): number | undefined {
  return seconds === undefined ? undefined : Math.round(seconds * 1000);
}
