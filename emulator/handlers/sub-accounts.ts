import { isoTime } from "../clock";
import { apiErrors } from "../errors";
import type { Account } from "../model";
import { isReply, pageOf, readBoolean, readPaging } from "../query-params";
import { stableUuid } from "../stable-id";
import { pathParam, type PublicHandler } from "./context";

/**
 * `GET /api/v1/accounts/{id}/sub-accounts/` (`page`, `size`, `active_only`): the caller's
 * sub-accounts, newest first, tokens redacted. Fails with 403 for sub-account credentials and 400
 * on a bad paging or `active_only` parameter.
 */
export const listSubAccounts: PublicHandler = ({ store, caller, query }) => {
  if (caller.parent_id !== null) return apiErrors.subAccountsRequireMaster;
  const paging = readPaging(query, "size");
  if (isReply(paging)) return paging;
  // Accepted and checked, but every emulated sub-account is active: nothing disables one.
  if (readBoolean(query, "active_only") === undefined) return apiErrors.notBoolean("active_only");
  const children = store
    .childrenOf(caller.auth_id)
    .sort((a, b) => b.created_at - a.created_at || (a.auth_id < b.auth_id ? 1 : -1));
  return {
    status: 200,
    body: {
      sub_accounts: pageOf(children, paging).map(subAccountView),
      total: children.length,
      page: paging.page,
      size: paging.size,
    },
  };
};

/**
 * `GET /api/v1/accounts/{id}/sub-accounts/{sub}`: one sub-account, token redacted. Fails with 403
 * for sub-account credentials and 404 when the sub-account is not the caller's child.
 */
export const getSubAccount: PublicHandler = (request) => {
  const { store, caller } = request;
  if (caller.parent_id !== null) return apiErrors.subAccountsRequireMaster;
  const sub = store.account(pathParam(request, "subAccountId"));
  if (sub?.parent_id !== caller.auth_id) return apiErrors.subAccountNotFound;
  return { status: 200, body: subAccountView(sub) };
};

function subAccountView(sub: Account): Record<string, unknown> {
  const parent = sub.parent_id ?? "";
  return {
    name: sub.name,
    email: null,
    phone: null,
    description: "",
    permissions: { calls: true, cdr: true },
    rate_limit: 1000,
    id: stableUuid("account", sub.auth_id),
    parent_account_id: stableUuid("account", parent),
    parent_auth_id: parent,
    auth_id: sub.auth_id,
    auth_token: "<redacted>",
    api_id: stableUuid("api", sub.auth_id),
    email_verified: false,
    enabled: true,
    created: isoTime(sub.created_at),
    modified: isoTime(sub.updated_at),
    is_active: true,
    created_at: isoTime(sub.created_at),
    updated_at: isoTime(sub.updated_at),
    last_used: null,
    account: `/v1/Account/${parent}/`,
    resource_uri: `/v1/Account/${parent}/Subaccount/${sub.auth_id}/`,
  };
}
