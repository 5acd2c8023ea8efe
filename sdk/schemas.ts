import { z } from "zod";

// Lenient in, strict out: every schema tolerates unknown fields and the older
// shapes listed under "Disagreements between sources" in the reference, and
// outputs one fixed shape where every declared field is present (null when the
// API left it out). Unknown fields are dropped, never passed through.

// Any RFC 3339 fraction: Vobiz mixes whole seconds, microseconds and nanoseconds.
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** An RFC 3339 timestamp with any (or no) fraction of a second, kept exactly as sent. */
export const timestampSchema = z.string().regex(RFC3339, "expected an RFC 3339 timestamp");

// The D3 schema says integer, the examples say `1.0`, older pages send strings.
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

// Only an array of strings is a tag list; inventory rows send null and one
// published example sends an object ({"key":"value"}).
const tagsSchema = z
  .unknown()
  .optional()
  .transform((v) => (Array.isArray(v) ? v.filter((t): t is string => typeof t === "string") : []));

/**
 * A Vobiz phone number as listed, bought or found in inventory (reference §1).
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
  .transform((n) => ({
    id: n.id,
    account_id: n.account_id || n.auth_id || "",
    e164: n.e164,
    country: n.country,
    region: n.region ?? "",
    capabilities: n.capabilities,
    status: n.status,
    provider: n.provider,
    setup_fee: n.setup_fee,
    monthly_fee: n.monthly_fee,
    currency: n.currency,
    trunk_group_id: n.trunk_group_id,
    application_id: n.application_id,
    voice_enabled: n.voice_enabled,
    tags: n.tags,
    purchased_at: n.purchased_at,
    released_at: n.released_at,
    is_blocked: n.is_blocked,
    created_at: n.created_at,
    updated_at: n.updated_at,
    is_trial_number: n.is_trial_number,
    last_billing_date: n.last_billing_date,
    next_billing_date: n.next_billing_date,
    minimum_commitment_months: n.minimum_commitment_months,
    aadhaar_verification_required: n.aadhaar_verification_required,
    aadhaar_verified: n.aadhaar_verified,
    source: n.source,
  }));

/** A parsed Vobiz phone number (snake_case wire names kept). */
export type PhoneNumber = z.infer<typeof phoneNumberSchema>;

/** One page of a list, with the API's `per_page` renamed `perPage`. */
export interface Page<T> {
  items: T[];
  page: number;
  perPage: number;
  total: number;
}

const countSchema = amountSchema.pipe(z.number().int().nonnegative());

/**
 * The `{items, page, per_page, total}` envelope of the owned-numbers and
 * inventory lists (reference §2, §3), parsed to a `Page<PhoneNumber>`.
 * Fails when any of the four keys is missing or an item is not a phone number.
 */
export const phoneNumberPageSchema = z
  .object({
    items: z.array(phoneNumberSchema),
    page: countSchema,
    per_page: countSchema,
    total: countSchema,
  })
  .transform((p): Page<PhoneNumber> => ({ items: p.items, page: p.page, perPage: p.per_page, total: p.total }));

/**
 * The purchase answer `{message, number}` (reference §4). The `items` array of
 * the OpenAPI example is tolerated and ignored. Fails when `number` is missing
 * or is not a phone number.
 */
export const purchaseResponseSchema = z
  .object({
    message: optionalString,
    number: phoneNumberSchema,
  })
  .transform((r) => ({ message: r.message ?? "", number: r.number }));

/**
 * The release answer (reference §5), as a `ReleaseResult`. `cooldown_ends_at`
 * and `cancel_url` become null when absent or empty (immediate release).
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
  .transform((r) => ({
    status: r.status,
    releaseFee: r.release_fee,
    cooldownEndsAt: r.cooldown_ends_at,
    cancelUrl: r.cancel_url,
    message: r.message ?? "",
  }));

/** What a release reported: the new status, the fee charged, and how to cancel it while pending. */
export type ReleaseResult = z.infer<typeof releaseResponseSchema>;

/**
 * The cancel-release answer, as a `CancelReleaseResult`. `refundFailed` is true
 * when Vobiz restored the number but says `"refund_status": "failed"`.
 * Never fails on a JSON object: a missing status reads as `"active"`.
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
    refundAmount: r.refund_amount ?? null,
    currency: r.currency ?? null,
    refundFailed: r.refund_status === "failed",
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
  .transform((b) => ({
    id: b.id,
    account_id: b.account_id || b.auth_id || "",
    currency: b.currency,
    balance: b.balance,
    reserved_funds: b.reserved_funds,
    promotional_balance: b.promotional_balance,
    promotional_reserved_balance: b.promotional_reserved_balance,
    available_balance: b.available_balance,
    credit_limit: b.credit_limit,
    is_postpaid: b.is_postpaid,
    credit_limit_type: b.credit_limit_type,
    low_balance_threshold: b.low_balance_threshold,
    status: b.status,
    created_at: b.created_at,
    updated_at: b.updated_at,
  }));

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
  .transform((s) => ({
    id: s.id == null ? null : String(s.id),
    auth_id: s.auth_id,
    name: s.name ?? "",
    email: s.email,
    phone: s.phone,
    description: s.description,
    permissions: s.permissions,
    rate_limit: s.rate_limit,
    parent_account_id: s.parent_account_id == null ? null : String(s.parent_account_id),
    parent_auth_id: s.parent_auth_id,
    api_id: s.api_id,
    email_verified: s.email_verified,
    enabled: s.enabled,
    is_active: s.is_active,
    created: s.created,
    modified: s.modified,
    created_at: s.created_at,
    updated_at: s.updated_at,
    last_used: s.last_used,
    account: s.account,
    resource_uri: s.resource_uri,
  }));

/** A parsed sub-account (snake_case wire names kept, no `auth_token`). */
export type SubAccount = z.infer<typeof subAccountSchema>;

/** One page of sub-accounts; `size` is the page size, as the API names it. */
export interface SubAccountPage {
  items: SubAccount[];
  page: number;
  size: number;
  total: number;
}

/**
 * The `{sub_accounts, total, page, size}` envelope of the sub-account list,
 * parsed to a `SubAccountPage`. Fails when `sub_accounts` or `total` is missing.
 */
export const subAccountPageSchema = z
  .object({
    sub_accounts: z.array(subAccountSchema),
    total: countSchema,
    page: countSchema,
    size: countSchema,
  })
  .transform((p): SubAccountPage => ({ items: p.sub_accounts, page: p.page, size: p.size, total: p.total }));
