import { isoTime, isoTimeOrNull } from "./clock";
import type { ControlNumber } from "./control-types";
import { lifecycleStage } from "./lifecycle";
import type { NumberRecord } from "./model";

/** The fields every view of a number shows the same way, whoever holds it. */
function commonFields(n: NumberRecord): Record<string, unknown> {
  return {
    id: n.id,
    e164: n.e164,
    country: n.country,
    region: n.region,
    capabilities: { ...n.capabilities },
    status: n.status,
    provider: "",
    setup_fee: n.setup_fee,
    monthly_fee: n.monthly_fee,
    currency: n.currency,
    voice_enabled: n.capabilities.voice,
    is_blocked: false,
    created_at: isoTime(n.created_at),
    updated_at: isoTime(n.updated_at),
    is_trial_number: false,
    minimum_commitment_months: 0,
    aadhaar_verification_required: false,
    aadhaar_verified: false,
  };
}

/**
 * A number as the owned-numbers list and the purchase response show it (docs/api-notes.md "The number
 * object"): `application_id` only when attached, `trunk_group_id` null when none, `released_at` only when
 * set. `last_call_at` is internal and never shown.
 */
export function ownedNumberView(n: NumberRecord): Record<string, unknown> {
  return {
    ...commonFields(n),
    account_id: n.owner ?? "",
    ...(n.application_id === null ? {} : { application_id: n.application_id }),
    trunk_group_id: n.trunk_group_id,
    tags: [...n.tags],
    purchased_at: isoTimeOrNull(n.purchased_at),
    ...(n.last_billing_date === null ? {} : { last_billing_date: isoTime(n.last_billing_date) }),
    ...(n.next_billing_date === null ? {} : { next_billing_date: isoTime(n.next_billing_date) }),
    source: "inventory",
    ...(n.released_at === null ? {} : { released_at: isoTime(n.released_at) }),
  };
}

/** A number as the inventory list shows it: `account_id` "", `trunk_group_id` and `tags` null. */
export function inventoryNumberView(n: NumberRecord): Record<string, unknown> {
  return { ...commonFields(n), account_id: "", trunk_group_id: null, tags: null };
}

/** Builds the control API's view of a number, times as RFC 3339. */
export function internalNumberView(n: NumberRecord): ControlNumber {
  return {
    id: n.id,
    e164: n.e164,
    country: n.country,
    region: n.region,
    stage: lifecycleStage(n),
    owner: n.owner,
    status: n.status,
    setup_fee: n.setup_fee,
    monthly_fee: n.monthly_fee,
    currency: n.currency,
    trunk_group_id: n.trunk_group_id,
    application_id: n.application_id,
    tags: [...n.tags],
    last_call_at: isoTimeOrNull(n.last_call_at),
    purchased_at: isoTimeOrNull(n.purchased_at),
    released_at: isoTimeOrNull(n.released_at),
    pending_release_until: isoTimeOrNull(n.pending_release_until),
    quarantine_until: isoTimeOrNull(n.quarantine_until),
    release_charge: n.release_charge === null ? null : { ...n.release_charge },
    created_at: isoTime(n.created_at),
    updated_at: isoTime(n.updated_at),
  };
}
