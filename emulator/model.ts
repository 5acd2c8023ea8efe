import { z } from "zod";
import { isE164 } from "../sdk/e164";

// The records the emulator keeps, as zod schemas: the state file is read with them (persistence.ts), the
// control API's answers are derived from them (control-schemas.ts), and the types are inferred from them.
// Times are epoch milliseconds on the virtual clock; views turn them into RFC 3339 strings. Field names
// follow the wire names so the state file reads like the API.

/** A time on the virtual clock, in epoch milliseconds. */
export const epochMsSchema = z.number().finite();

const amountByCurrency = z.record(z.string(), z.number().finite());

/** A master (`MA_…`) or sub-account (`SA_…`) with its credentials, wallet and release fees. */
export const accountSchema = z.object({
  auth_id: z.string().min(1),
  auth_token: z.string().min(1),
  /** The parent `MA_…` of a sub-account; null for a master account. */
  parent_id: z.string().nullable(),
  name: z.string(),
  /** Admin role, the only role that may force an unassign during the cool-off. */
  admin: z.boolean(),
  /** Wallet balance per currency code. Sub-account purchases debit the parent's wallet instead. */
  balances: amountByCurrency,
  /** The fee charged when this account pays for a release, per currency code. */
  release_fees: amountByCurrency,
  created_at: epochMsSchema,
  updated_at: epochMsSchema,
});
export type Account = z.infer<typeof accountSchema>;

/** `released` is the quarantine: no owner, not yet back in inventory. */
export const numberStatusSchema = z.enum(["active", "pending_release", "released"]);
export type NumberStatus = z.infer<typeof numberStatusSchema>;

/** What a release charged and to whom, kept so that a cancel can refund it exactly. */
export const releaseChargeSchema = z.object({ account_id: z.string(), amount: z.number(), currency: z.string() });
export type ReleaseCharge = z.infer<typeof releaseChargeSchema>;

/** One phone number, whether in inventory, owned, pending release or quarantined. */
export const numberRecordSchema = z.object({
  id: z.string(),
  e164: z.string().refine(isE164, "must be E.164"),
  country: z.string(),
  region: z.string(),
  capabilities: z.object({ voice: z.boolean(), sms: z.boolean(), mms: z.boolean(), fax: z.boolean() }),
  setup_fee: z.number().finite(),
  monthly_fee: z.number().finite(),
  currency: z.string(),
  /** Null while in inventory or quarantine. */
  owner: z.string().nullable(),
  status: numberStatusSchema,
  trunk_group_id: z.string().nullable(),
  application_id: z.string().nullable(),
  tags: z.array(z.string()),
  created_at: epochMsSchema,
  updated_at: epochMsSchema,
  purchased_at: epochMsSchema.nullable(),
  last_billing_date: epochMsSchema.nullable(),
  next_billing_date: epochMsSchema.nullable(),
  released_at: epochMsSchema.nullable(),
  /** End of the 24-hour cancellable window of a standard release. */
  pending_release_until: epochMsSchema.nullable(),
  /** End of the 45-day quarantine, after which the number is back in inventory. */
  quarantine_until: epochMsSchema.nullable(),
  /** Internal: drives the sub-account cool-off; never in an API response. */
  last_call_at: epochMsSchema.nullable(),
  release_charge: releaseChargeSchema.nullable(),
});
export type NumberRecord = z.infer<typeof numberRecordSchema>;

/** The kinds of balance movement the ledger records. */
export const ledgerKindSchema = z.enum(["purchase", "release_fee", "refund"]);
export type LedgerKind = z.infer<typeof ledgerKindSchema>;

/** One balance movement; `amount` is negative for a debit. */
export const ledgerEntrySchema = z.object({
  id: z.number().int(),
  account_id: z.string(),
  kind: ledgerKindSchema,
  amount: z.number(),
  currency: z.string(),
  e164: z.string(),
  balance_after: z.number(),
  at: epochMsSchema,
});
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

/** A forced unassign: the audit row Vobiz writes for each (docs/api-notes.md "Sub-accounts"). */
export const auditEntrySchema = z.object({
  id: z.number().int(),
  kind: z.literal("forced_unassign"),
  actor_account_id: z.string(),
  e164: z.string(),
  from_account_id: z.string(),
  to_account_id: z.string(),
  last_call_at: epochMsSchema.nullable(),
  /** Set when the force bypassed an active cool-off. */
  cool_off_until: epochMsSchema.nullable(),
  at: epochMsSchema,
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** Everything the emulator persists except the clock. */
export const emulatorStateSchema = z.object({
  accounts: z.record(z.string(), accountSchema),
  numbers: z.record(z.string(), numberRecordSchema),
  ledger: z.array(ledgerEntrySchema),
  audit: z.array(auditEntrySchema),
});
export type EmulatorState = z.infer<typeof emulatorStateSchema>;
