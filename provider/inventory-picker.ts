import { NotFoundError, PurchaseOutcomeUnknownError, type PhoneNumber as VobizNumber, type VobizClient } from "../sdk";
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

/** The criteria in words, for messages. */
export function describeCriteria(criteria: PhoneNumberInputs): string {
  const parts = [`country ${criteria.country}`];
  if (criteria.contains) parts.push(`containing ${criteria.contains}`);
  if (criteria.excludePrefixes?.length) parts.push(`not starting with ${criteria.excludePrefixes.join(", ")}`);
  if (criteria.maxMonthlyFee !== undefined) parts.push(`monthly fee at most ${criteria.maxMonthlyFee}`);
  if (criteria.maxSetupFee !== undefined) parts.push(`setup fee at most ${criteria.maxSetupFee}`);
  return parts.join(", ");
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

/** One listing of the inventory for one set of criteria, handed out a candidate at a time. */
class CandidatePool {
  users = 0;
  private readonly ready: VobizNumber[] = [];
  private readonly listing: AsyncIterator<VobizNumber>;
  private listed = false;
  private fetching: Promise<void> | undefined;
  private inFlight = 0;
  private wakeUps: (() => void)[] = [];

  constructor(
    readonly key: string,
    client: VobizClient,
    private readonly criteria: PhoneNumberInputs,
  ) {
    const listing = client.inventory({
      ...(criteria.country ? { country: criteria.country } : {}),
      ...(criteria.contains ? { search: criteria.contains.replace(/^\+/, "") } : {}),
      ...(criteria.excludePrefixes?.length ? { exclude: criteria.excludePrefixes } : {}),
      perPage: PAGE_SIZE,
    });
    this.listing = listing[Symbol.asyncIterator]();
  }

  /** The next candidate nobody else is buying; undefined once the listing is spent and no purchase is in flight. */
  async take(): Promise<VobizNumber | undefined> {
    for (;;) {
      const candidate = this.nextReady();
      if (candidate) {
        this.inFlight += 1;
        return candidate;
      }
      if (!this.listed) {
        this.fetching ??= this.fetchPage().finally(() => (this.fetching = undefined));
        await this.fetching;
      } else if (this.inFlight > 0) {
        await new Promise<void>((resolve) => this.wakeUps.push(resolve));
      } else {
        return undefined;
      }
    }
  }

  /** Ends the purchase of a taken candidate; one still for sale goes back for a sibling. */
  finish(candidate: VobizNumber, stillForSale: boolean): void {
    this.inFlight -= 1;
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

  // About one page of the listing; the API cannot filter by fee, so that is done here.
  private async fetchPage(): Promise<void> {
    const page: VobizNumber[] = [];
    while (page.length < PAGE_SIZE) {
      const next = await this.listing.next();
      if (next.done) {
        this.listed = true;
        break;
      }
      const number = next.value;
      if (this.criteria.maxMonthlyFee !== undefined && number.monthly_fee > this.criteria.maxMonthlyFee) continue;
      if (this.criteria.maxSetupFee !== undefined && number.setup_fee > this.criteria.maxSetupFee) continue;
      page.push(number);
    }
    this.ready.push(...shuffle(page));
  }
}

// A listing lives as long as some create uses it: a create that starts later lists the inventory afresh.
function openPool(client: VobizClient, criteria: PhoneNumberInputs): CandidatePool {
  const { country, contains, excludePrefixes, maxMonthlyFee, maxSetupFee } = criteria;
  const key = JSON.stringify([client.baseUrl, client.authId, country, contains, excludePrefixes, maxMonthlyFee, maxSetupFee]);
  const pool = pools.get(key) ?? new CandidatePool(key, client, criteria);
  pools.set(key, pool);
  pool.users += 1;
  return pool;
}

function closePool(pool: CandidatePool): void {
  pool.users -= 1;
  if (pool.users === 0 && pools.get(pool.key) === pool) pools.delete(pool.key);
}

function shuffle<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
