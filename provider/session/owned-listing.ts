import { MAX_PAGE_SIZE, type PhoneNumber as VobizNumber, type VobizClient } from "../../sdk";
import type { Clock } from "./clock";
import type { DeploymentTimings } from "./timings";

// Pages of the rest of a listing fetched at once: enough to be quick, few enough not to provoke a 429 storm.
// The SDK's `numbers()` iterator fetches one page after another, which would make a refresh of 1000 numbers
// wait for ten pages in a row; here the page count is known from the first page, so the rest go in parallel.
const PAGES_IN_FLIGHT = 4;

interface Snapshot {
  takenAt: number;
  firstPage: Promise<{ byE164: Map<string, VobizNumber>; total: number }>;
  rest?: Promise<Map<string, VobizNumber>>;
  lookups: number;
}

/**
 * One paged listing of the account's numbers shared between the many reads of a refresh (or the adopting
 * creates of an `up`), dropped whenever the deployment writes to the account.
 */
export class OwnedListings {
  private readonly snapshots = new Map<string, Snapshot>();

  constructor(
    private readonly clock: Clock,
    private readonly timings: DeploymentTimings,
  ) {}

  /**
   * Finds a number the account owns. The first read fetches the first page of the account's numbers (100),
   * which answers every read when the account holds no more. Otherwise each read searches for its own number
   * until the reads outnumber the pages left, and from then on the rest of the listing is fetched once and
   * shared. Refreshing N numbers therefore costs about twice the cheaper of N searches and one full listing,
   * plus one search per number that is gone.
   */
  async lookup(client: VobizClient, e164: string): Promise<VobizNumber | undefined> {
    const key = `${client.baseUrl}|${client.authId}`;
    const snapshot = this.current(key, client);
    snapshot.lookups += 1;
    const { byE164, total } = await snapshot.firstPage;
    const pagesLeft = Math.ceil(total / MAX_PAGE_SIZE) - 1;
    // From the read that makes the reads outnumber the pages left, the rest of the listing is fetched in the
    // background, even when the first page answers that read, so that it is there when a later read needs it.
    if (pagesLeft > 0 && snapshot.lookups >= pagesLeft) snapshot.rest ??= fetchRest(client, total, () => this.forgetOne(key, snapshot));
    let found = byE164.get(e164);
    if (!found && snapshot.rest) found = (await snapshot.rest).get(e164);
    // A number missing from a listing is confirmed by its own search: dropping it from state on a
    // listing that shifted underneath us would lose a number we still pay for.
    return found ?? client.findOwnedNumber(e164);
  }

  /** Drops every cached listing, so later reads see what this deployment changed. */
  forget(): void {
    this.snapshots.clear();
  }

  /** Runs a write to the account's numbers, then drops the cached listings whether it succeeded or not. */
  async writing<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } finally {
      this.forget();
    }
  }

  private current(key: string, client: VobizClient): Snapshot {
    const cached = this.snapshots.get(key);
    const now = this.clock.now();
    if (cached && now - cached.takenAt <= this.timings.ownedListingTtlMs) return cached;
    const snapshot: Snapshot = { takenAt: now, firstPage: fetchFirstPage(client), lookups: 0 };
    this.snapshots.set(key, snapshot);
    snapshot.firstPage.catch(() => this.forgetOne(key, snapshot));
    return snapshot;
  }

  // A listing that failed is not kept: the next read starts a new one. Its readers see the failure.
  private forgetOne(key: string, snapshot: Snapshot): void {
    if (this.snapshots.get(key) === snapshot) this.snapshots.delete(key);
  }
}

async function fetchFirstPage(client: VobizClient) {
  const page = await client.listNumbers({ page: 1, perPage: MAX_PAGE_SIZE });
  return { byE164: new Map(page.items.map((n) => [n.e164, n])), total: page.total };
}

function fetchRest(client: VobizClient, total: number, onFailure: () => void): Promise<Map<string, VobizNumber>> {
  const rest = fetchPages(client, total);
  rest.catch(onFailure);
  return rest;
}

async function fetchPages(client: VobizClient, total: number): Promise<Map<string, VobizNumber>> {
  const pages = Array.from({ length: Math.ceil(total / MAX_PAGE_SIZE) - 1 }, (_, i) => i + 2);
  const byE164 = new Map<string, VobizNumber>();
  for (let start = 0; start < pages.length; start += PAGES_IN_FLIGHT) {
    const batch = pages.slice(start, start + PAGES_IN_FLIGHT);
    const results = await Promise.all(batch.map((page) => client.listNumbers({ page, perPage: MAX_PAGE_SIZE })));
    for (const number of results.flatMap((result) => result.items)) byE164.set(number.e164, number);
  }
  return byE164;
}
