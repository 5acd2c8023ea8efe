import { Refusal } from "./refusal";

/**
 * The stack config keys of the guardrails, without the `vobiz:` namespace. A platform team sets them once
 * per stack; every `PhoneNumber` of the stack is held to them.
 */
export const guardrailKeys = ["allowedCountries", "maxMonthlyFee", "maxSetupFee", "requireDeletionProtection", "maxNumbers", "maxMonthlyTotal"] as const;

export type GuardrailKey = (typeof guardrailKeys)[number];

/** The guardrail settings as the stack config gives them: text, any of it missing. */
export type GuardrailConfig = { [K in GuardrailKey]?: string | undefined };

/** The guardrails in force for a stack; a limit left out is not enforced. */
export interface Guardrails {
  /** ISO 3166 alpha-2 codes a number may be bought in. */
  allowedCountries?: readonly string[];
  /** The highest monthly fee of one number bought. */
  maxMonthlyFee?: number;
  /** The highest setup fee of one number bought. */
  maxSetupFee?: number;
  /** Every `PhoneNumber` must set `deletionProtection: true`. */
  requireDeletionProtection: boolean;
  /** The most numbers the stack may hold once its plan is applied (judged on the whole plan). */
  maxNumbers?: number;
  /** The highest sum of the monthly fees of the stack's numbers (judged on the whole plan). */
  maxMonthlyTotal?: number;
}

/** No guardrail: what a stack without any `vobiz:` guardrail setting gets. */
export const noGuardrails: Guardrails = { requireDeletionProtection: false };

/**
 * Reads the guardrails from the stack config's text. A list is a JSON array (`["IN","US"]`, as
 * `pulumi config set --path` records it) or codes separated by commas; a limit is a number of 0 or more; a
 * flag is `true` or `false`. Throws a `Refusal` naming the key and the accepted form when a value is none of these.
 */
export function readGuardrails(config: GuardrailConfig | undefined): Guardrails {
  const guardrails: Guardrails = { requireDeletionProtection: false };
  if (config === undefined) return guardrails;
  const allowedCountries = text(config.allowedCountries);
  if (allowedCountries !== undefined) guardrails.allowedCountries = countryList(allowedCountries);
  for (const key of ["maxMonthlyFee", "maxSetupFee", "maxMonthlyTotal"] as const) {
    const value = text(config[key]);
    if (value !== undefined) guardrails[key] = amount(key, value, (n) => n >= 0, "a number of 0 or more, such as 1000");
  }
  const maxNumbers = text(config.maxNumbers);
  if (maxNumbers !== undefined) guardrails.maxNumbers = amount("maxNumbers", maxNumbers, (n) => Number.isInteger(n) && n >= 0, "a whole number of 0 or more");
  const protection = text(config.requireDeletionProtection);
  if (protection !== undefined) guardrails.requireDeletionProtection = flag(protection);
  return guardrails;
}

/** Tells whether any guardrail is set, so that a stack without them is not told about them. */
export function hasGuardrails(guardrails: Guardrails): boolean {
  return guardrailKeys.some((key) => (key === "requireDeletionProtection" ? guardrails.requireDeletionProtection : guardrails[key] !== undefined));
}

function text(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function countryList(value: string): string[] {
  let items: unknown;
  if (value.startsWith("[")) {
    try {
      items = JSON.parse(value);
    } catch {
      items = undefined;
    }
  } else {
    items = value.split(",").map((item) => item.trim());
  }
  if (!Array.isArray(items) || items.length === 0 || !items.every((item) => typeof item === "string" && /^[A-Za-z]{2}$/.test(item.trim()))) {
    throw badSetting("allowedCountries", value, 'a list of ISO 3166 alpha-2 country codes, such as ["IN","US"] (pulumi config set --path \'vobiz:allowedCountries[0]\' IN)');
  }
  return items.map((item: string) => item.trim().toUpperCase());
}

function amount(key: GuardrailKey, value: string, valid: (n: number) => boolean, expected: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || !valid(parsed)) throw badSetting(key, value, expected);
  return parsed;
}

function flag(value: string): boolean {
  if (value === "true") return true;
  if (value === "false") return false;
  throw badSetting("requireDeletionProtection", value, "true or false");
}

function badSetting(key: GuardrailKey, value: string, expected: string): Refusal {
  return new Refusal(`The stack config vobiz:${key} is ${JSON.stringify(value.slice(0, 60))}, which is not valid: expected ${expected}. Correct it with \`pulumi config set vobiz:${key} …\`.`);
}
