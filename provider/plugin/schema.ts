import { phoneNumberInputSchema } from "../phone-number/input-schema";
import type { PhoneNumberOutputs } from "../phone-number/inputs";
import { subAccountAssignmentInputSchema } from "../sub-account-assignment/input-schema";
import type { SubAccountAssignmentOutputs } from "../sub-account-assignment/inputs";
import { resourceTokens } from "../core/resource-tokens";
import { guardrailKeys, type GuardrailKey } from "../core/guardrail-settings";
import { inputPropertiesOf, requiredInputsOf } from "./input-properties";
import { schemaLanguages } from "./schema-languages";

/** One property of the Pulumi package schema: its type and what it means. */
export interface PropertySpec {
  type?: "string" | "number" | "boolean" | "array" | "object";
  items?: { type: "string" };
  $ref?: string;
  secret?: boolean;
  description: string;
}


const CAPABILITIES = "vobiz:index:Capabilities";
const COOL_OFF = "vobiz:index:CoolOff";

const string = (description: string): PropertySpec => ({ type: "string", description });
const number = (description: string): PropertySpec => ({ type: "number", description });
const boolean = (description: string): PropertySpec => ({ type: "boolean", description });

// The inputs' types and descriptions are their zod schemas' (input-schema.ts), which `check` enforces.
const phoneNumberInputs = inputPropertiesOf(phoneNumberInputSchema);

type PhoneNumberOutputKey = Exclude<keyof PhoneNumberOutputs, "selection">;

// The recorded selection (`selection`) stays in state for the provider's own diff; it is not an output to use.
const phoneNumberOutputs: Record<PhoneNumberOutputKey, PropertySpec> = {
  e164: string("The number, resolved at create when it was chosen by criteria."),
  numberId: string("Vobiz's id of the number, when it reports one."),
  accountId: string("The account that holds the number: the master account, or a sub-account it was assigned to."),
  country: string("The number's country (ISO 3166 alpha-2)."),
  region: string("The number's region or city, as Vobiz reports it."),
  capabilities: { $ref: `#/types/${CAPABILITIES}`, description: "What the number can do." },
  status: string("The number's status: `active`, `pending_release`, or `unconfirmed` / `not_bought` for a purchase the next `up` settles."),
  setupFee: number("The one-time setup fee paid, in `currency`."),
  monthlyFee: number("The monthly fee, in `currency`."),
  currency: string("The currency of the fees."),
  trunkGroupId: phoneNumberInputs.trunkGroupId,
  applicationId: phoneNumberInputs.applicationId,
  purchasedAt: string("When the number was bought (ISO 8601)."),
  releaseMode: phoneNumberInputs.releaseMode,
  deletionProtection: phoneNumberInputs.deletionProtection,
};

const assignmentInputs = inputPropertiesOf(subAccountAssignmentInputSchema);

const assignmentOutputs: Record<keyof SubAccountAssignmentOutputs, PropertySpec> = {
  e164: assignmentInputs.e164,
  subAccountId: string("The sub-account holding the number, or null while a move is unfinished (the next `pulumi up` finishes it)."),
  masterAccountId: string("The master account that owns the number."),
  force: assignmentInputs.force,
  coolOffWaitSeconds: assignmentInputs.coolOffWaitSeconds,
  coolOff: { $ref: `#/types/${COOL_OFF}`, description: "The cool-off the last move of this number met, and how it was got past; null if none." },
};

const configVariables = {
  authId: string("The Vobiz auth id (`MA_…` or `SA_…`). Falls back to the environment variable `VOBIZ_AUTH_ID`."),
  authToken: { ...string("The Vobiz auth token. Set it with `pulumi config set --secret vobiz:authToken`. Falls back to `VOBIZ_AUTH_TOKEN`."), secret: true },
  baseUrl: string("The API root, `https://api.vobiz.ai/api` by default; point it at a local emulator to test. Falls back to `VOBIZ_BASE_URL`."),
} satisfies Record<string, PropertySpec>;

/** The provider's credential config keys (`vobiz:<key>`); the one place they are named. */
export const configKeys = Object.keys(configVariables) as (keyof typeof configVariables)[];

// Text, as the stack config holds it, read by guardrail-settings.ts, which names the forms it accepts.
const guardrailDescriptions: Record<GuardrailKey, string> = {
  allowedCountries: 'The ISO 3166 alpha-2 countries a number may be bought in, as a JSON array such as ["IN","US"].',
  maxMonthlyFee: "The highest monthly fee of one number bought, in its currency.",
  maxSetupFee: "The highest setup fee of one number bought, in its currency.",
  requireDeletionProtection: "true to require deletionProtection: true on every PhoneNumber of the stack.",
  maxNumbers: "The most numbers the stack may hold, judged on the whole plan by `vobiz-pipeline-report`.",
  maxMonthlyTotal: "The highest sum of the stack's monthly fees, judged on the whole plan by `vobiz-pipeline-report`.",
};
const guardrailVariables = Object.fromEntries(guardrailKeys.map((key) => [key, string(guardrailDescriptions[key])]));

/**
 * The Pulumi package schema of the `vobiz` plugin, as an object: its config, its provider inputs and its two
 * resources, whose inputs come from the zod schemas the resources' `check` enforces.
 */
export function vobizSchema(version: string): Record<string, unknown> {
  return {
    name: "vobiz",
    displayName: "Vobiz",
    version,
    description: "Vobiz phone numbers (DIDs): buy, route, hand to sub-accounts and release them.",
    license: "Apache-2.0",
    keywords: ["vobiz", "telephony", "phone-numbers", "category/utility"],
    config: { variables: { ...configVariables, ...guardrailVariables } },
    provider: { description: "The Vobiz provider: credentials, API root and the stack's guardrails.", inputProperties: { ...configVariables, ...guardrailVariables } },
    types: {
      [CAPABILITIES]: {
        type: "object",
        description: "What a number can do.",
        properties: { voice: boolean("Voice calls."), sms: boolean("SMS."), mms: boolean("MMS."), fax: boolean("Fax.") },
        required: ["voice", "sms", "mms", "fax"],
      },
      [COOL_OFF]: {
        type: "object",
        description: "A cool-off an unassign met.",
        properties: { until: string("When the cool-off ends (ISO 8601)."), resolvedBy: string("How it was got past: `wait` or `force`.") },
        required: ["until", "resolvedBy"],
      },
    },
    resources: {
      [resourceTokens.phoneNumber]: {
        description:
          "A Vobiz phone number held by the account. `pulumi up` buys it (an exact `e164`, or one matching `country` and the other criteria), " +
          "adopts it (`adopt: true`) or cancels its pending release, and routes it in place; `pulumi refresh` reports drift; " +
          "`pulumi destroy` releases it. `pulumi import vobiz:index:PhoneNumber <name> <e164>` takes over a number the account holds.",
        inputProperties: phoneNumberInputs,
        properties: phoneNumberOutputs,
        required: ["e164", "accountId", "country", "region", "capabilities", "status", "setupFee", "monthlyFee", "currency", "releaseMode", "deletionProtection"],
      },
      [resourceTokens.subAccountAssignment]: {
        description: "A number the master account owns, handed to one of its sub-accounts. Changing `subAccountId` moves it in place; `destroy` gives it back to the master account.",
        inputProperties: assignmentInputs,
        requiredInputs: requiredInputsOf(subAccountAssignmentInputSchema),
        properties: assignmentOutputs,
        required: ["e164", "masterAccountId", "force", "coolOffWaitSeconds"],
      },
    },
    language: schemaLanguages,
  };
}
