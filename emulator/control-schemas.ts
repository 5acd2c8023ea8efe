import { z } from "zod";
import { isE164 } from "../sdk/e164";
import { accountSchema, auditEntrySchema, ledgerEntrySchema, numberRecordSchema } from "./model";

// The bodies the `/__emulator` control API accepts and the answers it gives. Their types (control-types.ts) are
// inferred from these, so the server's checks, the views it builds and the client's signatures cannot drift
// apart. A request body is checked strictly (an unknown key is a mistake in a test); an answer is read the
// way EmulatorControl needs it: a field it does not know is dropped, a field it reads must fit. An answer
// that shows a record is derived from the record's schema in model.ts: only what differs is written here,
// above all its times, epoch milliseconds in the record and RFC 3339 in the answer.

const currencyCode = z.string().regex(/^[A-Z]{3}$/, "must be a three-letter upper-case code such as INR");

// A trillion keeps every sum of cents exact in a double. Past about 1e306 a debit rounds to Infinity, which a
// state file saves as null and then cannot load.
const MAX_MONEY = 1e12;
const money = z.number().finite().nonnegative().max(MAX_MONEY);
const moneyByCurrency = z.record(currencyCode, money);

/** Body of `POST /__emulator/accounts`. An `SA_…` id needs `parent_id` naming an existing `MA_…`. */
export const seedAccountSchema = z.strictObject({
  auth_id: z.string().regex(/^(MA|SA)_[A-Za-z0-9]+$/, "must look like MA_… or SA_…"),
  auth_token: z.string().min(8, "must be at least 8 characters"),
  parent_id: z.string().optional(),
  name: z.string().optional(),
  balances: moneyByCurrency.optional(),
  admin: z.boolean().optional(),
  /** Default: 700 INR and 10 USD, the documented example fee. */
  release_fees: moneyByCurrency.optional(),
});

/** One number to stock in inventory. */
export const inventoryNumberSchema = z.strictObject({
  e164: z.string().refine(isE164, "must be E.164, e.g. +919876543210"),
  country: z.string().regex(/^[A-Za-z]{2}$/, "must be an ISO country code such as IN"),
  region: z.string(),
  setup_fee: money,
  monthly_fee: money,
  currency: z.string().regex(/^[A-Za-z]{3}$/, "must be a three-letter code such as INR"),
});

/** Body of `POST /__emulator/inventory`. */
export const inventorySchema = z.strictObject({ numbers: z.array(inventoryNumberSchema).min(1) });

/** Body of `POST /__emulator/accounts/{id}/admin`. */
export const adminSchema = z.strictObject({ admin: z.boolean() });

/** Body of `POST /__emulator/accounts/{id}/balance`: sets the balance outright. */
export const balanceSchema = z.strictObject({ currency: currencyCode, balance: z.number().min(-MAX_MONEY).max(MAX_MONEY) });

/** Body of `POST /__emulator/numbers/{e164}/last-call`: an ISO 8601 time, or null for never. */
export const lastCallSchema = z.strictObject({ at: z.string().nullable() });

/** Body of `POST /__emulator/clock`: move forward by seconds or to an instant, and/or freeze. */
export const clockChangeSchema = z
  .strictObject({
    advance_seconds: z.number().finite().nonnegative().optional(),
    now: z.string().optional(),
    freeze: z.boolean().optional(),
  })
  .refine((c) => c.advance_seconds === undefined || c.now === undefined, "give advance_seconds or now, not both");

// The emulator sends a status fault's body back (and lists it): a body nested deeper than JSON.stringify's
// stack allows would be accepted and then break every answer that shows it.
const MAX_FAULT_BODY_DEPTH = 64;

function nestedDeeperThan(value: unknown, limit: number): boolean {
  if (typeof value !== "object" || value === null) return false;
  if (limit === 0) return true;
  return Object.values(value).some((item) => nestedDeeperThan(item, limit - 1));
}

/** Which public requests a fault applies to; both conditions must hold when given. */
const faultMatchSchema = z.strictObject({
  /** Case-insensitive HTTP method. */
  method: z.string().optional(),
  /** Substring of the request path and query, raw or percent-decoded. */
  path_contains: z.string().min(1).optional(),
});

const faultCommon = {
  match: faultMatchSchema.optional(),
  /** How many matching requests the fault hits before it is gone; default 1. */
  times: z.number().int().positive().optional(),
  /**
   * The share of matching requests the fault hits, drawn request by request: 0.3 hits about 30 % of them.
   * A request it spares goes on to the faults queued after it. Default 1: every matching request.
   */
  probability: z.number().gt(0, "must be more than 0").max(1, "must be at most 1").optional(),
  /** Seeds the draws of `probability`, so that a run sees the same sequence of hits and misses; default 1. */
  seed: z.number().int().nonnegative().max(0xffff_ffff).optional(),
};

// The fields of each kind of fault, shared by the body that queues one and the answer that lists it.
const statusFault = {
  kind: z.literal("status"),
  status: z.number().int().min(100).max(599),
  body: z
    .unknown()
    .refine((body) => !nestedDeeperThan(body, MAX_FAULT_BODY_DEPTH), `must be JSON nested at most ${MAX_FAULT_BODY_DEPTH} deep`)
    .optional(),
  retry_after_seconds: z.number().int().nonnegative().optional(),
  ...faultCommon,
};
const latencyFault = { kind: z.literal("latency"), latency_ms: z.number().int().nonnegative().max(600_000), ...faultCommon };
const resetFault = { kind: z.literal("reset"), ...faultCommon };
const commitThen502Fault = { kind: z.literal("commit-then-502"), ...faultCommon };

/**
 * Body of `POST /__emulator/faults`: answer with a status (and body, default a catalog body) without
 * performing the request; wait, then perform it; drop the connection; or perform it and answer 502.
 */
export const faultSchema = z.discriminatedUnion("kind", [
  z.strictObject(statusFault),
  z.strictObject(latencyFault),
  z.strictObject(resetFault),
  z.strictObject(commitThen502Fault),
]);

// Times in answers are RFC 3339 in UTC, as `isoTime` writes them.
const instant = z.iso.datetime();

/** The body of a refusal (errors.ts `controlErrors`): `error` is a code, `message` says what was wrong. */
export const controlErrorSchema = z.object({ error: z.string(), message: z.string().optional() });

/** An account as the control API shows it: never with its token, its creation time in RFC 3339. */
export const controlAccountSchema = accountSchema.omit({ auth_token: true, updated_at: true }).extend({ created_at: instant });

/** Answer of `POST /__emulator/inventory`: how many numbers were stocked. */
export const inventoryAddedSchema = z.object({ added: z.number().int().nonnegative() });

/**
 * The internal record of a number (`GET /__emulator/numbers/{e164}`), with its lifecycle stage and without
 * what only the public views show (capabilities, billing dates).
 */
export const controlNumberSchema = numberRecordSchema.omit({ capabilities: true, last_billing_date: true, next_billing_date: true }).extend({
  /** `pending_release` is cancellable for 24 hours; `quarantined` lasts 45 days. */
  stage: z.enum(["inventory", "owned", "pending_release", "quarantined"]),
  last_call_at: instant.nullable(),
  purchased_at: instant.nullable(),
  released_at: instant.nullable(),
  pending_release_until: instant.nullable(),
  quarantine_until: instant.nullable(),
  created_at: instant,
  updated_at: instant,
});

/** `GET|POST /__emulator/clock`: the virtual time and whether the clock is frozen. */
export const clockReadingSchema = z.object({ now: instant, frozen: z.boolean() });

const queuedFault = {
  id: z.number().int(),
  /** How many more matching requests the fault will hit. */
  remaining: z.number().int(),
};

/** A fault waiting in the queue: its spec as given, with its id and how many more requests it will hit. */
export const activeFaultSchema = z.discriminatedUnion("kind", [
  z.object({ ...statusFault, ...queuedFault }),
  z.object({ ...latencyFault, ...queuedFault }),
  z.object({ ...resetFault, ...queuedFault }),
  z.object({ ...commitThen502Fault, ...queuedFault }),
]);

/** Answer of `GET /__emulator/faults`: the faults still queued, oldest first. */
export const faultListSchema = z.object({ faults: z.array(activeFaultSchema) });

/** One balance movement (`GET /__emulator/ledger`); `amount` is negative for a debit. */
export const ledgerRowSchema = ledgerEntrySchema.extend({ at: instant });

/** Answer of `GET /__emulator/ledger`: every balance movement, oldest first. */
export const ledgerSchema = z.object({ entries: z.array(ledgerRowSchema) });

/** One forced unassign (`GET /__emulator/audit`). */
export const auditRowSchema = auditEntrySchema.extend({ last_call_at: instant.nullable(), cool_off_until: instant.nullable(), at: instant });

/** Answer of `GET /__emulator/audit`: every forced unassign, oldest first. */
export const auditSchema = z.object({ entries: z.array(auditRowSchema) });

/** One request the emulator received. Never holds a token. */
export const requestLogEntrySchema = z.object({
  seq: z.number().int(),
  api: z.enum(["public", "control"]),
  method: z.string(),
  /** Path and query as sent, with any known token replaced by `[redacted]` (sdk/redact.ts). */
  path: z.string(),
  /** Route name such as `listNumbers`, or `notFound`. */
  route: z.string(),
  /** Null when a reset fault dropped the connection. */
  status: z.number().int().nullable(),
  auth_id: z.string().nullable(),
  at: instant,
  /** The kind of the fault that hit the request, if one did. */
  fault: z.enum(faultSchema.options.map((variant) => variant.shape.kind.value)).optional(),
});

/** `GET /__emulator/requests`: counters are keyed `METHOD routeName` and count public calls only. */
export const requestLogReportSchema = z.object({
  requests: z.array(requestLogEntrySchema),
  counters: z.record(z.string(), z.number().int().nonnegative()),
  total: z.number().int().nonnegative(),
});
