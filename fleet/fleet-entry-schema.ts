import { z } from "zod";

/** What an entry name may look like: lowercase letters, digits and hyphens, starting with a letter or digit. */
export const entryNamePattern = /^[a-z0-9][a-z0-9-]*$/;

/** Why a value is not an entry name, for messages. */
export const entryNameRule = "lowercase letters, digits and hyphens, starting with a letter or digit, such as \"support-bengaluru\"";

// YAML reads an unquoted +14155550123, 9180 or 20577609616603585 as a number (and the last loses digits),
// so a number where text is expected is answered with the fix, not just the type.
function text(expected: string, example: string) {
  return z.string({
    error: (issue) =>
      typeof issue.input === "number"
        ? `YAML reads ${String(issue.input)} as a number; write it in quotes, such as ${example}`
        : `${describe(issue.input)} is not valid: expected ${expected}, such as ${example}`,
  });
}

function amount() {
  return z.number({ error: (issue) => `${describe(issue.input)} is not valid: expected a number of 0 or more, such as 1000` });
}

function flag() {
  return z.boolean({ error: (issue) => `${describe(issue.input)} is not valid: expected true or false` });
}

function describe(value: unknown): string {
  return value === null ? "an empty value" : JSON.stringify(value);
}

/**
 * One entry of `numbers.yaml`: the `PhoneNumber` inputs (an exact `e164` or criteria, routing, protection),
 * an optional sub-account to hand the number to, and how Pulumi treats the resources (`retainOnDelete`,
 * `aliases`). Checks the shape and the types; the rules between properties are `checkFleetEntry`'s.
 */
export const fleetEntrySchema = z.strictObject(
  {
    e164: text("one exact number in E.164 form", '"+918065551234"').optional(),
    country: text("an ISO 3166 alpha-2 country code", "IN").optional(),
    contains: text("digits the number must contain", '"9180"').optional(),
    excludePrefixes: z
      .array(text("an E.164 prefix", '"9111"'), { error: () => 'expected a list of E.164 prefixes, such as ["9111", "9122"]' })
      .optional(),
    maxMonthlyFee: amount().optional(),
    maxSetupFee: amount().optional(),
    currency: text("an ISO 4217 currency code", "INR").optional(),
    adopt: flag().optional(),
    trunkGroupId: text("a SIP trunk group id", "2f6b1c3e-4d5a-4b7c-9e8f-0a1b2c3d4e5f").optional(),
    applicationId: text("a voice application id", '"20577609616603585"').optional(),
    subAccount: text("a sub-account id", "SA_XXXXXXXX").optional(),
    coolOffWaitSeconds: amount().optional(),
    force: flag().optional(),
    deletionProtection: flag().optional(),
    retainOnDelete: flag().optional(),
    releaseMode: z
      .enum(["standard", "immediate"], { error: (issue) => `${describe(issue.input)} is not valid: expected "standard" or "immediate"` })
      .optional(),
    aliases: z
      .array(
        z.string({ error: (issue) => `${describe(issue.input)} is not valid: expected a former entry name` }).regex(entryNamePattern, {
          error: (issue) => `${describe(issue.input)} is not an entry name: expected ${entryNameRule}`,
        }),
        { error: () => "expected a list of former entry names, such as [support-line]" },
      )
      .optional(),
  },
  { error: (issue) => (issue.code === "invalid_type" ? `${describe(issue.input)} is not an entry: expected a mapping of properties, such as e164: "+918065551234"` : undefined) },
);

/** The properties of one entry, as written in the file. */
export type FleetEntryFields = z.infer<typeof fleetEntrySchema>;

/** One valid entry of a fleet file: its name (the stable key of its resources) and its properties. */
export type FleetEntry = { name: string } & FleetEntryFields;

/** Every property an entry may have, in the order the writer puts them. */
export const fleetEntryKeys = Object.keys(fleetEntrySchema.shape) as (keyof FleetEntryFields)[];

