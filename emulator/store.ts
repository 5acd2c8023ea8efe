import type { VirtualClock } from "./clock";
import { isInInventory, settleNumber } from "./lifecycle";
import type { Account, AuditEntry, EmulatorState, LedgerEntry, LedgerKind, NumberRecord } from "./model";

/**
 * The emulator's state (accounts, numbers, ledger, audit) and the virtual clock it is read against.
 * It answers ownership questions and moves money; the rules of each API operation live in the
 * handlers, and the number transitions in `lifecycle.ts`.
 */
export class EmulatorStore {
  constructor(
    readonly state: EmulatorState,
    readonly clock: VirtualClock,
  ) {}

  /** The virtual time in epoch milliseconds. */
  now(): number {
    return this.clock.now();
  }

  /** The account with this auth id, or undefined. */
  account(authId: string): Account | undefined {
    return Object.hasOwn(this.state.accounts, authId) ? this.state.accounts[authId] : undefined;
  }

  /** Adds an account; the caller has checked that the id is free and the parent exists. */
  addAccount(account: Account): void {
    this.state.accounts[account.auth_id] = account;
  }

  /** The sub-accounts of a master account, in creation order. */
  childrenOf(masterId: string): Account[] {
    return Object.values(this.state.accounts).filter((a) => a.parent_id === masterId);
  }

  /** The account whose wallet pays for what `account` does: itself, or the parent of a sub-account. */
  billingAccountOf(account: Account): Account {
    const parent = account.parent_id === null ? undefined : this.account(account.parent_id);
    return parent ?? account;
  }

  /** True when `account` owns the number or is the parent of its owner. */
  canManage(account: Account, n: NumberRecord): boolean {
    if (n.owner === null) return false;
    return n.owner === account.auth_id || this.account(n.owner)?.parent_id === account.auth_id;
  }

  /** True when the number is held by a sub-account of `masterId`. */
  isHeldByChildOf(masterId: string, n: NumberRecord): boolean {
    return n.owner !== null && this.account(n.owner)?.parent_id === masterId;
  }

  /** The number with this exact e164, in any stage, or undefined. */
  number(e164: string): NumberRecord | undefined {
    return Object.hasOwn(this.state.numbers, e164) ? this.state.numbers[e164] : undefined;
  }

  /** Adds a number; the caller has checked that the e164 is new. */
  addNumber(n: NumberRecord): void {
    this.state.numbers[n.e164] = n;
  }

  /** Every number sorted by e164, so pages are stable. */
  allNumbers(): NumberRecord[] {
    return Object.values(this.state.numbers).sort((a, b) => compareText(a.e164, b.e164));
  }

  /** The numbers an account lists: its own, plus its sub-accounts' when it is a master account. */
  numbersVisibleTo(account: Account): NumberRecord[] {
    const owners = new Set([account.auth_id]);
    if (account.parent_id === null) {
      for (const child of this.childrenOf(account.auth_id)) owners.add(child.auth_id);
    }
    return this.allNumbers().filter((n) => n.owner !== null && owners.has(n.owner));
  }

  /** The numbers that can be bought, sorted by e164. */
  inventory(): NumberRecord[] {
    return this.allNumbers().filter(isInInventory);
  }

  /** The account's own wallet balance in a currency; 0 when it never held that currency. */
  balanceOf(account: Account, currency: string): number {
    return account.balances[currency] ?? 0;
  }

  /**
   * Moves money in or out of a wallet and records it in the ledger. Returns undefined, changing
   * nothing, when a debit would take the balance below zero.
   */
  moveMoney(account: Account, kind: LedgerKind, amount: number, currency: string, e164: string): LedgerEntry | undefined {
    const after = roundCents(this.balanceOf(account, currency) + amount);
    if (amount < 0 && after < 0) return undefined;
    const now = this.now();
    account.balances[currency] = after;
    account.updated_at = now;
    const entry: LedgerEntry = {
      id: this.state.ledger.length + 1,
      account_id: account.auth_id,
      kind,
      amount: roundCents(amount),
      currency,
      e164,
      balance_after: after,
      at: now,
    };
    this.state.ledger.push(entry);
    return entry;
  }

  /** Appends a forced-unassign audit row. */
  recordAudit(entry: Omit<AuditEntry, "id" | "at" | "kind">): AuditEntry {
    const row: AuditEntry = { id: this.state.audit.length + 1, kind: "forced_unassign", at: this.now(), ...entry };
    this.state.audit.push(row);
    return row;
  }

  /** Brings every number up to the current virtual time (see `settleNumber`). */
  settle(): void {
    const now = this.now();
    for (const n of Object.values(this.state.numbers)) settleNumber(n, now);
  }
}

/** Rounds money to cents so repeated debits do not accumulate binary fractions. */
export function roundCents(amount: number): number {
  return Math.round(amount * 100) / 100;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
