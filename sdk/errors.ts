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

/** The fields an error is built from: chosen ones only, never a request or a response object. */
export interface ErrorFields {
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

/**
 * Whether a failed write may or may not have taken effect: no answer came, the
 * answer was a 5xx, or a 2xx could not be read. Such a write is never resent
 * blindly; purchase and release look the number up instead.
 */
export function hasUnknownOutcome(error: VobizError): boolean {
  return error instanceof ConnectionError || error instanceof ServerError || error instanceof InvalidResponseError;
}
