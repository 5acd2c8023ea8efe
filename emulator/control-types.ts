/**
 * The JSON shapes of the `/__emulator` control API, shared by the server and `EmulatorControl`.
 * Field names are the wire names (snake_case). Type-only: importing this file loads no code. Every type is
 * inferred from the schema in control-schemas.ts (or, for a release charge, model.ts) that the server checks
 * a request body with, or that the client reads an answer with, so the two ends cannot drift apart.
 */
import type { z } from "zod";
import type {
  activeFaultSchema,
  auditRowSchema,
  auditSchema,
  clockChangeSchema,
  clockReadingSchema,
  controlAccountSchema,
  controlNumberSchema,
  faultListSchema,
  faultSchema,
  inventoryAddedSchema,
  inventoryNumberSchema,
  ledgerRowSchema,
  ledgerSchema,
  requestLogEntrySchema,
  requestLogReportSchema,
  seedAccountSchema,
} from "./control-schemas";
import type { releaseChargeSchema } from "./model";

/** Body of `POST /__emulator/accounts`. An `SA_…` id needs `parent_id` naming an existing `MA_…`. */
export type SeedAccountRequest = z.infer<typeof seedAccountSchema>;

/** An account as the control API shows it: never with its token, its creation time in RFC 3339. */
export type ControlAccount = z.infer<typeof controlAccountSchema>;

/** One number to stock in inventory (`POST /__emulator/inventory`). */
export type InventoryNumberInput = z.infer<typeof inventoryNumberSchema>;

/** Answer of `POST /__emulator/inventory`. */
export type InventoryAdded = z.infer<typeof inventoryAddedSchema>;

/** The full internal record of a number (`GET /__emulator/numbers/{e164}`). */
export type ControlNumber = z.infer<typeof controlNumberSchema>;

/** Where a number is: `inventory`, `owned`, `pending_release` (24 h, cancellable) or `quarantined` (45 days). */
export type NumberStage = ControlNumber["stage"];

/** What a release charged and to whom. */
export type ControlReleaseCharge = z.infer<typeof releaseChargeSchema>;

/** `GET|POST /__emulator/clock`. */
export type ClockReading = z.infer<typeof clockReadingSchema>;

/** Body of `POST /__emulator/clock`: move forward by seconds or to an instant, and/or freeze. */
export type ClockChange = z.infer<typeof clockChangeSchema>;

/** Body of `POST /__emulator/faults`. */
export type FaultSpec = z.infer<typeof faultSchema>;
/** The `kind` of a fault, as the request log records it. */
export type FaultKind = FaultSpec["kind"];

/** A fault waiting in the queue, with how many more requests it will hit. */
export type ActiveFault = z.infer<typeof activeFaultSchema>;

/** Answer of `GET /__emulator/faults`. */
export type FaultList = z.infer<typeof faultListSchema>;

/** One balance movement (`GET /__emulator/ledger`); `amount` is negative for a debit. */
export type LedgerRow = z.infer<typeof ledgerRowSchema>;

/** Answer of `GET /__emulator/ledger`. */
export type Ledger = z.infer<typeof ledgerSchema>;

/** One forced unassign (`GET /__emulator/audit`). */
export type AuditRow = z.infer<typeof auditRowSchema>;

/** Answer of `GET /__emulator/audit`. */
export type AuditLog = z.infer<typeof auditSchema>;

/** One request the emulator received. Never holds a token. */
export type RequestLogEntry = z.infer<typeof requestLogEntrySchema>;

/** `GET /__emulator/requests`: counters are keyed `METHOD routeName` and count public calls only. */
export type RequestLogReport = z.infer<typeof requestLogReportSchema>;
