import { z } from "zod";
import { isE164 } from "../sdk/e164";

// The bodies the `/__emulator` control API accepts. Their types (control-types.ts) are inferred from these,
// so the server's checks and the client's signatures cannot drift apart.

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

/**
 * Body of `POST /__emulator/faults`: answer with a status (and body, default a catalog body) without
 * performing the request; wait, then perform it; drop the connection; or perform it and answer 502.
 */
export const faultSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("status"),
    status: z.number().int().min(100).max(599),
    body: z
      .unknown()
      .refine((body) => !nestedDeeperThan(body, MAX_FAULT_BODY_DEPTH), `must be JSON nested at most ${MAX_FAULT_BODY_DEPTH} deep`)
      .optional(),
    retry_after_seconds: z.number().int().nonnegative().optional(),
    ...faultCommon,
  }),
  z.strictObject({ kind: z.literal("latency"), latency_ms: z.number().int().nonnegative().max(600_000), ...faultCommon }),
  z.strictObject({ kind: z.literal("reset"), ...faultCommon }),
  z.strictObject({ kind: z.literal("commit-then-502"), ...faultCommon }),
]);
