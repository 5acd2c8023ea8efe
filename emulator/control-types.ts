/**
 * The JSON shapes of the `/__emulator` control API, shared by the server and `EmulatorControl`.
 * Field names are the wire names (snake_case). Type-only: importing this file loads no code.
 */
import type { LifecycleStage } from "./lifecycle";

/** Body of `POST /__emulator/accounts`. An `SA_…` id needs `parent_id` naming an existing `MA_…`. */
export interface SeedAccountRequest {
  auth_id: string;
  auth_token: string;
  parent_id?: string;
  name?: string;
  balances?: Record<string, number>;
  admin?: boolean;
  /** Default: 700 INR and 10 USD, the documented example fee. */
  release_fees?: Record<string, number>;
}

/** An account as the control API shows it (never with its token). */
export interface ControlAccount {
  auth_id: string;
  parent_id: string | null;
  name: string;
  admin: boolean;
  enabled: boolean;
  balances: Record<string, number>;
  release_fees: Record<string, number>;
  created_at: string;
}

/** One number to stock in inventory (`POST /__emulator/inventory`). */
export interface InventoryNumberInput {
  e164: string;
  country: string;
  region: string;
  setup_fee: number;
  monthly_fee: number;
  currency: string;
}

/** Where a number is: `inventory`, `owned`, `pending_release` (24 h, cancellable) or `quarantined` (45 days). */
export type NumberStage = LifecycleStage;

/** What a release charged and to whom. */
export interface ControlReleaseCharge {
  account_id: string;
  amount: number;
  currency: string;
}

/** The full internal record of a number (`GET /__emulator/numbers/{e164}`). */
export interface ControlNumber {
  id: string;
  e164: string;
  country: string;
  region: string;
  stage: NumberStage;
  owner: string | null;
  status: "active" | "pending_release" | "released";
  setup_fee: number;
  monthly_fee: number;
  currency: string;
  trunk_group_id: string | null;
  application_id: string | null;
  tags: string[];
  last_call_at: string | null;
  purchased_at: string | null;
  released_at: string | null;
  pending_release_until: string | null;
  quarantine_until: string | null;
  release_charge: ControlReleaseCharge | null;
  created_at: string;
  updated_at: string;
}

/** `GET|POST /__emulator/clock`. */
export interface ClockReading {
  now: string;
  frozen: boolean;
}

/** Body of `POST /__emulator/clock`: move forward by seconds or to an instant, and/or freeze. */
export interface ClockChange {
  advance_seconds?: number;
  now?: string;
  freeze?: boolean;
}

/** Which public requests a fault applies to; both conditions must hold when given. */
export interface FaultMatch {
  /** Case-insensitive HTTP method. */
  method?: string;
  /** Substring of the request path and query, raw or percent-decoded. */
  path_contains?: string;
}

interface FaultCommon {
  match?: FaultMatch;
  /** How many matching requests the fault consumes; default 1. */
  times?: number;
}

/** Answer with this status (and body, default a catalog body) without performing the request. */
export interface StatusFault extends FaultCommon {
  kind: "status";
  status: number;
  body?: unknown;
  retry_after_seconds?: number;
}

/** Wait, then perform the request normally. */
export interface LatencyFault extends FaultCommon {
  kind: "latency";
  latency_ms: number;
}

/** Destroy the connection without answering and without performing the request. */
export interface ResetFault extends FaultCommon {
  kind: "reset";
}

/** Perform the request for real (state changes and is saved), then answer 502 instead. */
export interface CommitThen502Fault extends FaultCommon {
  kind: "commit-then-502";
}

/** Body of `POST /__emulator/faults`. */
export type FaultSpec = StatusFault | LatencyFault | ResetFault | CommitThen502Fault;
/** The `kind` of a fault, as the request log records it. */
export type FaultKind = FaultSpec["kind"];

/** A fault waiting in the queue, with how many more requests it will hit. */
export type ActiveFault = FaultSpec & { id: number; remaining: number };

/** One balance movement (`GET /__emulator/ledger`); `amount` is negative for a debit. */
export interface LedgerRow {
  id: number;
  account_id: string;
  kind: "purchase" | "release_fee" | "refund";
  amount: number;
  currency: string;
  e164: string;
  balance_after: number;
  at: string;
}

/** One forced unassign (`GET /__emulator/audit`). */
export interface AuditRow {
  id: number;
  kind: "forced_unassign";
  actor_account_id: string;
  e164: string;
  from_account_id: string;
  to_account_id: string;
  last_call_at: string | null;
  cool_off_until: string | null;
  at: string;
}

/** One request the emulator received. Never holds a token. */
export interface RequestLogEntry {
  seq: number;
  api: "public" | "control";
  method: string;
  /** Path and query as sent, with any known token replaced by `<redacted>`. */
  path: string;
  /** Route name such as `listNumbers`, or `notFound`. */
  route: string;
  /** Null when a reset fault dropped the connection. */
  status: number | null;
  auth_id: string | null;
  at: string;
  fault?: FaultKind;
}

/** `GET /__emulator/requests`: counters are keyed `METHOD routeName` and count public calls only. */
export interface RequestLogReport {
  requests: RequestLogEntry[];
  counters: Record<string, number>;
  total: number;
}
