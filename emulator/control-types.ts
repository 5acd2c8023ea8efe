/**
 * The JSON shapes of the `/__emulator` control API, shared by the server and `EmulatorControl`.
 * Field names are the wire names (snake_case). Type-only: importing this file loads no code. The request
 * bodies are inferred from the schemas the server checks them with (control-schemas.ts).
 */
import type { z } from "zod";
import type { clockChangeSchema, faultSchema, inventoryNumberSchema, seedAccountSchema } from "./control-schemas";
import type { LifecycleStage } from "./lifecycle";
import type { Account } from "./model";

/** Body of `POST /__emulator/accounts`. An `SA_…` id needs `parent_id` naming an existing `MA_…`. */
export type SeedAccountRequest = z.infer<typeof seedAccountSchema>;

/** An account as the control API shows it: never with its token, its creation time in RFC 3339. */
export type ControlAccount = Omit<Account, "auth_token" | "created_at" | "updated_at"> & { created_at: string };

/** One number to stock in inventory (`POST /__emulator/inventory`). */
export type InventoryNumberInput = z.infer<typeof inventoryNumberSchema>;

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
export type ClockChange = z.infer<typeof clockChangeSchema>;

/** Body of `POST /__emulator/faults`. */
export type FaultSpec = z.infer<typeof faultSchema>;
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
