import { NotFoundError, PurchaseOutcomeUnknownError, type PhoneNumber as VobizNumber, type VobizClient } from "../sdk";
import { describeCriteria } from "./criteria-description";
import { isDeclaredExactly, registrationsSettled } from "./declared-numbers";
import type { PhoneNumberInputs } from "./phone-number-inputs";

const PAGE_SIZE = 100;
// Refusals that mean another buyer got the candidate between the listing and the purchase (404). Past this
// many, inventory is moving faster than we can buy from it, and another run does better than more tries.
const MAX_TAKEN_BY_OTHERS = 10;

// Every create of a deployment runs in this one provider process. Creates with the same criteria share one
// listing, handed out candidate by candidate, so siblings never try the same number and nobody pages the
// inventory twice; the two sets keep creates with overlapping criteria apart.
const pools = new Map<string, CandidatePool>();
const beingBought = new Set<string>();
const boughtByCriteria = new Set<string>();

/**
 * Buys one inventory number that meets the criteria and returns it. Waits first until the program's
 * registrations settle, so that no number a sibling names exactly is taken (see declared-numbers.ts).
 *
 * Candidates come in a random order (so that deployments elsewhere rarely race us for one) from a listing
 * shared by every create with the same criteria. A candidate someone else bought first (404) is skipped;
 * a sibling waits for the purchases in flight before it concludes that nothing is left. Fails naming the
 * criteria when nothing fits, and with the purchase's error when it fails for another reason.
 */
export async function purchaseMatchingNumber(client: VobizClient, criteria: PhoneNumberInputs): Promise<VobizNumber> {
  await registrationsSettled();
  const pool = openPool(client, criteria);
  let takenByOthers = 0;
  try {
    for (;;) {
      const candidate = await pool.take();
      if (!candidate) throw nothingLeft(criteria, takenByOthers);
      beingBought.add(candidate.e164);
      let stillForSale = true;
      try {
        const bought = await client.purchaseNumber(candidate.e164, criteria.currency ? { currency: criteria.currency } : {});
        stillForSale = false;
        boughtByCriteria.add(bought.e164);
        return bought;
      } catch (error) {
        // A purchase whose outcome is unknown may have bought the number: no sibling may try it.
        stillForSale = !(error instanceof NotFoundError || error instanceof PurchaseOutcomeUnknownError);
        if (!(error instanceof NotFoundError)) throw error;
        takenByOthers += 1;
        if (takenByOthers >= MAX_TAKEN_BY_OTHERS) throw nothingLeft(criteria, takenByOthers);
      } finally {
        beingBought.delete(candidate.e164);
        pool.finish(candidate, stillForSale);
      }
    }
  } finally {
    closePool(pool);
  }
}

/** Whether a create by criteria in this process bought the number, for messages about an exact sibling. */
export function wasBoughtByCriteria(e164: string): boolean {
  return boughtByCriteria.has(e164);
}

function nothingLeft(criteria: PhoneNumberInputs, takenByOthers: number): Error {
  if (takenByOthers === 0) {
    return new Error(`No number in Vobiz inventory matches ${describeCriteria(criteria)}. Widen the criteria or name an exact e164.`);
  }
  return new Error(
    `Could not buy a number matching ${describeCriteria(criteria)}: ${takenByOthers} candidates were bought by another account ` +
      "between the listing and the purchase, and nothing was bought here. Run again.",
  );
}

/**
 * The inventory for one set of criteria, handed out a candidate at a time to every create of the deployment
 * that shares those criteria.
 *
 * It refills from the first page: the purchases made from it leave the inventory, so the first page then
 * holds numbers not seen yet, and 1000 numbers bought cost the ten pages they were listed on. (Walking on
 * to page 2, 3, … would skip what the purchases shifted forward.) Numbers seen before, bought or not, are
 * never handed out again; the pages are walked on only past numbers seen already.
 */
class CandidatePool {
  users = 0;
  lastUsedAt = Date.now();
  private readonly ready: VobizNumber[] = [];
  private readonly seen = new Set<string>();
  private spent = false;
  private fetching: Promise<void> | undefined;
  private inFlight = 0;
  private wakeUps: (() => void)[] = [];

  constructor(
    readonly key: string,
    private readonly client: VobizClient,
    private readonly criteria: PhoneNumberInputs,
  ) {}

  /** The next candidate nobody else is buying; undefined once the inventory has none left and no purchase is in flight. */
  async take(): Promise<VobizNumber | undefined> {
    for (;;) {
      const candidate = this.nextReady();
      if (candidate) {
        this.inFlight += 1;
        return candidate;
      }
      if (this.inFlight > 0) {
        // A purchase in flight may fail and give its candidate back, or succeed and free the first page.
        await new Promise<void>((resolve) => this.wakeUps.push(resolve));
      } else if (!this.spent) {
        this.fetching ??= this.refill().finally(() => (this.fetching = undefined));
        await this.fetching;
      } else {
        return undefined;
      }
    }
  }

  /** Ends the purchase of a taken candidate; one still for sale goes back for a sibling. */
  finish(candidate: VobizNumber, stillForSale: boolean): void {
    this.inFlight -= 1;
    this.lastUsedAt = Date.now();
    if (stillForSale) this.ready.push(candidate);
    const wakeUps = this.wakeUps;
    this.wakeUps = [];
    for (const wake of wakeUps) wake();
  }

  private nextReady(): VobizNumber | undefined {
    for (let candidate = this.ready.shift(); candidate; candidate = this.ready.shift()) {
      const e164 = candidate.e164;
      if (!isDeclaredExactly(e164) && !beingBought.has(e164) && !boughtByCriteria.has(e164)) return candidate;
    }
    return undefined;
  }

  // The first page that holds numbers not seen yet; the API cannot filter by fee, so that is done here.
  private async refill(): Promise<void> {
    const { country, contains, excludePrefixes, maxMonthlyFee, maxSetupFee } = this.criteria;
    for (let page = 1; ; page++) {
      const listed = await this.client.listInventory({
        ...(country ? { country } : {}),
        ...(contains ? { search: contains.replace(/^\+/, "") } : {}),
        ...(excludePrefixes?.length ? { exclude: excludePrefixes } : {}),
        page,
        perPage: PAGE_SIZE,
      });
      const unseen = listed.items.filter((number) => !this.seen.has(number.e164));
      for (const number of unseen) this.seen.add(number.e164);
      const fits = unseen.filter(
        (number) => (maxMonthlyFee === undefined || number.monthly_fee <= maxMonthlyFee) && (maxSetupFee === undefined || number.setup_fee <= maxSetupFee),
      );
      this.ready.push(...shuffle(fits));
      if (fits.length > 0) return;
      if (page * PAGE_SIZE >= listed.total || listed.items.length === 0) {
        this.spent = true;
        return;
      }
    }
  }
}

// Numbers picked by criteria leave the inventory a page at a time, so the listing of a deployment is kept
// while its creates keep coming, not dropped between the engine's batches of creates; one left idle for
// half a minute is listed afresh.
const POOL_IDLE_MS = 30_000;

function openPool(client: VobizClient, criteria: PhoneNumberInputs): CandidatePool {
  const { country, contains, excludePrefixes, maxMonthlyFee, maxSetupFee } = criteria;
  const key = JSON.stringify([client.baseUrl, client.authId, country, contains, excludePrefixes, maxMonthlyFee, maxSetupFee]);
  const kept = pools.get(key);
  const pool = kept && (kept.users > 0 || Date.now() - kept.lastUsedAt <= POOL_IDLE_MS) ? kept : new CandidatePool(key, client, criteria);
  pools.set(key, pool);
  pool.users += 1;
  pool.lastUsedAt = Date.now();
  return pool;
}

function closePool(pool: CandidatePool): void {
  pool.users -= 1;
  pool.lastUsedAt = Date.now();
}

function shuffle<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
