import type { ApiRequester, Operation } from "../api-requester";
import { paginate, MAX_PAGE_SIZE, type PageSlice } from "../pagination";
import { paths } from "../paths";
import { releaseWithReconciliation } from "../release";
import { setNumber } from "../request-params";
import type { RetryBudget } from "../retry";
import {
  cancelReleaseResponseSchema,
  phoneNumberPageSchema,
  releaseResponseSchema,
  type CancelReleaseResult,
  type Page,
  type PhoneNumber,
  type ReleaseResult,
} from "../schemas";

// The numbers an account owns: listing them, finding one, releasing one. Each function is the request
// behind the `VobizClient` method of the same purpose and fails as that method says.

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

/** `GET …/numbers`: one page of the owned numbers. */
export function list(api: ApiRequester, params: ListNumbersParams, budget: RetryBudget): Promise<Page> {
  const query = new URLSearchParams();
  setNumber(query, "page", params.page);
  setNumber(query, "per_page", params.perPage);
  if (params.search !== undefined) query.set("search", params.search);
  const filter = params.search === undefined ? "" : ` matching "${params.search}"`;
  return api.json(
    { method: "GET", path: paths.numbers(api.authId), query, action: `Listing the numbers of ${api.authId}${filter}` },
    phoneNumberPageSchema,
    budget,
  );
}

/**
 * Every owned number, page after page. Each page gets its own retry budget, unless a call that pages (a
 * lookup inside a purchase) shares its own.
 */
export function pages(api: ApiRequester, params: NumbersIterationParams, budget?: RetryBudget): AsyncGenerator<PhoneNumber, void, undefined> {
  const { onPage, ...filters } = params;
  let listed = 0;
  return paginate(async (page) => {
    const perPage = filters.perPage ?? MAX_PAGE_SIZE;
    const result = await list(api, { ...filters, page, perPage }, budget ?? api.budget());
    listed += result.items.length;
    onPage?.({ listed, total: result.total });
    return sliceOf(result);
  });
}

/** The owned number (own or a sub-account's) whose E.164 is exactly `e164`, or undefined. */
export function findOwned(api: ApiRequester, e164: string, budget: RetryBudget): Promise<PhoneNumber | undefined> {
  return firstWithE164(pages(api, { search: e164 }, budget), e164);
}

/** `DELETE …/numbers/{e164}`, reconciled by a lookup when the answer is lost (release.ts). */
export function release(api: ApiRequester, e164: string, options: { immediate?: boolean }): Promise<ReleaseResult> {
  const budget = api.budget();
  const operation: Operation = {
    method: "DELETE",
    path: paths.release(api.authId, e164),
    query: new URLSearchParams(options.immediate === true ? { immediate: "true" } : {}),
    action: `Releasing ${e164} from ${api.authId}${options.immediate === true ? " immediately" : ""}`,
    hints: {
      400: `If ${e164} is already pending release, cancelRelease() restores it, or the release completes by itself after 24 h.`,
      403: `${api.authId} must own ${e164}, or be the master account of the sub-account that owns it.`,
    },
  };
  return releaseWithReconciliation({
    authId: api.authId,
    e164,
    context: api.context(operation),
    settings: api.retry,
    budget,
    send: () => api.json(operation, releaseResponseSchema, budget),
    findOwned: () => findOwned(api, e164, budget),
  });
}

/** `POST …/numbers/{e164}/cancel-release`. */
export function cancelRelease(api: ApiRequester, e164: string): Promise<CancelReleaseResult> {
  return api.json(
    {
      method: "POST",
      path: paths.cancelRelease(api.authId, e164),
      action: `Cancelling the release of ${e164} for ${api.authId}`,
      hints: {
        400: `Only a number in pending_release (within 24 h of a standard release) can be restored; an immediate or completed release cannot be undone.`,
        404: `${e164} is not a number of ${api.authId} or of its sub-accounts.`,
      },
    },
    cancelReleaseResponseSchema,
    api.budget(),
  );
}

/** A page of numbers as the paginator reads it. */
export function sliceOf(page: Page): PageSlice<PhoneNumber> {
  return { items: page.items, pageSize: page.per_page, total: page.total };
}

/**
 * The first of `numbers` whose E.164 is exactly `e164`, or undefined; fails with the page request that
 * failed. A `search` is a substring match (+9198… also finds +91981…), hence the exact comparison.
 */
export async function firstWithE164(numbers: AsyncIterable<PhoneNumber>, e164: string): Promise<PhoneNumber | undefined> {
  for await (const number of numbers) if (number.e164 === e164) return number;
  return undefined;
}
