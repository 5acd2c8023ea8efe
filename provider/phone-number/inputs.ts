/** How a released number leaves the account: with the 24-hour cancellable window, or at once. */
export type ReleaseMode = "standard" | "immediate";

/**
 * The plain inputs of a `PhoneNumber`: the one source of truth for `PhoneNumberArgs`, `check` and `diff`.
 *
 * Either `e164` names one exact number, or `country` (with the optional filters) describes numbers that
 * are acceptable; the concrete number is resolved once, at create, and is an output from then on.
 */
export interface PhoneNumberInputs {
  /** One exact number in E.164 form, e.g. `+918065551234`. Excludes the criteria. */
  e164?: string;
  /** ISO 3166 alpha-2 country to pick a number from, e.g. `IN`. */
  country?: string;
  /** Digits the number must contain (a substring of its E.164 form). */
  contains?: string;
  /** E.164 prefixes the number must not start with, e.g. `["9111"]`. */
  excludePrefixes?: string[];
  /** Highest acceptable monthly fee, in the number's currency. */
  maxMonthlyFee?: number;
  /** Highest acceptable one-time setup fee, in the number's currency. */
  maxSetupFee?: number;
  /** Transaction currency for the purchase (defaults to the number's own). */
  currency?: string;
  /** SIP trunk group to route the number to. Excludes `applicationId`. */
  trunkGroupId?: string;
  /** Voice application to attach the number to. Excludes `trunkGroupId`. */
  applicationId?: string;
  /** Manage a number the account already owns instead of buying it (requires `e164`). */
  adopt?: boolean;
  /** How `destroy` releases the number; `standard` (default) keeps it cancellable for 24 hours. */
  releaseMode?: ReleaseMode;
  /** When true, `destroy` and replacement refuse to release the number. */
  deletionProtection?: boolean;
}

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

/** Every input a `PhoneNumber` accepts; `check` refuses any other key. */
export const phoneNumberInputKeys = [
  ...selectionKeys,
  "trunkGroupId",
  "applicationId",
  "releaseMode",
  "deletionProtection",
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
