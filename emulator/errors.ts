/**
 * The emulator's answers that are not successes, as constants in the API's own envelopes, so that
 * every route returns the same body for the same situation. Bodies follow docs/api-notes.md word
 * for word; a change here is a change to the contract.
 */

/** A reply the emulator sends: a status, an optional JSON body and optional extra headers. */
export interface ApiReply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

function reply(status: number, body: Record<string, unknown>): ApiReply {
  return Object.freeze({ status, body: Object.freeze(body) });
}

function invalidRequest(message: string): ApiReply {
  return reply(400, { error: "invalid request", message });
}

/** Errors of the public `/api/v1` API. */
export const apiErrors = {
  unauthorized: reply(401, { error: "unauthorized", message: "invalid X-Auth-ID or X-Auth-Token" }),
  /** The cancel-release page documents this nested form. */
  unauthorizedNested: reply(401, { error: { code: 401, message: "Invalid token" } }),
  pathAccountMismatch: reply(403, { error: "forbidden", message: "path account does not match X-Auth-ID" }),
  noRoute: (method: string, path: string): ApiReply =>
    reply(404, { error: "not_found", message: `no route for ${method} ${path}` }),

  invalidRequest,
  bodyNotJson: invalidRequest("request body must be a JSON object"),
  bodyTooLarge: reply(413, {
    error: "request_too_large",
    message: "request body is larger than 1 MB (1048576 bytes); no request the API takes needs more",
  }),
  /** Requests Node's HTTP parser refuses before any route sees them (see http-server.ts). */
  malformedHttp: (what: string): ApiReply => reply(400, { error: "invalid request", message: `malformed HTTP request: ${what}` }),
  headersTooLarge: reply(431, { error: "request_too_large", message: "request line and headers are larger than 16 KB" }),
  requestTimeout: reply(408, { error: "request_timeout", message: "the request did not arrive in time" }),
  connectNotAllowed: reply(405, { error: "method_not_allowed", message: "CONNECT is not supported: the emulator is not a proxy" }),
  expectationFailed: reply(417, { error: "invalid request", message: "only the expectation 100-continue is supported" }),
  pathNumberNotE164: invalidRequest(
    "the phone number in the path must be E.164 with a leading + (URL-encoded as %2B), e.g. %2B919876543210",
  ),
  notPositiveInteger: (param: string): ApiReply => invalidRequest(`${param} must be a positive integer`),
  notBoolean: (param: string): ApiReply => invalidRequest(`${param} must be true or false`),
  missingField: (field: string): ApiReply => invalidRequest(`${field} is required and must be a non-empty string`),
  badCurrency: invalidRequest("currency must be a three-letter code such as INR or USD"),

  notInInventory: reply(404, { error: "not_found", message: "number not found in inventory" }),
  purchaseFailed: reply(500, { error: "internal_server_error", message: "failed to purchase number" }),

  notOwner: reply(403, { error: "forbidden", message: "account does not own this number" }),
  alreadyPendingRelease: invalidRequest("number is already pending release"),
  releaseFailed: reply(500, { error: "internal_server_error", message: "failed to release number" }),
  notPendingRelease: reply(400, { error: "number is not pending release" }),
  cancelNumberNotFound: reply(404, { error: "number not found" }),

  assignRequiresMaster: reply(403, { error: "forbidden", message: "only a master account can assign numbers" }),
  unassignRequiresMaster: reply(403, { error: "forbidden", message: "only a master account can unassign numbers" }),
  numberOrSubAccountNotFound: reply(404, { error: "not_found", message: "number or sub-account not found" }),
  alreadyAssignedToSubAccount: (subAccountId: string): ApiReply =>
    invalidRequest(`number is already assigned to sub-account ${subAccountId}`),
  notAssignedToSubAccount: reply(404, { error: "not_found", message: "number is not assigned to a sub-account" }),
  coolOffInEffect: (coolOffUntil: string, remainingSeconds: number): ApiReply =>
    reply(409, {
      error: "did_cool_off_in_effect",
      cool_off_until: coolOffUntil,
      cool_off_remaining_seconds: remainingSeconds,
    }),
  forceRequiresAdmin: reply(403, { error: "forbidden", message: "force requires an admin role" }),

  subAccountsRequireMaster: reply(403, {
    error: "forbidden",
    message: "only a master account can read sub-accounts",
  }),
  subAccountNotFound: reply(404, { error: "not_found", message: "sub-account not found" }),

  /** The trunk-assign page's 404, used by every routing operation. */
  routingNumberNotFound: reply(404, {
    error: "Number not found",
    message: "The phone number could not be found. Ensure it is in your inventory and URL-encoded correctly.",
  }),
  alreadyOnTrunk: invalidRequest("This number is already assigned to a trunk."),
  attachedToApplication: invalidRequest("This number is attached to an application."),
  notOnTrunk: invalidRequest("This number is not assigned to a trunk."),
  onTrunk: invalidRequest("This number is assigned to a trunk."),
  noApplication: invalidRequest("This number has no application."),

  rateLimited: reply(429, { error: "RATE_LIMIT_EXCEEDED", message: "rate limit exceeded" }),
  badGateway: reply(502, { error: "bad_gateway", message: "upstream service returned an invalid response" }),
  internal: (message: string): ApiReply => reply(500, { error: "internal_server_error", message }),
} as const;

/** The body an injected status fault sends when the test gives none. */
export function injectedFaultBody(status: number): Record<string, unknown> {
  if (status === 429) return { error: "RATE_LIMIT_EXCEEDED", message: "rate limit exceeded" };
  const codes: Record<number, string> = {
    500: "internal_server_error",
    502: "bad_gateway",
    503: "service_unavailable",
    504: "gateway_timeout",
  };
  return { error: codes[status] ?? "error", message: `injected fault: HTTP ${status}` };
}

/** Errors of the `/__emulator` control API, in the same flat envelope. */
export const controlErrors = {
  invalid: (message: string): ApiReply => reply(400, { error: "invalid request", message }),
  notFound: (message: string): ApiReply => reply(404, { error: "not_found", message }),
  conflict: (message: string): ApiReply => reply(409, { error: "conflict", message }),
} as const;
