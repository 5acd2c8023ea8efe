import { inspect } from "node:util";
import type { AxiosInstance } from "axios";
import type { z } from "zod";
import { normalizeE164 } from "./e164";
import { connectionError, errorFromResponse, invalidResponseError } from "./error-factory";
import type { ErrorHints, RequestContext } from "./errors";
import { createHttp, send, type HttpRequest } from "./http";
import { resolveOptions, type VobizClientOptions } from "./options";
import { MAX_PAGE_SIZE, paginate, type PageSlice } from "./pagination";
import { paths } from "./paths";
import { purchaseWithReconciliation } from "./purchase";
import { redact } from "./redact";
import { firstProblem } from "./zod-issue";
import { releaseWithReconciliation } from "./release";
import { RetryBudget, withRetries, type RetrySettings } from "./retry";
import {
  balanceSchema,
  cancelReleaseResponseSchema,
  phoneNumberPageSchema,
  purchaseResponseSchema,
  releaseResponseSchema,
  subAccountPageSchema,
  subAccountSchema,
  type Balance,
  type CancelReleaseResult,
  type Page,
  type PhoneNumber,
  type ReleaseResult,
  type SubAccount,
  type SubAccountPage,
} from "./schemas";

/** A request plus what it is for, so that its errors can say so. */
interface Operation extends HttpRequest {
  action: string;
  hints?: ErrorHints;
}

/** Filters of the owned-numbers list. */
export interface ListNumbersParams {
  page?: number;
  perPage?: number;
  /** Substring of the E.164 number. */
  search?: string;
}

/** How far an iteration over a paged list has got, reported after each page. */
export interface ListingProgress {
  /** Items received so far. */
  listed: number;
  /** Items the list holds in all, as the last page said. */
  total: number;
}

/** Options of an iteration over the owned numbers. */
export interface NumbersIterationParams extends Omit<ListNumbersParams, "page"> {
  /** Called after each page, for progress reports. */
  onPage?: (progress: ListingProgress) => void;
}

/** Filters of the inventory list. */
export interface ListInventoryParams {
  /** ISO country code: `IN`, `US`. */
  country?: string;
  /** Substring of the E.164 number. */
  search?: string;
  /** E.164 prefixes to leave out, country code included (`+9180`). */
  exclude?: string[];
  page?: number;
  perPage?: number;
}

/** Filters of the sub-account list. */
export interface ListSubAccountsParams {
  page?: number;
  size?: number;
  activeOnly?: boolean;
}

/**
 * A typed client for the Vobiz Phone Numbers API. Every method throws a
 * `VobizError` subclass (see errors.ts) whose message says what was attempted,
 * what Vobiz answered and what to do; invalid arguments (a malformed E.164, an
 * empty id) throw a `TypeError` before any request. Reads are retried on 429,
 * 502-504, timeouts and connection errors; writes only on 429; purchases and
 * releases with a lost answer are reconciled by a lookup, never sent twice
 * blindly. The auth token is kept private and never printed.
 */
export class VobizClient {
  readonly authId: string;
  readonly baseUrl: string;
  readonly #authToken: string;
  readonly #http: AxiosInstance;
  readonly #retry: RetrySettings;

  /** Checks the options (see `resolveOptions`) and throws an `Error` naming the bad one. Sends nothing. */
  constructor(options: VobizClientOptions) {
    const resolved = resolveOptions(options);
    this.authId = resolved.authId;
    this.baseUrl = resolved.baseUrl;
    this.#authToken = resolved.authToken;
    this.#http = createHttp(resolved.baseUrl, resolved.timeoutMs);
    this.#retry = {
      maxRetries: resolved.maxRetries,
      deadlineMs: resolved.retryDeadlineMs,
      sleep: resolved.sleep,
      onRetry: resolved.onRetry,
      random: Math.random,
    };
  }

  /** Lists one page of the numbers this account owns (a master account also sees its sub-accounts' numbers). */
  async listNumbers(params: ListNumbersParams = {}): Promise<Page> {
    return this.#listNumbers(params, this.#budget());
  }

  /** Yields every number this account owns, page after page. Fails like `listNumbers`, on the page that failed. */
  numbers(params: NumbersIterationParams = {}): AsyncIterableIterator<PhoneNumber> {
    return this.#numberPages(params);
  }

  /**
   * Returns the listed number whose E.164 is exactly `e164` (own or a
   * sub-account's: check `account_id`), or undefined. Searches, then matches
   * exactly among the substring hits, paging as needed.
   */
  async findOwnedNumber(e164: string): Promise<PhoneNumber | undefined> {
    return this.#findOwned(normalizeE164(e164), this.#budget());
  }

  /** Lists one page of the numbers for sale (active, no owner). */
  async listInventory(params: ListInventoryParams = {}): Promise<Page> {
    return this.#listInventory(params, this.#budget());
  }

  /** Yields every number for sale that matches the filters, page after page. Fails like `listInventory`. */
  inventory(params: Omit<ListInventoryParams, "page"> = {}): AsyncIterableIterator<PhoneNumber> {
    return this.#inventoryPages(params);
  }

  /**
   * Buys `e164` from inventory and returns it, owned by this account. Vobiz
   * debits setup fee + first month at once and has no idempotency key, so a
   * lost answer is reconciled by a lookup, never resent blindly (see
   * purchase.ts). Throws `NotFoundError` when the number is not for sale,
   * `InsufficientBalanceError` when the balance is short, and
   * `PurchaseOutcomeUnknownError` when the lookup cannot tell what happened.
   */
  async purchaseNumber(e164: string, options: { currency?: string } = {}): Promise<PhoneNumber> {
    const number = normalizeE164(e164);
    const budget = this.#budget();
    const body: { e164: string; currency?: string } = { e164: number };
    if (options.currency !== undefined) body.currency = options.currency;
    const operation: Operation = {
      method: "POST",
      path: paths.purchase(this.authId),
      body,
      action: `Buying ${number} for ${this.authId}`,
      hints: {
        404: `${number} is not in Vobiz inventory: another account owns it, it is quarantined after a release, or it was never stocked. Pick another number with listInventory().`,
      },
    };
    return purchaseWithReconciliation({
      authId: this.authId,
      e164: number,
      context: this.#context(operation),
      settings: this.#retry,
      budget,
      send: async () => (await this.#json(operation, purchaseResponseSchema, budget)).number,
      findOwned: () => this.#findOwned(number, budget),
      findInInventory: () => this.#findInInventory(number, budget),
      readBalance: (currency) => this.#getBalance(currency, budget),
    });
  }

  /**
   * Releases `e164` (Vobiz charges a release fee). Standard: `pending_release`
   * for 24 h, cancellable with `cancelRelease`; `immediate: true`: released at
   * once, not cancellable. A lost answer is reconciled by a lookup (see
   * release.ts). Throws `ForbiddenError` when this account does not own the
   * number, `BadRequestError` when it is already pending release.
   */
  async releaseNumber(e164: string, options: { immediate?: boolean } = {}): Promise<ReleaseResult> {
    const number = normalizeE164(e164);
    const budget = this.#budget();
    const operation: Operation = {
      method: "DELETE",
      path: paths.release(this.authId, number),
      query: new URLSearchParams(options.immediate === true ? { immediate: "true" } : {}),
      action: `Releasing ${number} from ${this.authId}${options.immediate === true ? " immediately" : ""}`,
      hints: {
        400: `If ${number} is already pending release, cancelRelease() restores it, or the release completes by itself after 24 h.`,
        403: `${this.authId} must own ${number}, or be the master account of the sub-account that owns it.`,
      },
    };
    return releaseWithReconciliation({
      authId: this.authId,
      e164: number,
      context: this.#context(operation),
      settings: this.#retry,
      budget,
      send: () => this.#json(operation, releaseResponseSchema, budget),
      findOwned: () => this.#findOwned(number, budget),
    });
  }

  /**
   * Cancels a standard release still in its 24-hour window: the number is
   * active again and the fee refunded (`refundFailed` if Vobiz could not
   * refund). Trunk and application are not re-attached. Throws
   * `BadRequestError` when the number is not pending release, `NotFoundError`
   * when it is not this account's.
   */
  async cancelRelease(e164: string): Promise<CancelReleaseResult> {
    const number = normalizeE164(e164);
    return this.#json(
      {
        method: "POST",
        path: paths.cancelRelease(this.authId, number),
        action: `Cancelling the release of ${number} for ${this.authId}`,
        hints: {
          400: `Only a number in pending_release (within 24 h of a standard release) can be restored; an immediate or completed release cannot be undone.`,
          404: `${number} is not a number of ${this.authId} or of its sub-accounts.`,
        },
      },
      cancelReleaseResponseSchema,
      this.#budget(),
    );
  }

  /**
   * Moves `e164` from this master account's pool to its sub-account
   * `subAccountId`. Throws `NotFoundError` when the number is not owned by this
   * account itself or the sub-account is not its child, `BadRequestError` when
   * a sub-account already holds it, `ForbiddenError` with SA_ credentials.
   */
  async assignSubAccount(e164: string, subAccountId: string): Promise<void> {
    const number = normalizeE164(e164);
    const sub = requireId("subAccountId", subAccountId);
    await this.#call(
      {
        method: "POST",
        path: paths.subAccountAssignment(this.authId, number),
        body: { sub_account_id: sub },
        action: `Assigning ${number} to sub-account ${sub}`,
        hints: {
          400: `Unassign ${number} from its current sub-account first.`,
          403: `Only a master account (MA_…) can assign numbers to its sub-accounts; ${this.authId} cannot.`,
          404: `${number} must be owned by ${this.authId} itself (not by a sub-account), and ${sub} must be a sub-account of ${this.authId}.`,
        },
      },
      this.#budget(),
    );
  }

  /**
   * Moves `e164` back from its sub-account to this master account. Throws
   * `CoolOffError` when the number took a call within the last 15 days (unless
   * `force: true` with admin credentials), `ForbiddenError` for `force` without
   * the admin role, `NotFoundError` when no sub-account of this account holds it.
   */
  async unassignSubAccount(e164: string, options: { force?: boolean } = {}): Promise<void> {
    const number = normalizeE164(e164);
    const force = options.force === true;
    await this.#call(
      {
        method: "DELETE",
        path: paths.subAccountAssignment(this.authId, number),
        query: new URLSearchParams(force ? { force: "true" } : {}),
        action: `${force ? "Force-unassigning" : "Unassigning"} ${number} from its sub-account`,
        hints: {
          403: force
            ? `force: true needs credentials with the admin role; ${this.authId} does not have it. Without force, wait for the cool-off to end.`
            : `Only the master account of the sub-account holding ${number} can unassign it.`,
          404: `${number} is not assigned to a sub-account of ${this.authId}.`,
        },
      },
      this.#budget(),
    );
  }

  /**
   * Routes `e164` to the SIP trunk group `trunkGroupId`. Throws
   * `BadRequestError` when the number is already on a trunk or attached to an
   * application, `NotFoundError` when it is not this account's.
   */
  async assignTrunk(e164: string, trunkGroupId: string): Promise<void> {
    const number = normalizeE164(e164);
    const trunk = requireId("trunkGroupId", trunkGroupId);
    await this.#call(
      {
        method: "POST",
        path: paths.trunk(this.authId, number),
        body: { trunk_group_id: trunk },
        action: `Assigning ${number} to trunk ${trunk}`,
        hints: {
          400: `A number is routed to one trunk or one application: unassign its trunk or detach its application first.`,
          404: `${this.authId} must own ${number}, and trunk ${trunk} must exist.`,
        },
      },
      this.#budget(),
    );
  }

  /** Takes `e164` off its SIP trunk. Throws `BadRequestError` when it is on none, `NotFoundError` when it is not this account's. */
  async unassignTrunk(e164: string): Promise<void> {
    const number = normalizeE164(e164);
    await this.#call(
      {
        method: "DELETE",
        path: paths.trunk(this.authId, number),
        action: `Removing ${number} from its trunk`,
        hints: {
          400: `${number} is not on a trunk, so there is nothing to remove.`,
          404: `${this.authId} must own ${number}.`,
        },
      },
      this.#budget(),
    );
  }

  /**
   * Attaches `e164` to the voice application `applicationId` (replacing any
   * previous one). Throws `BadRequestError` when the number is on a trunk,
   * `NotFoundError` when the number or application is not this account's.
   */
  async attachApplication(e164: string, applicationId: string): Promise<void> {
    const number = normalizeE164(e164);
    const app = requireId("applicationId", applicationId);
    await this.#call(
      {
        method: "POST",
        path: paths.application(this.authId, number),
        body: { application_id: app },
        action: `Attaching ${number} to application ${app}`,
        hints: {
          400: `A number is routed to one trunk or one application: unassign ${number} from its trunk first.`,
          404: `${this.authId} must own ${number}, and application ${app} must exist.`,
        },
      },
      this.#budget(),
    );
  }

  /** Detaches `e164` from its application. Throws `BadRequestError` when it has none, `NotFoundError` when it is not this account's. */
  async detachApplication(e164: string): Promise<void> {
    const number = normalizeE164(e164);
    await this.#call(
      {
        method: "DELETE",
        path: paths.application(this.authId, number),
        action: `Detaching ${number} from its application`,
        hints: {
          400: `${number} has no application, so there is nothing to detach.`,
          404: `${this.authId} must own ${number}.`,
        },
      },
      this.#budget(),
    );
  }

  /** Reads this account's balance in `currency` (`INR`, `USD`). Throws `NotFoundError` for a currency it has no balance in. */
  async getBalance(currency: string): Promise<Balance> {
    return this.#getBalance(requireId("currency", currency), this.#budget());
  }

  /** Lists one page of this master account's sub-accounts (newest first). */
  async listSubAccounts(params: ListSubAccountsParams = {}): Promise<SubAccountPage> {
    return this.#listSubAccounts(params, this.#budget());
  }

  /** Yields every sub-account of this master account, page after page. Fails like `listSubAccounts`. */
  subAccounts(params: Omit<ListSubAccountsParams, "page"> = {}): AsyncIterableIterator<SubAccount> {
    return paginate(async (page) => {
      const result = await this.#listSubAccounts({ ...params, page, size: params.size ?? MAX_PAGE_SIZE }, this.#budget());
      return { items: result.items, pageSize: result.size, total: result.total };
    });
  }

  /** Reads one sub-account of this master account. Throws `NotFoundError` when it is not one. */
  async getSubAccount(subAccountId: string): Promise<SubAccount> {
    const sub = requireId("subAccountId", subAccountId);
    return this.#json(
      {
        method: "GET",
        path: paths.subAccount(this.authId, sub),
        action: `Reading sub-account ${sub} of ${this.authId}`,
        hints: { 404: `${sub} is not a sub-account of ${this.authId}; listSubAccounts() shows those that are.` },
      },
      subAccountSchema,
      this.#budget(),
    );
  }

  /** What `util.inspect` prints: the auth ID and base URL, never the token. */
  [inspect.custom](): string {
    return `VobizClient { authId: ${JSON.stringify(this.authId)}, baseUrl: ${JSON.stringify(this.baseUrl)} }`;
  }

  /** What `JSON.stringify` writes: the auth ID and base URL, never the token. */
  toJSON(): { authId: string; baseUrl: string } {
    return { authId: this.authId, baseUrl: this.baseUrl };
  }

  #listNumbers(params: ListNumbersParams, budget: RetryBudget): Promise<Page> {
    const query = new URLSearchParams();
    setNumber(query, "page", params.page);
    setNumber(query, "per_page", params.perPage);
    if (params.search !== undefined) query.set("search", params.search);
    const filter = params.search === undefined ? "" : ` matching "${params.search}"`;
    return this.#json(
      { method: "GET", path: paths.numbers(this.authId), query, action: `Listing the numbers of ${this.authId}${filter}` },
      phoneNumberPageSchema,
      budget,
    );
  }

  #listInventory(params: ListInventoryParams, budget: RetryBudget): Promise<Page> {
    const query = new URLSearchParams();
    if (params.country !== undefined) query.set("country", params.country);
    if (params.search !== undefined) query.set("search", params.search);
    // Repeated `exclude=` params, one per prefix (docs/api-notes.md "Lists").
    for (const prefix of params.exclude ?? []) query.append("exclude", prefix);
    setNumber(query, "page", params.page);
    setNumber(query, "per_page", params.perPage);
    return this.#json(
      { method: "GET", path: paths.inventory(this.authId), query, action: `Listing the Vobiz inventory for ${this.authId}` },
      phoneNumberPageSchema,
      budget,
    );
  }

  #listSubAccounts(params: ListSubAccountsParams, budget: RetryBudget): Promise<SubAccountPage> {
    const query = new URLSearchParams();
    setNumber(query, "page", params.page);
    setNumber(query, "size", params.size);
    if (params.activeOnly !== undefined) query.set("active_only", String(params.activeOnly));
    return this.#json(
      {
        method: "GET",
        path: paths.subAccounts(this.authId),
        query,
        action: `Listing the sub-accounts of ${this.authId}`,
        hints: { 403: `Only a master account (MA_…) can list sub-accounts; ${this.authId} cannot.` },
      },
      subAccountPageSchema,
      budget,
    );
  }

  #getBalance(currency: string, budget: RetryBudget): Promise<Balance> {
    return this.#json(
      { method: "GET", path: paths.balance(this.authId, currency), action: `Reading the ${currency} balance of ${this.authId}` },
      balanceSchema,
      budget,
    );
  }

  // Iterators give each page its own budget, unless a call that pages (a
  // lookup inside a purchase) shares its own.
  #numberPages(params: NumbersIterationParams, budget?: RetryBudget): AsyncGenerator<PhoneNumber, void, undefined> {
    const { onPage, ...filters } = params;
    let listed = 0;
    return paginate(async (page) => {
      const perPage = filters.perPage ?? MAX_PAGE_SIZE;
      const result = await this.#listNumbers({ ...filters, page, perPage }, budget ?? this.#budget());
      listed += result.items.length;
      onPage?.({ listed, total: result.total });
      return sliceOf(result);
    });
  }

  #inventoryPages(params: Omit<ListInventoryParams, "page">, budget?: RetryBudget): AsyncGenerator<PhoneNumber, void, undefined> {
    return paginate(async (page) => {
      const perPage = params.perPage ?? MAX_PAGE_SIZE;
      return sliceOf(await this.#listInventory({ ...params, page, perPage }, budget ?? this.#budget()));
    });
  }

  #findOwned(e164: string, budget: RetryBudget): Promise<PhoneNumber | undefined> {
    return firstWithE164(this.#numberPages({ search: e164 }, budget), e164);
  }

  #findInInventory(e164: string, budget: RetryBudget): Promise<PhoneNumber | undefined> {
    return firstWithE164(this.#inventoryPages({ search: e164 }, budget), e164);
  }

  #budget(): RetryBudget {
    return new RetryBudget(this.#retry.deadlineMs);
  }

  #context(operation: Operation, attempts?: number): RequestContext {
    const context: RequestContext = { action: operation.action, account: this.authId, method: operation.method, path: operation.path };
    if (attempts !== undefined) context.attempts = attempts;
    if (operation.hints !== undefined) context.hints = operation.hints;
    return context;
  }

  /** Sends `operation` with retries; resolves with a 2xx status and body, throws a `VobizError` otherwise. */
  #call(operation: Operation, budget: RetryBudget): Promise<{ status: number; body: string }> {
    return withRetries(
      async (attempt) => {
        const outcome = await send(this.#http, operation, { authId: this.authId, authToken: this.#authToken });
        const context = this.#context(operation, attempt);
        if (outcome.kind === "no-response") throw connectionError(context, outcome.code, outcome.reason, outcome.timedOut);
        const body = redact(outcome.body, this.#authToken);
        if (outcome.status >= 200 && outcome.status < 300) return { status: outcome.status, body };
        throw errorFromResponse({ status: outcome.status, headers: outcome.headers, body }, context);
      },
      operation,
      this.#retry,
      budget,
    );
  }

  /** Like `#call`, then parses the body with `schema`; throws `InvalidResponseError` naming the field that does not fit. */
  async #json<S extends z.ZodType>(operation: Operation, schema: S, budget: RetryBudget): Promise<z.output<S>> {
    const { status, body } = await this.#call(operation, budget);
    const context = this.#context(operation);
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw invalidResponseError(context, status, "(body)", body.trim() === "" ? "empty, expected JSON" : "not valid JSON");
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const { field, problem } = firstProblem(parsed.error);
      throw invalidResponseError(context, status, field, problem);
    }
    return parsed.data;
  }
}

function sliceOf(page: Page): PageSlice<PhoneNumber> {
  return { items: page.items, pageSize: page.perPage, total: page.total };
}

// `search` is a substring match: +9198… also finds +91981…, hence the exact comparison.
async function firstWithE164(numbers: AsyncIterable<PhoneNumber>, e164: string): Promise<PhoneNumber | undefined> {
  for await (const number of numbers) if (number.e164 === e164) return number;
  return undefined;
}

function setNumber(query: URLSearchParams, name: string, value: number | undefined): void {
  if (value !== undefined) query.set(name, String(value));
}

function requireId(name: string, value: string): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new TypeError(`${name} must be a non-empty string; got ${JSON.stringify(value)}.`);
  }
  return value.trim();
}
