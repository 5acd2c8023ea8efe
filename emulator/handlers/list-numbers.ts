import { ownedNumberView } from "../number-views";
import { isReply, matchesSearch, pageOf, readPaging } from "../query-params";
import type { PublicHandler } from "./context";

/**
 * `GET /api/v1/Account/{id}/numbers`: the caller's numbers (a master also sees its sub-accounts'),
 * sorted by e164, filtered by `search` (substring). Fails with 400 on a bad `page` or `per_page`.
 */
export const listNumbers: PublicHandler = ({ store, caller, query }) => {
  const paging = readPaging(query, "per_page");
  if (isReply(paging)) return paging;
  const search = query.get("search");
  const matching = store.numbersVisibleTo(caller).filter((n) => matchesSearch(n.e164, search));
  return {
    status: 200,
    body: {
      items: pageOf(matching, paging).map(ownedNumberView),
      page: paging.page,
      per_page: paging.size,
      total: matching.length,
    },
  };
};
