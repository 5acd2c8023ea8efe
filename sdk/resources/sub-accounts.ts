import type { ApiRequester } from "../api-requester";
import { MAX_PAGE_SIZE, paginate } from "../pagination";
import { paths } from "../paths";
import { requireId, setNumber } from "../request-params";
import type { RetryBudget } from "../retry";
import { subAccountPageSchema, subAccountSchema, type SubAccount, type SubAccountPage } from "../schemas";

// A master account's sub-accounts, and the numbers it hands to them. Each function is the request behind
// the `VobizClient` method of the same purpose and fails as that method says.

/** Filters of the sub-account list. */
export interface ListSubAccountsParams {
  page?: number;
  size?: number;
  activeOnly?: boolean;
}

/** `GET …/sub-accounts/`: one page of the sub-accounts. */
export function list(api: ApiRequester, params: ListSubAccountsParams, budget: RetryBudget): Promise<SubAccountPage> {
  const query = new URLSearchParams();
  setNumber(query, "page", params.page);
  setNumber(query, "size", params.size);
  if (params.activeOnly !== undefined) query.set("active_only", String(params.activeOnly));
  return api.json(
    {
      method: "GET",
      path: paths.subAccounts(api.authId),
      query,
      action: `Listing the sub-accounts of ${api.authId}`,
      hints: { 403: `Only a master account (MA_…) can list sub-accounts; ${api.authId} cannot.` },
    },
    subAccountPageSchema,
    budget,
  );
}

/** Every sub-account, page after page, each page with its own retry budget. */
export function pages(api: ApiRequester, params: Omit<ListSubAccountsParams, "page">): AsyncGenerator<SubAccount, void, undefined> {
  return paginate(async (page) => {
    const result = await list(api, { ...params, page, size: params.size ?? MAX_PAGE_SIZE }, api.budget());
    return { items: result.sub_accounts, pageSize: result.size, total: result.total };
  });
}

/** `GET …/sub-accounts/{sub}`. */
export function get(api: ApiRequester, subAccountId: string): Promise<SubAccount> {
  const sub = requireId("subAccountId", subAccountId);
  return api.json(
    {
      method: "GET",
      path: paths.subAccount(api.authId, sub),
      action: `Reading sub-account ${sub} of ${api.authId}`,
      hints: { 404: `${sub} is not a sub-account of ${api.authId}; listSubAccounts() shows those that are.` },
    },
    subAccountSchema,
    api.budget(),
  );
}

/** `POST …/numbers/{e164}/assign-subaccount`. */
export async function assign(api: ApiRequester, e164: string, subAccountId: string): Promise<void> {
  const sub = requireId("subAccountId", subAccountId);
  await api.call(
    {
      method: "POST",
      path: paths.subAccountAssignment(api.authId, e164),
      body: { sub_account_id: sub },
      action: `Assigning ${e164} to sub-account ${sub}`,
      hints: {
        400: `Unassign ${e164} from its current sub-account first.`,
        403: `Only a master account (MA_…) can assign numbers to its sub-accounts; ${api.authId} cannot.`,
        404: `${e164} must be owned by ${api.authId} itself (not by a sub-account), and ${sub} must be a sub-account of ${api.authId}.`,
      },
    },
    api.budget(),
  );
}

/** `DELETE …/numbers/{e164}/assign-subaccount`, with `?force=true` when forced. */
export async function unassign(api: ApiRequester, e164: string, options: { force?: boolean }): Promise<void> {
  const force = options.force === true;
  await api.call(
    {
      method: "DELETE",
      path: paths.subAccountAssignment(api.authId, e164),
      query: new URLSearchParams(force ? { force: "true" } : {}),
      action: `${force ? "Force-unassigning" : "Unassigning"} ${e164} from its sub-account`,
      hints: {
        403: force
          ? `force: true needs credentials with the admin role; ${api.authId} does not have it. Without force, wait for the cool-off to end.`
          : `Only the master account of the sub-account holding ${e164} can unassign it.`,
        404: `${e164} is not assigned to a sub-account of ${api.authId}.`,
      },
    },
    api.budget(),
  );
}
