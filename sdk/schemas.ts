import { z } from "zod";

// Lenient in, strict out: every schema tolerates unknown fields and the older
// shapes docs/api-notes.md "Older shapes" lists, and outputs one fixed shape
// where every declared field is present (null when the API left it out).
// Unknown fields are dropped, never passed through. Fields keep the names the
// API sends (snake_case); only an older name is folded into the newest one.

// Any RFC 3339 fraction: Vobiz mixes whole seconds, microseconds and nanoseconds.
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** An RFC 3339 timestamp with any (or no) fraction of a second, kept exactly as sent. */
export const timestampSchema = z.string().regex(RFC3339, "expected an RFC 3339 timestamp");

// Documented as integers; older shapes send `1.0` or numeric strings (docs/api-notes.md "Older shapes").
const NUMERIC = /^-?\d+(\.\d+)?$/;

/** A money amount or count sent as a JSON number or a numeric string (`"300"`); parsed to a number. */
export const amountSchema = z.union([
  z.number(),
  z
    .string()
    .trim()
    .regex(NUMERIC, "expected a number or a numeric string")
    .transform(Number),
]);

const optionalString = z
  .string()
  .nullish()
  .transform((v) => v ?? null);
const optionalId = z
  .string()
  .nullish()
  .transform((v) => (v ? v : null));
const optionalTimestamp = z
  .union([timestampSchema, z.literal("")])
  .nullish()
  .transform((v) => (v ? v : null));
const optionalBoolean = z
  .boolean()
  .nullish()
  .transform((v) => v ?? null);
const optionalAmount = amountSchema.nullish().transform((v) => v ?? null);
const flag = z
  .boolean()
  .nullish()
  .transform((v) => v ?? false);

/** The `{voice, sms, mms, fax}` flags of a number; a missing object or flag reads as `false`. */
export const capabilitiesSchema = z
  .object({ voice: flag, sms: flag, mms: flag, fax: flag })
  .nullish()
  .transform((c) => c ?? { voice: false, sms: false, mms: false, fax: false });

// Only an array of strings is a tag list; inventory rows send null, and older shapes send an object
// (docs/api-notes.md "Older shapes").
const tagsSchema = z
  .unknown()
  .optional()
  .transform((v) => (Array.isArray(v) ? v.filter((t): t is string => typeof t === "string") : []));

/**
 * A Vobiz phone number as listed, bought or found in inventory (docs/api-notes.md "The number object").
 * The owner is read from `account_id`, or from the older `auth_id`, and is `""`
 * for inventory rows. Parsing fails (ZodError) only when a field the SDK relies
 * on is missing or of the wrong type: `e164`, `country`, `status`, `currency`,
 * the fees, or a malformed timestamp.
 */
export const phoneNumberSchema = z
  .object({
    id: optionalString,
    account_id: z.string().nullish(),
    auth_id: z.string().nullish(),
    e164: z.string(),
    country: z.string(),
    region: optionalString,
    capabilities: capabilitiesSchema,
    status: z.string(),
    provider: optionalString,
    setup_fee: amountSchema,
    monthly_fee: amountSchema,
    currency: z.string(),
    application_id: optionalId,
    trunk_group_id: optionalId,
    voice_enabled: optionalBoolean,
    tags: tagsSchema,
    purchased_at: optionalTimestamp,
    released_at: optionalTimestamp,
    is_blocked: optionalBoolean,
    created_at: optionalTimestamp,
    updated_at: optionalTimestamp,
    is_trial_number: optionalBoolean,
    last_billing_date: optionalTimestamp,
    next_billing_date: optionalTimestamp,
    minimum_commitment_months: optionalAmount,
    aadhaar_verification_required: optionalBoolean,
    aadhaar_verified: optionalBoolean,
    source: optionalString,
  })
  // The owner's older name, `auth_id`, is folded into `account_id`; inventory rows have no owner ("").
  .transform(({ auth_id, ...number }) => ({ ...number, account_id: number.account_id || auth_id || "", region: number.region ?? "" }));

/** A parsed Vobiz phone number (snake_case wire names kept). */
export type PhoneNumber = z.infer<typeof phoneNumberSchema>;

const countSchema = amountSchema.pipe(z.number().int().nonnegative());

/**
 * The `{items, page, per_page, total}` envelope of the owned-numbers and
 * inventory lists (docs/api-notes.md "Lists"). Fails when any of the four keys
 * is missing or an item is not a phone number.
 */
export const phoneNumberPageSchema = z.object({
  items: z.array(phoneNumberSchema),
  page: countSchema,
  per_page: countSchema,
  total: countSchema,
});

/** One page of owned or inventory numbers. */
export type Page = z.infer<typeof phoneNumberPageSchema>;

/**
 * The purchase answer `{message, number}` (docs/api-notes.md "Purchase"). An `items` array
 * beside `number` is ignored. Fails when `number` is missing
 * or is not a phone number.
 */
export const purchaseResponseSchema = z
  .object({
    message: optionalString,
    number: phoneNumberSchema,
  })
  .transform((r) => ({ message: r.message ?? "", number: r.number }));

/**
 * The release answer (docs/api-notes.md "Release and cancel"), as a `ReleaseResult`. `cooldown_ends_at`
 * and `cancel_url` become null when absent or empty (immediate release), `message` "" when absent.
 * Fails when `status` or `release_fee` is missing.
 */
export const releaseResponseSchema = z
  .object({
    status: z.string(),
    release_fee: amountSchema,
    cooldown_ends_at: optionalTimestamp,
    cancel_url: optionalId,
    message: optionalString,
  })
  .transform((r) => ({ ...r, message: r.message ?? "" }));

/** What a release reported: the new status, the fee charged, and how to cancel it while pending. */
export type ReleaseResult = z.infer<typeof releaseResponseSchema>;

/**
 * The cancel-release answer, as a `CancelReleaseResult`. `refund_status` is
 * `"failed"` when Vobiz restored the number but could not refund the fee; it,
 * `refund_amount` and `currency` are null when absent. Never fails on a JSON
 * object: a missing status reads as `"active"`.
 */
export const cancelReleaseResponseSchema = z
  .object({
    status: z.string().nullish(),
    refund_amount: amountSchema.nullish(),
    currency: z.string().nullish(),
    refund_status: z.string().nullish(),
  })
  .transform((r) => ({
    // The only documented success status; the number is active again.
    status: r.status ?? "active",
    refund_amount: r.refund_amount ?? null,
    currency: r.currency ?? null,
    refund_status: r.refund_status ?? null,
  }));

/** What a cancelled release reported: the restored status and the refund. */
export type CancelReleaseResult = z.infer<typeof cancelReleaseResponseSchema>;

/**
 * An account balance in one currency (`GET /Account/{id}/balance/{currency}`).
 * Fails when `currency`, `balance` or `available_balance` is missing.
 */
export const balanceSchema = z
  .object({
    id: optionalString,
    account_id: z.string().nullish(),
    auth_id: z.string().nullish(),
    currency: z.string(),
    balance: amountSchema,
    reserved_funds: optionalAmount,
    promotional_balance: optionalAmount,
    promotional_reserved_balance: optionalAmount,
    available_balance: amountSchema,
    credit_limit: optionalAmount,
    is_postpaid: optionalBoolean,
    credit_limit_type: optionalString,
    low_balance_threshold: optionalAmount,
    status: optionalString,
    created_at: optionalTimestamp,
    updated_at: optionalTimestamp,
  })
  .transform(({ auth_id, ...balance }) => ({ ...balance, account_id: balance.account_id || auth_id || "" }));

/** A parsed account balance (snake_case wire names kept). */
export type Balance = z.infer<typeof balanceSchema>;

const permissionsSchema = z
  .object({ calls: optionalBoolean, cdr: optionalBoolean })
  .nullish()
  .transform((p) => p ?? null);

/**
 * A sub-account as listed or fetched. `auth_token` is never kept, whatever the
 * API sends. Fails when `auth_id` is missing.
 */
export const subAccountSchema = z
  .object({
    id: z.union([z.string(), z.number()]).nullish(),
    auth_id: z.string(),
    name: optionalString,
    email: optionalString,
    phone: optionalString,
    description: optionalString,
    permissions: permissionsSchema,
    rate_limit: optionalAmount,
    parent_account_id: z.union([z.string(), z.number()]).nullish(),
    parent_auth_id: optionalString,
    api_id: optionalString,
    email_verified: optionalBoolean,
    enabled: optionalBoolean,
    is_active: optionalBoolean,
    created: optionalString,
    modified: optionalString,
    created_at: optionalTimestamp,
    updated_at: optionalTimestamp,
    last_used: optionalString,
    account: optionalString,
    resource_uri: optionalString,
  })
  .transform((sub) => ({
    ...sub,
    id: sub.id == null ? null : String(sub.id),
    name: sub.name ?? "",
    parent_account_id: sub.parent_account_id == null ? null : String(sub.parent_account_id),
  }));

/** A parsed sub-account (snake_case wire names kept, no `auth_token`). */
export type SubAccount = z.infer<typeof subAccountSchema>;

/**
 * The `{sub_accounts, total, page, size}` envelope of the sub-account list.
 * Fails when any of the four keys is missing or an item is not a sub-account.
 */
export const subAccountPageSchema = z.object({
  sub_accounts: z.array(subAccountSchema),
  total: countSchema,
  page: countSchema,
  size: countSchema,
});

/** One page of sub-accounts; `size` is the page size, as the API names it. */
export type SubAccountPage = z.infer<typeof subAccountPageSchema>;
