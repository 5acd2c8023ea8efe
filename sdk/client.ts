import { inspect } from "node:util";
import { ApiRequester } from "./api-requester";
import { normalizeE164 } from "./e164";
import { resolveOptions, type VobizClientOptions } from "./options";
import { requireId } from "./request-params";
import * as balance from "./resources/balance";
import * as inventory from "./resources/inventory";
import * as numbers from "./resources/numbers";
import * as routing from "./resources/routing";
import * as subAccounts from "./resources/sub-accounts";
import type { Balance, CancelReleaseResult, Page, PhoneNumber, ReleaseResult, SubAccount, SubAccountPage } from "./schemas";

/**
 * A typed client for the Vobiz Phone Numbers API. Every method throws a
 * `VobizError` subclass (see errors.ts) whose message says what was attempted,
 * what Vobiz answered and what to do; invalid arguments (a malformed E.164, an
 * empty id) throw a `TypeError` before any request. Reads are retried on 429,
 * 502-504, timeouts and connection errors; writes only on 429; purchases and
 * releases with a lost answer are reconciled by a lookup, never sent twice
 * blindly. The auth token is kept private and never printed.
 *
 * The requests themselves live in resources/, one module per area of the API.
 */
export class VobizClient {
  readonly authId: string;
  readonly baseUrl: string;
  readonly #api: ApiRequester;

  /** Checks the options (see `resolveOptions`) and throws an `Error` naming the bad one. Sends nothing. */
  constructor(options: VobizClientOptions) {
    const resolved = resolveOptions(options);
    this.authId = resolved.authId;
    this.baseUrl = resolved.baseUrl;
    this.#api = new ApiRequester(resolved);
  }

  /** Lists one page of the numbers this account owns (a master account also sees its sub-accounts' numbers). */
  async listNumbers(params: numbers.ListNumbersParams = {}): Promise<Page> {
    return numbers.list(this.#api, params, this.#api.budget());
  }

  /** Yields every number this account owns, page after page. Fails like `listNumbers`, on the page that failed. */
  numbers(params: numbers.NumbersIterationParams = {}): AsyncIterableIterator<PhoneNumber> {
    return numbers.pages(this.#api, params);
  }

  /**
   * Returns the listed number whose E.164 is exactly `e164` (own or a
   * sub-account's: check `account_id`), or undefined. Searches, then matches
   * exactly among the substring hits, paging as needed.
   */
  async findOwnedNumber(e164: string): Promise<PhoneNumber | undefined> {
    return numbers.findOwned(this.#api, normalizeE164(e164), this.#api.budget());
  }

  /**
   * Returns the number for sale whose E.164 is exactly `e164`, with its country and fees, or undefined when
   * it is not in inventory. Searches, then matches exactly among the substring hits, paging as needed.
   */
  async findInventoryNumber(e164: string): Promise<PhoneNumber | undefined> {
    return inventory.find(this.#api, normalizeE164(e164), this.#api.budget());
  }

  /** Lists one page of the numbers for sale (active, no owner). */
  async listInventory(params: inventory.ListInventoryParams = {}): Promise<Page> {
    return inventory.list(this.#api, params, this.#api.budget());
  }

  /** Yields every number for sale that matches the filters, page after page. Fails like `listInventory`. */
  inventory(params: Omit<inventory.ListInventoryParams, "page"> = {}): AsyncIterableIterator<PhoneNumber> {
    return inventory.pages(this.#api, params);
  }

  /**
   * Buys `e164` from inventory and returns it, owned by this account. Vobiz
   * debits setup fee + first month at once and has no idempotency key, so a
   * lost answer is reconciled by a lookup, never resent blindly (see
   * purchase.ts). Throws `NotFoundError` when the number is not for sale,
   * `InsufficientBalanceError` when the balance is short, and
   * `PurchaseOutcomeUnknownError` when the lookup cannot tell what happened,
   * including when the account holds the number after a lost answer but
   * `soleBuyer` is not set: without it another buyer with these credentials
   * may have bought it (see `PurchaseSteps.soleBuyer`).
   */
  async purchaseNumber(e164: string, options: { currency?: string; soleBuyer?: boolean } = {}): Promise<PhoneNumber> {
    return inventory.purchase(this.#api, normalizeE164(e164), options);
  }

  /**
   * Releases `e164` (Vobiz charges a release fee). Standard: `pending_release`
   * for 24 h, cancellable with `cancelRelease`; `immediate: true`: released at
   * once, not cancellable. A lost answer is reconciled by a lookup (see
   * release.ts). Throws `ForbiddenError` when this account does not own the
   * number, `BadRequestError` when it is already pending release.
   */
  async releaseNumber(e164: string, options: { immediate?: boolean } = {}): Promise<ReleaseResult> {
    return numbers.release(this.#api, normalizeE164(e164), options);
  }

  /**
   * Cancels a standard release still in its 24-hour window: the number is
   * active again and the fee refunded (`refund_status: "failed"` if Vobiz
   * could not refund). Trunk and application are not re-attached. Throws
   * `BadRequestError` when the number is not pending release, `NotFoundError`
   * when it is not this account's.
   */
  async cancelRelease(e164: string): Promise<CancelReleaseResult> {
    return numbers.cancelRelease(this.#api, normalizeE164(e164));
  }

  /**
   * Moves `e164` from this master account's pool to its sub-account
   * `subAccountId`. Throws `NotFoundError` when the number is not owned by this
   * account itself or the sub-account is not its child, `BadRequestError` when
   * a sub-account already holds it, `ForbiddenError` with SA_ credentials.
   */
  async assignSubAccount(e164: string, subAccountId: string): Promise<void> {
    return subAccounts.assign(this.#api, normalizeE164(e164), subAccountId);
  }

  /**
   * Moves `e164` back from its sub-account to this master account. Throws
   * `CoolOffError` when the number took a call within the last 15 days (unless
   * `force: true` with admin credentials), `ForbiddenError` for `force` without
   * the admin role, `NotFoundError` when no sub-account of this account holds it.
   */
  async unassignSubAccount(e164: string, options: { force?: boolean } = {}): Promise<void> {
    return subAccounts.unassign(this.#api, normalizeE164(e164), options);
  }

  /**
   * Routes `e164` to the SIP trunk group `trunkGroupId`. Throws
   * `BadRequestError` when the number is already on a trunk or attached to an
   * application, `NotFoundError` when it is not this account's.
   */
  async assignTrunk(e164: string, trunkGroupId: string): Promise<void> {
    return routing.assignTrunk(this.#api, normalizeE164(e164), trunkGroupId);
  }

  /** Takes `e164` off its SIP trunk. Throws `BadRequestError` when it is on none, `NotFoundError` when it is not this account's. */
  async unassignTrunk(e164: string): Promise<void> {
    return routing.unassignTrunk(this.#api, normalizeE164(e164));
  }

  /**
   * Attaches `e164` to the voice application `applicationId` (replacing any
   * previous one). Throws `BadRequestError` when the number is on a trunk,
   * `NotFoundError` when the number or application is not this account's.
   */
  async attachApplication(e164: string, applicationId: string): Promise<void> {
    return routing.attachApplication(this.#api, normalizeE164(e164), applicationId);
  }

  /** Detaches `e164` from its application. Throws `BadRequestError` when it has none, `NotFoundError` when it is not this account's. */
  async detachApplication(e164: string): Promise<void> {
    return routing.detachApplication(this.#api, normalizeE164(e164));
  }

  /** Reads this account's balance in `currency` (`INR`, `USD`). Throws `NotFoundError` for a currency it has no balance in. */
  async getBalance(currency: string): Promise<Balance> {
    return balance.get(this.#api, requireId("currency", currency), this.#api.budget());
  }

  /** Lists one page of this master account's sub-accounts (newest first). */
  async listSubAccounts(params: subAccounts.ListSubAccountsParams = {}): Promise<SubAccountPage> {
    return subAccounts.list(this.#api, params, this.#api.budget());
  }

  /** Yields every sub-account of this master account, page after page. Fails like `listSubAccounts`. */
  subAccounts(params: Omit<subAccounts.ListSubAccountsParams, "page"> = {}): AsyncIterableIterator<SubAccount> {
    return subAccounts.pages(this.#api, params);
  }

  /** Reads one sub-account of this master account. Throws `NotFoundError` when it is not one. */
  async getSubAccount(subAccountId: string): Promise<SubAccount> {
    return subAccounts.get(this.#api, subAccountId);
  }

  /** What `util.inspect` prints: the auth ID and base URL, never the token. */
  [inspect.custom](): string {
    return `VobizClient { authId: ${JSON.stringify(this.authId)}, baseUrl: ${JSON.stringify(this.baseUrl)} }`;
  }

  /** What `JSON.stringify` writes: the auth ID and base URL, never the token. */
  toJSON(): { authId: string; baseUrl: string } {
    return { authId: this.authId, baseUrl: this.baseUrl };
  }
}
