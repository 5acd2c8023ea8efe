import { inventoryNumberView } from "../number-views";
import { excludePrefixes, isReply, matchesAnyPrefix, matchesSearch, pageOf, readPaging } from "../query-params";
import type { PublicHandler } from "./context";

/**
 * `GET /api/v1/Account/{id}/inventory/numbers`: numbers that can be bought, filtered by `country`,
 * `search` (substring) and `exclude` (E.164 prefixes, which win over `search`). Fails with 400 on a
 * bad `page` or `per_page`.
 */
export const listInventory: PublicHandler = ({ store, query }) => {
  const paging = readPaging(query, "per_page");
  if (isReply(paging)) return paging;
  const country = query.get("country")?.trim().toUpperCase() ?? "";
  const search = query.get("search");
  const excluded = excludePrefixes(query);
  const matching = store
    .inventory()
    .filter((n) => country === "" || n.country === country)
    .filter((n) => matchesSearch(n.e164, search))
    .filter((n) => !matchesAnyPrefix(n.e164, excluded));
  return {
    status: 200,
    body: {
      items: pageOf(matching, paging).map(inventoryNumberView),
      page: paging.page,
      per_page: paging.size,
      total: matching.length,
    },
  };
};
