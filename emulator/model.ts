/**
 * The records the emulator keeps. Times are epoch milliseconds on the virtual clock; views turn them
 * into RFC 3339 strings. Field names follow the wire names so the state file reads like the API.
 */

/** A master (`MA_…`) or sub-account (`SA_…`) with its credentials, wallet and release fees. */
export interface Account {
  auth_id: string;
  auth_token: string;
  /** The parent `MA_…` of a sub-account; null for a master account. */
  parent_id: string | null;
  name: string;
  /** Admin role, the only role that may force an unassign during the cool-off. */
  admin: boolean;
  /** Wallet balance per currency code. Sub-account purchases debit the parent's wallet instead. */
  balances: Record<string, number>;
  /** The fee charged when this account pays for a release, per currency code. */
  release_fees: Record<string, number>;
  created_at: number;
  updated_at: number;
}

/** `released` is the quarantine: no owner, not yet back in inventory. */
export type NumberStatus = "active" | "pending_release" | "released";

/** What a release charged and to whom, kept so that a cancel can refund it exactly. */
export interface ReleaseCharge {
  account_id: string;
  amount: number;
  currency: string;
}

/** One phone number, whether in inventory, owned, pending release or quarantined. */
export interface NumberRecord {
  id: string;
  e164: string;
  country: string;
  region: string;
  capabilities: { voice: boolean; sms: boolean; mms: boolean; fax: boolean };
  setup_fee: number;
  monthly_fee: number;
  currency: string;
  /** Null while in inventory or quarantine. */
  owner: string | null;
  status: NumberStatus;
  trunk_group_id: string | null;
  application_id: string | null;
  tags: string[];
  created_at: number;
  updated_at: number;
  purchased_at: number | null;
  last_billing_date: number | null;
  next_billing_date: number | null;
  released_at: number | null;
  /** End of the 24-hour cancellable window of a standard release. */
  pending_release_until: number | null;
  /** End of the 45-day quarantine, after which the number is back in inventory. */
  quarantine_until: number | null;
  /** Internal: drives the sub-account cool-off; never in an API response. */
  last_call_at: number | null;
  release_charge: ReleaseCharge | null;
}

/** The kinds of balance movement the ledger records. */
export type LedgerKind = "purchase" | "release_fee" | "refund";

/** One balance movement; `amount` is negative for a debit. */
export interface LedgerEntry {
  id: number;
  account_id: string;
  kind: LedgerKind;
  amount: number;
  currency: string;
  e164: string;
  balance_after: number;
  at: number;
}

/** A forced unassign: the audit row Vobiz writes for each (docs/api-notes.md "Sub-accounts"). */
export interface AuditEntry {
  id: number;
  kind: "forced_unassign";
  actor_account_id: string;
  e164: string;
  from_account_id: string;
  to_account_id: string;
  last_call_at: number | null;
  /** Set when the force bypassed an active cool-off. */
  cool_off_until: number | null;
  at: number;
}

/** Everything the emulator persists except the clock. */
export interface EmulatorState {
  accounts: Record<string, Account>;
  numbers: Record<string, NumberRecord>;
  ledger: LedgerEntry[];
  audit: AuditEntry[];
}
