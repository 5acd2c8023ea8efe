import type { z } from "zod";
import { phoneNumberInputSchema, type releaseModeSchema } from "./input-schema";

/** How a released number leaves the account: with the 24-hour cancellable window, or at once. */
export type ReleaseMode = z.infer<typeof releaseModeSchema>;

/**
 * The plain inputs of a `PhoneNumber`, as input-schema.ts defines them (what each means is there): the
 * type of `PhoneNumberArgs`, `check` and `diff`.
 */
export type PhoneNumberInputs = z.infer<typeof phoneNumberInputSchema>;

/** Every input a `PhoneNumber` accepts, in the schema's order; `check` refuses any other key. */
export const phoneNumberInputKeys = phoneNumberInputSchema.keyof().options;

/** The inputs that decide which number a resource holds; a change to them may mean another number. */
export const selectionKeys = [
  "e164",
  "country",
  "contains",
  "excludePrefixes",
  "maxMonthlyFee",
  "maxSetupFee",
  "currency",
  "adopt",
] as const satisfies readonly (keyof PhoneNumberInputs)[];

export type Selection = Pick<PhoneNumberInputs, (typeof selectionKeys)[number]>;

/** What the provider records for a `PhoneNumber`: the number as Vobiz reports it, plus the inputs that chose it. */
export interface PhoneNumberOutputs {
  e164: string;
  numberId: string | null;
  accountId: string;
  country: string;
  region: string;
  capabilities: { voice: boolean; sms: boolean; mms: boolean; fax: boolean };
  status: string;
  setupFee: number;
  monthlyFee: number;
  currency: string;
  trunkGroupId: string | null;
  applicationId: string | null;
  purchasedAt: string | null;
  releaseMode: ReleaseMode;
  deletionProtection: boolean;
  /** The selection inputs as last applied, so `diff` can tell a new request from the resolved number. */
  selection: Selection;
}
