import type { InventoryNumberInput, SeedAccountRequest } from "./control-types";
import type { Account, NumberRecord } from "./model";
import { stableUuid } from "./stable-id";

/** The release fee an account pays when none is given: the documented example, 700 INR or 10 USD. */
export const DEFAULT_RELEASE_FEES: Readonly<Record<string, number>> = Object.freeze({ INR: 700, USD: 10 });

/** What it takes to create an account: a control API seed request; everything else has a default. */
export type NewAccount = SeedAccountRequest;

/** Builds an account record created at `now`. */
export function newAccount(input: NewAccount, now: number): Account {
  return {
    auth_id: input.auth_id,
    auth_token: input.auth_token,
    parent_id: input.parent_id ?? null,
    name: input.name ?? input.auth_id,
    admin: input.admin ?? false,
    balances: { ...input.balances },
    release_fees: { ...(input.release_fees ?? DEFAULT_RELEASE_FEES) },
    created_at: now,
    updated_at: now,
  };
}

/** What it takes to stock a number in inventory. */
export type NewInventoryNumber = InventoryNumberInput;

/** Builds an unowned, active, voice-only number record created at `now`, with an id derived from its e164. */
export function newInventoryNumber(input: NewInventoryNumber, now: number): NumberRecord {
  return {
    id: stableUuid("number", input.e164),
    e164: input.e164,
    country: input.country.toUpperCase(),
    region: input.region,
    capabilities: { voice: true, sms: false, mms: false, fax: false },
    setup_fee: input.setup_fee,
    monthly_fee: input.monthly_fee,
    currency: input.currency.toUpperCase(),
    owner: null,
    status: "active",
    trunk_group_id: null,
    application_id: null,
    tags: [],
    created_at: now,
    updated_at: now,
    purchased_at: null,
    last_billing_date: null,
    next_billing_date: null,
    released_at: null,
    pending_release_until: null,
    quarantine_until: null,
    last_call_at: null,
    release_charge: null,
  };
}
