/**
 * The largest page Vobiz serves; a larger `per_page` is clamped to it (docs/api-notes.md "Lists"). Listing
 * `n` numbers therefore costs at least ceil(n / 100) calls.
 */
export const MAX_PAGE_SIZE = 100;

/** What the paginator needs from one page, whatever the list calls its fields. */
export interface PageSlice<T> {
  items: T[];
  /** The page size the server applied (it may clamp what was asked). */
  pageSize: number;
  /** How many items match in all. */
  total: number;
}

/**
 * Yields every item of a paged list, fetching page 1, 2, … with `fetchPage`.
 * Stops once `total` items were yielded, or a page comes back shorter than its
 * page size (Vobiz has no `next` link: docs/api-notes.md "Lists"), or empty.
 * Fails with the error of the page request that failed.
 */
export async function* paginate<T>(fetchPage: (page: number) => Promise<PageSlice<T>>): AsyncGenerator<T, void, undefined> {
  let seen = 0;
  for (let page = 1; ; page++) {
    const slice = await fetchPage(page);
    for (const item of slice.items) yield item;
    seen += slice.items.length;
    if (slice.items.length === 0 || slice.items.length < slice.pageSize || seen >= slice.total) return;
  }
}
