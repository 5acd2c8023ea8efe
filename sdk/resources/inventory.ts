import type { ApiRequester, Operation } from "../api-requester";
import { MAX_PAGE_SIZE, paginate } from "../pagination";
import { paths } from "../paths";
import { purchaseWithReconciliation } from "../purchase";
import { setNumber } from "../request-params";
import type { RetryBudget } from "../retry";
import { phoneNumberPageSchema, purchaseResponseSchema, type Page, type PhoneNumber } from "../schemas";
import * as balance from "./balance";
import { findOwned, firstWithE164, sliceOf } from "./numbers";

// The numbers for sale: listing them, and buying one. Each function is the request behind the
// `VobizClient` method of the same purpose and fails as that method says.

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

/** `GET …/inventory/numbers`: one page of the numbers for sale. */
export function list(api: ApiRequester, params: ListInventoryParams, budget: RetryBudget): Promise<Page> {
  const query = new URLSearchParams();
  if (params.country !== undefined) query.set("country", params.country);
  if (params.search !== undefined) query.set("search", params.search);
  // Repeated `exclude=` params, one per prefix (docs/api-notes.md "Lists").
  for (const prefix of params.exclude ?? []) query.append("exclude", prefix);
  setNumber(query, "page", params.page);
  setNumber(query, "per_page", params.perPage);
  return api.json(
    { method: "GET", path: paths.inventory(api.authId), query, action: `Listing the Vobiz inventory for ${api.authId}` },
    phoneNumberPageSchema,
    budget,
  );
}

/** Every number for sale that matches, page after page; each page gets its own budget unless one is given. */
export function pages(api: ApiRequester, params: Omit<ListInventoryParams, "page">, budget?: RetryBudget): AsyncGenerator<PhoneNumber, void, undefined> {
  return paginate(async (page) => {
    const perPage = params.perPage ?? MAX_PAGE_SIZE;
    return sliceOf(await list(api, { ...params, page, perPage }, budget ?? api.budget()));
  });
}

/** The inventory row whose E.164 is exactly `e164`, or undefined. */
export function find(api: ApiRequester, e164: string, budget: RetryBudget): Promise<PhoneNumber | undefined> {
  return firstWithE164(pages(api, { search: e164 }, budget), e164);
}

/** `POST …/numbers/purchase-from-inventory`, reconciled by a lookup when the answer is lost (purchase.ts). */
export function purchase(api: ApiRequester, e164: string, options: { currency?: string; soleBuyer?: boolean }): Promise<PhoneNumber> {
  const budget = api.budget();
  const body: { e164: string; currency?: string } = { e164 };
  if (options.currency !== undefined) body.currency = options.currency;
  const operation: Operation = {
    method: "POST",
    path: paths.purchase(api.authId),
    body,
    action: `Buying ${e164} for ${api.authId}`,
    hints: {
      404: `${e164} is not in Vobiz inventory: another account owns it, it is quarantined after a release, or it was never stocked. Pick another number with listInventory().`,
    },
  };
  return purchaseWithReconciliation({
    authId: api.authId,
    e164,
    context: api.context(operation),
    settings: api.retry,
    budget,
    send: async () => (await api.json(operation, purchaseResponseSchema, budget)).number,
    soleBuyer: options.soleBuyer === true,
    findOwned: () => findOwned(api, e164, budget),
    findInInventory: () => find(api, e164, budget),
    readBalance: (currency) => balance.get(api, currency, budget),
  });
}
