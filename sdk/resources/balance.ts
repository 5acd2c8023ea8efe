import type { ApiRequester } from "../api-requester";
import { paths } from "../paths";
import type { RetryBudget } from "../retry";
import { balanceSchema, type Balance } from "../schemas";

/** `GET …/balance/{currency}`: the account's balance in one currency; fails as `VobizClient.getBalance` says. */
export function get(api: ApiRequester, currency: string, budget: RetryBudget): Promise<Balance> {
  return api.json(
    { method: "GET", path: paths.balance(api.authId, currency), action: `Reading the ${currency} balance of ${api.authId}` },
    balanceSchema,
    budget,
  );
}
