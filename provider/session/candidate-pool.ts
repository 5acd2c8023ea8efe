import { MAX_PAGE_SIZE, type PhoneNumber as VobizNumber, type VobizClient } from "../../sdk";
import type { PhoneNumberInputs } from "../phone-number/inputs";
import type { Clock } from "./clock";
import type { DeploymentTimings } from "./timings";

/**
 * The inventory for one set of criteria, handed out a candidate at a time to every create of the deployment
 * that shares those criteria, so siblings never try the same number and nobody pages the inventory twice.
 *
 * It refills from the first page: the purchases made from it leave the inventory, so the first page then
 * holds numbers not seen yet, and 1000 numbers bought cost the ten pages they were listed on. (Walking on
 * to page 2, 3, … would skip what the purchases shifted forward.) Numbers seen before, bought or not, are
 * never handed out again; the pages are walked on only past numbers seen already.
 */
export class CandidatePool {
  users = 0;
  lastUsedAt: number;
  private readonly ready: VobizNumber[] = [];
  private readonly seen = new Set<string>();
  private spent = false;
  private fetching: Promise<void> | undefined;
  private inFlight = 0;
  private wakeUps: (() => void)[] = [];

  constructor(
    private readonly client: VobizClient,
    private readonly criteria: PhoneNumberInputs,
    private readonly isAvailable: (e164: string) => boolean,
    now: number,
  ) {
    this.lastUsedAt = now;
  }

  /** The next candidate nobody else may be buying; undefined once the inventory has none left and no purchase is in flight. */
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

  /** Ends the purchase of a taken candidate; one that is certainly still for sale goes back for a sibling. */
  finish(candidate: VobizNumber, stillForSale: boolean, now: number): void {
    this.inFlight -= 1;
    this.lastUsedAt = now;
    if (stillForSale) this.ready.push(candidate);
    const wakeUps = this.wakeUps;
    this.wakeUps = [];
    for (const wake of wakeUps) wake();
  }

  private nextReady(): VobizNumber | undefined {
    for (let candidate = this.ready.shift(); candidate; candidate = this.ready.shift()) {
      if (this.isAvailable(candidate.e164)) return candidate;
    }
    return undefined;
  }

  // The first page that holds numbers not seen yet; the API cannot filter by fee, so that is done here. The
  // pages are walked here rather than with the SDK's `inventory()` iterator because each refill starts again
  // at page 1 (see the class comment) and stops at the first page with a fit: it needs page boundaries.
  private async refill(): Promise<void> {
    const { country, contains, excludePrefixes, maxMonthlyFee, maxSetupFee } = this.criteria;
    for (let page = 1; ; page++) {
      const listed = await this.client.listInventory({
        ...(country ? { country } : {}),
        ...(contains ? { search: contains.replace(/^\+/, "") } : {}),
        ...(excludePrefixes?.length ? { exclude: excludePrefixes } : {}),
        page,
        perPage: MAX_PAGE_SIZE,
      });
      const unseen = listed.items.filter((number) => !this.seen.has(number.e164));
      for (const number of unseen) this.seen.add(number.e164);
      const fits = unseen.filter(
        (number) => (maxMonthlyFee === undefined || number.monthly_fee <= maxMonthlyFee) && (maxSetupFee === undefined || number.setup_fee <= maxSetupFee),
      );
      this.ready.push(...shuffle(fits));
      if (fits.length > 0) return;
      if (page * MAX_PAGE_SIZE >= listed.total || listed.items.length === 0) {
        this.spent = true;
        return;
      }
    }
  }
}

/** The candidate pools of one deployment, one per account and criteria, kept while their creates keep coming. */
export class CandidatePools {
  private readonly pools = new Map<string, CandidatePool>();

  constructor(
    private readonly clock: Clock,
    private readonly timings: DeploymentTimings,
    private readonly isAvailable: (e164: string) => boolean,
  ) {}

  /** The pool for these criteria, opened for one more user; close it with `close`. */
  open(client: VobizClient, criteria: PhoneNumberInputs): CandidatePool {
    const { country, contains, excludePrefixes, maxMonthlyFee, maxSetupFee } = criteria;
    const key = JSON.stringify([client.baseUrl, client.authId, country, contains, excludePrefixes, maxMonthlyFee, maxSetupFee]);
    const now = this.clock.now();
    const kept = this.pools.get(key);
    const fresh = kept && (kept.users > 0 || now - kept.lastUsedAt <= this.timings.candidatePoolIdleMs);
    const pool = fresh ? kept : new CandidatePool(client, criteria, this.isAvailable, now);
    this.pools.set(key, pool);
    pool.users += 1;
    pool.lastUsedAt = now;
    return pool;
  }

  /** Ends one user's use of the pool. */
  close(pool: CandidatePool): void {
    pool.users -= 1;
    pool.lastUsedAt = this.clock.now();
  }
}

function shuffle<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
