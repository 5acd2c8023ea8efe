import type { PhoneNumber as VobizNumber, VobizClient } from "../sdk";

const PAGE_SIZE = 100;
// A snapshot serves the reads of one refresh; anything older is fetched again.
const SNAPSHOT_TTL_MS = 30_000;

interface Snapshot {
  takenAt: number;
  firstPage: Promise<{ byE164: Map<string, VobizNumber>; total: number }>;
  rest?: Promise<Map<string, VobizNumber>>;
  lookups: number;
}

const snapshots = new Map<string, Snapshot>();

/**
 * Finds a number the account owns, sharing one paged listing between the many reads of a refresh.
 *
 * The first read fetches the first page of the account's numbers (100), which answers every read when
 * the account holds no more. Otherwise each read searches for its own number until the reads outnumber
 * the pages left, and from then on the rest of the listing is fetched once and shared. Refreshing N numbers
 * therefore costs about twice the cheaper of N searches and one full listing, plus one search per number
 * that is gone.
 */
export async function lookupOwnedNumber(client: VobizClient, e164: string): Promise<VobizNumber | undefined> {
  const key = `${client.baseUrl}|${client.authId}`;
  let snapshot = snapshots.get(key);
  if (!snapshot || Date.now() - snapshot.takenAt > SNAPSHOT_TTL_MS) {
    snapshot = { takenAt: Date.now(), firstPage: fetchFirstPage(client), lookups: 0 };
    snapshots.set(key, snapshot);
    snapshot.firstPage.catch(() => snapshots.delete(key));
  }
  snapshot.lookups += 1;
  const { byE164, total } = await snapshot.firstPage;
  const pagesLeft = Math.ceil(total / PAGE_SIZE) - 1;
  let found = byE164.get(e164);
  if (!found && pagesLeft > 0 && (snapshot.rest || snapshot.lookups >= pagesLeft)) {
    snapshot.rest ??= fetchRest(client, total);
    found = (await snapshot.rest).get(e164);
  }
  // A number missing from a listing is confirmed by its own search: dropping it from state on a
  // listing that shifted underneath us would lose a number we still pay for.
  return found ?? client.findOwnedNumber(e164);
}

/** Drops cached listings after this process changed something, so later reads see the change. */
export function forgetOwnedNumbers(): void {
  snapshots.clear();
}

async function fetchFirstPage(client: VobizClient) {
  const page = await client.listNumbers({ page: 1, perPage: PAGE_SIZE });
  return { byE164: new Map(page.items.map((n) => [n.e164, n])), total: page.total };
}

// Pages of the rest of a listing fetched at once: enough to be quick, few enough not to provoke a 429 storm.
const PAGES_IN_FLIGHT = 4;

async function fetchRest(client: VobizClient, total: number): Promise<Map<string, VobizNumber>> {
  const pages = Array.from({ length: Math.ceil(total / PAGE_SIZE) - 1 }, (_, i) => i + 2);
  const byE164 = new Map<string, VobizNumber>();
  for (let start = 0; start < pages.length; start += PAGES_IN_FLIGHT) {
    const batch = pages.slice(start, start + PAGES_IN_FLIGHT);
    const results = await Promise.all(batch.map((page) => client.listNumbers({ page, perPage: PAGE_SIZE })));
    for (const number of results.flatMap((result) => result.items)) byE164.set(number.e164, number);
  }
  return byE164;
}
