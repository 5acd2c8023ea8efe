import type { NumberRecord } from "./model";

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** How long a standard release can be cancelled. */
export const PENDING_RELEASE_MS = 24 * HOUR_MS;
/** How long a released number stays out of inventory. */
export const QUARANTINE_MS = 45 * DAY_MS;
/** How long after its last call a number cannot leave a sub-account. */
export const COOL_OFF_MS = 15 * DAY_MS;

/** Where a number is in its life, as the control API reports it. */
export type LifecycleStage = "inventory" | "owned" | "pending_release" | "quarantined";

/** Names the stage of a number that has been settled to the current time. */
export function lifecycleStage(n: NumberRecord): LifecycleStage {
  if (n.status === "pending_release") return "pending_release";
  if (n.status === "released") return "quarantined";
  return n.owner === null ? "inventory" : "owned";
}

/** True when the number can be bought: active, no owner, not quarantined. */
export function isInInventory(n: NumberRecord): boolean {
  return lifecycleStage(n) === "inventory";
}

/** Hands an inventory number to its buyer. */
export function markPurchased(n: NumberRecord, owner: string, now: number): void {
  n.owner = owner;
  n.status = "active";
  n.tags = [];
  n.purchased_at = now;
  n.last_billing_date = now;
  n.next_billing_date = addOneMonth(now);
  n.updated_at = now;
}

/** Starts a standard release: routing detached, cancellable for 24 hours. */
export function startRelease(n: NumberRecord, now: number): void {
  detachRouting(n);
  n.status = "pending_release";
  n.released_at = now;
  n.pending_release_until = now + PENDING_RELEASE_MS;
  n.updated_at = now;
}

/** Releases at once: no cancellable window, the owner is cleared and the quarantine starts now. */
export function releaseImmediately(n: NumberRecord, now: number): void {
  detachRouting(n);
  n.released_at = now;
  n.pending_release_until = null;
  enterQuarantine(n, now, now);
}

/** Undoes a pending release. Routing stays detached (docs/api-notes.md "Release and cancel"). */
export function cancelRelease(n: NumberRecord, now: number): void {
  n.status = "active";
  n.released_at = null;
  n.pending_release_until = null;
  n.release_charge = null;
  n.updated_at = now;
}

/**
 * Applies every transition whose time has come: pending release → quarantine after 24 hours,
 * quarantine → inventory after 45 more days. Returns whether anything changed. Transitions are
 * stamped with the instant they were due, not with `now`, so a big clock jump leaves the same
 * history as waiting would.
 */
export function settleNumber(n: NumberRecord, now: number): boolean {
  let changed = false;
  if (n.status === "pending_release" && n.pending_release_until !== null && now >= n.pending_release_until) {
    enterQuarantine(n, n.pending_release_until, n.pending_release_until);
    changed = true;
  }
  if (n.status === "released" && n.quarantine_until !== null && now >= n.quarantine_until) {
    returnToInventory(n, n.quarantine_until);
    changed = true;
  }
  return changed;
}

function enterQuarantine(n: NumberRecord, quarantineStart: number, at: number): void {
  n.owner = null;
  n.status = "released";
  n.pending_release_until = null;
  n.release_charge = null;
  n.quarantine_until = quarantineStart + QUARANTINE_MS;
  n.updated_at = at;
}

function returnToInventory(n: NumberRecord, at: number): void {
  n.status = "active";
  n.owner = null;
  n.tags = [];
  n.purchased_at = null;
  n.last_billing_date = null;
  n.next_billing_date = null;
  n.released_at = null;
  n.quarantine_until = null;
  n.last_call_at = null;
  n.updated_at = at;
}

function detachRouting(n: NumberRecord): void {
  n.trunk_group_id = null;
  n.application_id = null;
}

function addOneMonth(ms: number): number {
  const d = new Date(ms);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.getTime();
}
