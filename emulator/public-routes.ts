import { getBalance } from "./handlers/get-balance";
import { cancelRelease } from "./handlers/cancel-release";
import { attachApplication, detachApplication } from "./handlers/application-attachment";
import type { PublicHandler } from "./handlers/context";
import { listInventory } from "./handlers/list-inventory";
import { listNumbers } from "./handlers/list-numbers";
import { purchaseNumber } from "./handlers/purchase-number";
import { releaseNumber } from "./handlers/release-number";
import { assignSubAccount, unassignSubAccount } from "./handlers/sub-account-assignment";
import { getSubAccount, listSubAccounts } from "./handlers/sub-accounts";
import { assignTrunk, unassignTrunk } from "./handlers/trunk-assignment";
import { pathPattern, type PathPattern } from "./router";

/** One operation of the public API: its name in the request log, method, exact path and handler. */
export interface PublicRoute {
  readonly name: string;
  readonly method: string;
  readonly pattern: PathPattern;
  readonly handler: PublicHandler;
  /** cancel-release accepts HTTP Basic and answers 401 in the nested form. */
  readonly cancelReleaseAuth?: true;
}

function route(name: string, method: string, path: string, handler: PublicHandler, cancelReleaseAuth?: true): PublicRoute {
  return { name, method, pattern: pathPattern(path), handler, ...(cancelReleaseAuth ? { cancelReleaseAuth } : {}) };
}

// Casing is exactly the contract: capital /Account/ for most operations, lowercase /account/
// for assign-subaccount and cancel-release, plural /accounts/ for sub-accounts (docs/api-notes.md).
/** The public routes; every path starts with `/api/v1`, `:accountId` must equal `X-Auth-ID`. */
export const publicRoutes: readonly PublicRoute[] = [
  route("listNumbers", "GET", "/api/v1/Account/:accountId/numbers", listNumbers),
  route("listInventory", "GET", "/api/v1/Account/:accountId/inventory/numbers", listInventory),
  route("purchaseNumber", "POST", "/api/v1/Account/:accountId/numbers/purchase-from-inventory", purchaseNumber),
  route("releaseNumber", "DELETE", "/api/v1/Account/:accountId/numbers/:e164", releaseNumber),
  route("cancelRelease", "POST", "/api/v1/account/:accountId/numbers/:e164/cancel-release", cancelRelease, true),
  route("assignSubAccount", "POST", "/api/v1/account/:accountId/numbers/:e164/assign-subaccount", assignSubAccount),
  route("unassignSubAccount", "DELETE", "/api/v1/account/:accountId/numbers/:e164/assign-subaccount", unassignSubAccount),
  route("assignTrunk", "POST", "/api/v1/Account/:accountId/numbers/:e164/assign", assignTrunk),
  route("unassignTrunk", "DELETE", "/api/v1/Account/:accountId/numbers/:e164/assign", unassignTrunk),
  route("attachApplication", "POST", "/api/v1/Account/:accountId/numbers/:e164/application", attachApplication),
  route("detachApplication", "DELETE", "/api/v1/Account/:accountId/numbers/:e164/application", detachApplication),
  route("getBalance", "GET", "/api/v1/Account/:accountId/balance/:currency", getBalance),
  route("listSubAccounts", "GET", "/api/v1/accounts/:accountId/sub-accounts/", listSubAccounts),
  route("getSubAccount", "GET", "/api/v1/accounts/:accountId/sub-accounts/:subAccountId", getSubAccount),
];
