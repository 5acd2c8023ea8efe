import { formatDuration } from "./duration";
import { parseErrorBody, type ErrorBody } from "./error-body";
import { compose, isWrite, reasonOf, UNKNOWN_OUTCOME_ADVICE, vobizSaid } from "./error-message";
import {
  BadRequestError,
  ConflictError,
  ConnectionError,
  CoolOffError,
  ForbiddenError,
  InsufficientBalanceError,
  InvalidResponseError,
  NotFoundError,
  PurchaseOutcomeUnknownError,
  RateLimitedError,
  ServerError,
  UnauthorizedError,
  VobizError,
  type BalanceShortfall,
  type ErrorFields,
  type RequestContext,
} from "./errors";
import { parseRetryAfter } from "./retry-after";

/** An HTTP answer as the error factory needs it. */
export interface ErrorResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  body: string;
}

const COOL_OFF_CODE = "did_cool_off_in_effect";

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

function secondsToMs(seconds: number | undefined): number | undefined {
  return seconds === undefined ? undefined : Math.round(seconds * 1000);
}
