// The Vobiz Phone Numbers API client: everything a caller (the Pulumi provider,
// a script) needs, and nothing of how it is done.

export { VobizClient, type ListInventoryParams, type ListNumbersParams, type ListSubAccountsParams } from "./client";
export { DEFAULT_BASE_URL, isLoopback, type VobizClientOptions } from "./options";
export type { RetryEvent } from "./retry";
export { isE164, normalizeE164 } from "./e164";
export { paths } from "./paths";
export { paginate, type PageSlice } from "./pagination";
export {
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
  errorFromResponse,
  parseRetryAfter,
  type ErrorResponse,
  type RequestContext,
} from "./errors";
export { parseErrorBody, type ErrorBody } from "./error-body";
export {
  amountSchema,
  balanceSchema,
  cancelReleaseResponseSchema,
  capabilitiesSchema,
  phoneNumberPageSchema,
  phoneNumberSchema,
  purchaseResponseSchema,
  releaseResponseSchema,
  subAccountPageSchema,
  subAccountSchema,
  timestampSchema,
  type Balance,
  type CancelReleaseResult,
  type Page,
  type PhoneNumber,
  type ReleaseResult,
  type SubAccount,
  type SubAccountPage,
} from "./schemas";
