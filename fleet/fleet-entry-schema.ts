import { z } from "zod";
import { trueOrFalse } from "../provider/core/input-rules";
import { phoneNumberInputSchema } from "../provider/phone-number/input-schema";
import { subAccountAssignmentInputSchema } from "../provider/sub-account-assignment/input-schema";

/** What an entry name may look like: lowercase letters, digits and hyphens, starting with a letter or digit. */
export const entryNamePattern = /^[a-z0-9][a-z0-9-]*$/;

/** Why a value is not an entry name, for messages. */
export const entryNameRule = "lowercase letters, digits and hyphens, starting with a letter or digit, such as \"support-bengaluru\"";

function describe(value: unknown): string {
  return value === null ? "an empty value" : JSON.stringify(value);
}

const { releaseMode, deletionProtection, ...selectionAndRouting } = phoneNumberInputSchema.shape;
const { subAccountId, force, coolOffWaitSeconds } = subAccountAssignmentInputSchema.shape;

/**
 * One entry of `numbers.yaml`: the `PhoneNumber` inputs (input-schema.ts: an exact `e164` or criteria,
 * routing, protection), an optional sub-account to hand the number to with the `SubAccountAssignment`'s own
 * `force` and `coolOffWaitSeconds`, and how Pulumi treats the resources (`retainOnDelete`, `aliases`). The
 * properties are the resources' schemas, so each has their rules; `checkFleetEntry` reports the rules through
 * the resources' `check`, and the rules between properties with them. The order is the one the writer puts
 * them in.
 */
export const fleetEntrySchema = z.strictObject({
  ...selectionAndRouting,
  subAccount: subAccountId.optional(),
  coolOffWaitSeconds,
  force,
  deletionProtection,
  retainOnDelete: trueOrFalse().optional(),
  releaseMode,
  aliases: z
    .array(
      z.string({ error: (issue) => `${describe(issue.input)} is not valid: expected a former entry name` }).regex(entryNamePattern, {
        error: (issue) => `${describe(issue.input)} is not an entry name: expected ${entryNameRule}`,
      }),
      { error: () => "expected a list of former entry names, such as [support-line]" },
    )
    .optional(),
});

/** The properties of one entry, as written in the file. */
export type FleetEntryFields = z.infer<typeof fleetEntrySchema>;

/** One valid entry of a fleet file: its name (the stable key of its resources) and its properties. */
export type FleetEntry = { name: string } & FleetEntryFields;

/** Every property an entry may have, in the order the writer puts them. */
export const fleetEntryKeys = fleetEntrySchema.keyof().options;

/** Why a value that is not an entry is refused. */
export function notAnEntry(value: unknown): string {
  return `${describe(value)} is not an entry: expected a mapping of properties, such as e164: "+918065551234"`;
}

// How each text property is written, quoted where YAML would otherwise read a number.
const yamlExamples: Partial<Record<keyof FleetEntryFields, string>> = {
  e164: '"+918065551234"',
  country: "IN",
  contains: '"9180"',
  excludePrefixes: '"9111"',
  currency: "INR",
  trunkGroupId: "2f6b1c3e-4d5a-4b7c-9e8f-0a1b2c3d4e5f",
  applicationId: '"20577609616603585"',
  subAccount: "SA_XXXXXXXX",
};

/**
 * The reason for a value of the wrong type, as the file's author needs it: YAML reads an unquoted
 * +14155550123, 9180 or 20577609616603585 as a number (and the last loses digits), so a number where text is
 * expected is answered with the fix; an empty value (YAML's null) is called that. Others keep the schema's reason.
 */
export function wrongTypeReason(property: keyof FleetEntryFields, issue: { expected?: string; input?: unknown; message: string }): string {
  if (issue.expected === "string" && typeof issue.input === "number") {
    const example = yamlExamples[property];
    return `YAML reads ${String(issue.input)} as a number; write it in quotes${example === undefined ? "" : `, such as ${example}`}`;
  }
  return issue.input === null && issue.message.startsWith("null ") ? `an empty value${issue.message.slice("null".length)}` : issue.message;
}
