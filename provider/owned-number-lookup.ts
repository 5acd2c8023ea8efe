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
 * Finds a number the account owns, sharing one paged listing between the many reads of a refresh (or the
 * adopting creates of an `up`).
 *
 * The first read fetches the first page of the account's numbers (100), which answers every read when
 * the account holds no more. Otherwise each read searches for its own number until the reads outnumber
 * the pages left, and from then on the rest of the listing is fetched once and shared. Refreshing N numbers
 * therefore costs about twice the cheaper of N searches and one full listing, plus one search per number
 * that is gone.
 */
export async function lookupOwnedNumber(client: VobizClient, e164: string): Promise<VobizNumber | undefined> {
  const key = `${client.baseUrl}|${client.authId}`;
  const snapshot = currentSnapshot(key, client);
  snapshot.lookups += 1;
  const { byE164, total } = await snapshot.firstPage;
  const pagesLeft = Math.ceil(total / PAGE_SIZE) - 1;
  // From the read that makes the reads outnumber the pages left, the rest of the listing is fetched in the
  // background, even when the first page answers that read, so that it is there when a later read needs it.
  if (pagesLeft > 0 && snapshot.lookups >= pagesLeft) snapshot.rest ??= fetchRest(client, total, () => forget(key, snapshot));
  let found = byE164.get(e164);
  if (!found && snapshot.rest) found = (await snapshot.rest).get(e164);
  // A number missing from a listing is confirmed by its own search: dropping it from state on a
  // listing that shifted underneath us would lose a number we still pay for.
  return found ?? client.findOwnedNumber(e164);
}

/** Drops cached listings after this process changed something, so later reads see the change. */
export function forgetOwnedNumbers(): void {
  snapshots.clear();
}

/**
 * Runs a write of this process to the account's numbers (a purchase, a release, a change of routing), then
 * drops the cached listings whether it succeeded or not, so that no lookup after it answers from before it.
 */
export async function writing<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } finally {
    forgetOwnedNumbers();
  }
}

function currentSnapshot(key: string, client: VobizClient): Snapshot {
  const cached = snapshots.get(key);
  if (cached && Date.now() - cached.takenAt <= SNAPSHOT_TTL_MS) return cached;
  const snapshot: Snapshot = { takenAt: Date.now(), firstPage: fetchFirstPage(client), lookups: 0 };
  snapshots.set(key, snapshot);
  snapshot.firstPage.catch(() => forget(key, snapshot));
  return snapshot;
}

// A listing that failed is not kept: the next read starts a new one. Its readers see the failure.
function forget(key: string, snapshot: Snapshot): void {
  if (snapshots.get(key) === snapshot) snapshots.delete(key);
}

async function fetchFirstPage(client: VobizClient) {
  const page = await client.listNumbers({ page: 1, perPage: PAGE_SIZE });
  return { byE164: new Map(page.items.map((n) => [n.e164, n])), total: page.total };
}

// Pages of the rest of a listing fetched at once: enough to be quick, few enough not to provoke a 429 storm.
const PAGES_IN_FLIGHT = 4;

function fetchRest(client: VobizClient, total: number, onFailure: () => void): Promise<Map<string, VobizNumber>> {
  const rest = fetchPages(client, total);
  rest.catch(onFailure);
  return rest;
}

async function fetchPages(client: VobizClient, total: number): Promise<Map<string, VobizNumber>> {
  const pages = Array.from({ length: Math.ceil(total / PAGE_SIZE) - 1 }, (_, i) => i + 2);
  const byE164 = new Map<string, VobizNumber>();
  for (let start = 0; start < pages.length; start += PAGES_IN_FLIGHT) {
    const batch = pages.slice(start, start + PAGES_IN_FLIGHT);
    const results = await Promise.all(batch.map((page) => client.listNumbers({ page, perPage: PAGE_SIZE })));
    for (const number of results.flatMap((result) => result.items)) byE164.set(number.e164, number);
  }
  return byE164;
}
