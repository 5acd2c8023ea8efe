import type { PhoneNumber as VobizNumber } from "../../sdk";
import { selectionKeys, type PhoneNumberInputs, type PhoneNumberOutputs, type Selection } from "./inputs";

/**
 * Statuses the provider records that Vobiz never reports: `unconfirmed`, a purchase whose answer and lookup
 * were both lost, which may or may not have bought the number; `not_bought`, such a purchase found not to
 * have bought it, so the resource holds no number and has nothing to route or release.
 */
export const recordedStatus = { unconfirmed: "unconfirmed", notBought: "not_bought" } as const;

/** The selection inputs in a fixed key order, absent ones left out, so equal requests serialize equally. */
export function selectionOf(inputs: PhoneNumberInputs): Selection {
  const selection: Record<string, unknown> = {};
  for (const key of selectionKeys) {
    const value = inputs[key];
    if (value !== undefined && value !== null) selection[key] = value;
  }
  return selection as Selection;
}

/**
 * The one normalised view of a number that goes into state: fixed key order and no timestamps that move
 * by themselves, so a refresh of an unchanged number changes nothing.
 */
export function phoneNumberOutputs(number: VobizNumber, inputs: PhoneNumberInputs, selection: Selection = selectionOf(inputs)): PhoneNumberOutputs {
  return {
    e164: number.e164,
    numberId: number.id ?? null,
    accountId: number.account_id,
    country: number.country,
    region: number.region ?? "",
    capabilities: {
      voice: number.capabilities.voice,
      sms: number.capabilities.sms,
      mms: number.capabilities.mms,
      fax: number.capabilities.fax,
    },
    status: number.status,
    setupFee: number.setup_fee,
    monthlyFee: number.monthly_fee,
    currency: number.currency,
    trunkGroupId: number.trunk_group_id ?? null,
    applicationId: number.application_id ?? null,
    purchasedAt: number.purchased_at ?? null,
    releaseMode: inputs.releaseMode ?? "standard",
    deletionProtection: inputs.deletionProtection ?? false,
    selection,
  };
}

/**
 * The inputs a refreshed number stands for: the recorded selection, and the routing Vobiz reports now,
 * so a preview after `refresh` compares the program with what is really there.
 */
export function inputsFromOutputs(outputs: PhoneNumberOutputs): PhoneNumberInputs {
  const inputs: PhoneNumberInputs = { ...outputs.selection };
  if (outputs.trunkGroupId !== null) inputs.trunkGroupId = outputs.trunkGroupId;
  if (outputs.applicationId !== null) inputs.applicationId = outputs.applicationId;
  if (outputs.releaseMode !== "standard") inputs.releaseMode = outputs.releaseMode;
  if (outputs.deletionProtection) inputs.deletionProtection = true;
  return inputs;
}
