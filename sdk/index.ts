// The Vobiz Phone Numbers API client: what a caller (the Pulumi provider, a script) uses, and nothing
// of how it is done.

export { VobizClient } from "./client";
export type { ListInventoryParams } from "./resources/inventory";
export type { ListingProgress, ListNumbersParams, NumbersIterationParams } from "./resources/numbers";
export type { ListSubAccountsParams } from "./resources/sub-accounts";
export type { VobizClientOptions } from "./options";
export type { RetryEvent } from "./retry";
export { isE164, normalizeE164 } from "./e164";
export { formatDuration } from "./duration";
export { MAX_PAGE_SIZE } from "./pagination";
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
} from "./errors";
export type { Balance, CancelReleaseResult, Page, PhoneNumber, ReleaseResult, SubAccount, SubAccountPage } from "./schemas";
