/** One provider operation (a create or an update) that may buy a number; two are never the same claimant. */
export class Claimant {
  constructor(readonly description: string) {}
}

/**
 * Who may buy which number in one deployment, and who did. Vobiz cannot tag a number with the resource that
 * bought it, and "the account holds it" is true of every number any resource of the account bought, so a
 * number is taken as one resource's only on facts this object keeps:
 *
 * - A purchase is sent only by the operation that holds the number: no two operations of a deployment send
 *   a purchase of one number at once, so a purchase whose answer was lost and whose number the account then
 *   holds was made by the holder.
 * - A purchase that was answered records its buyer, for the rest of the deployment.
 * - A number a resource records without proof (an unconfirmed purchase) is reserved: no pick by criteria
 *   tries it, so it is still there, in inventory or held, when that resource finds out.
 *
 * Nothing here waits on a timer: holding is a queue, and a fact once recorded stays for the deployment.
 */
export class NumberClaims {
  private readonly holders = new Map<string, Claimant>();
  private readonly queues = new Map<string, (() => void)[]>();
  private readonly buyers = new Map<string, Claimant>();
  private readonly reserved = new Set<string>();

  /** Holds the number for `who` and returns true, or returns false at once when another operation holds it. */
  tryHold(e164: string, who: Claimant): boolean {
    const holder = this.holders.get(e164);
    if (holder !== undefined && holder !== who) return false;
    this.holders.set(e164, who);
    return true;
  }

  /** Holds the number for `who`, after every operation that holds it or asked before has let it go. */
  async hold(e164: string, who: Claimant): Promise<void> {
    while (!this.tryHold(e164, who)) {
      await new Promise<void>((resolve) => {
        const queue = this.queues.get(e164) ?? [];
        queue.push(resolve);
        this.queues.set(e164, queue);
      });
    }
  }

  /** Lets the number go, waking the next operation waiting for it. A number `who` does not hold is left as it is. */
  release(e164: string, who: Claimant): void {
    if (this.holders.get(e164) !== who) return;
    this.holders.delete(e164);
    const next = this.queues.get(e164)?.shift();
    if (this.queues.get(e164)?.length === 0) this.queues.delete(e164);
    next?.();
  }

  /** Runs `work` while holding the number for `who`, and lets it go however `work` ends. */
  async holding<T>(e164: string, who: Claimant, work: () => Promise<T>): Promise<T> {
    await this.hold(e164, who);
    try {
      return await work();
    } finally {
      this.release(e164, who);
    }
  }

  /** Whether an operation other than `who` holds the number now. */
  isHeldByAnother(e164: string, who?: Claimant): boolean {
    const holder = this.holders.get(e164);
    return holder !== undefined && holder !== who;
  }

  /** Records that a purchase of the number by `who` was answered with the number. */
  recordPurchase(e164: string, who: Claimant): void {
    this.buyers.set(e164, who);
  }

  /** The operation of this deployment whose purchase of the number was answered, if any. */
  buyerOf(e164: string): Claimant | undefined {
    return this.buyers.get(e164);
  }

  /** Keeps picks by criteria off a number that a resource of this deployment records without proof. */
  reserve(e164: string): void {
    this.reserved.add(e164);
  }

  /** Whether a pick by criteria may try the number: nobody holds it, reserved it, or bought it in this deployment. */
  isFreeForPick(e164: string): boolean {
    return !this.holders.has(e164) && !this.reserved.has(e164) && !this.buyers.has(e164);
  }
}
