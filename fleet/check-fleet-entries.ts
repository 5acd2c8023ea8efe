import { checkPhoneNumber } from "../provider/phone-number/check";
import { phoneNumberInputKeys } from "../provider/phone-number/inputs";
import { checkSubAccountAssignment } from "../provider/sub-account-assignment/check";
import { entryNamePattern, entryNameRule, fleetEntryKeys, fleetEntrySchema, notAnEntry, wrongTypeReason, type FleetEntry, type FleetEntryFields } from "./fleet-entry-schema";

/** One thing wrong with an entry, before it is located in the file. */
export interface EntryProblem {
  entry: string;
  /** Where in the entry: `[]` for the entry itself, `["contains"]`, `["excludePrefixes", 1]`. */
  path: (string | number)[];
  reason: string;
}

/** The outcome of checking one entry: the entry when it is valid, and every problem found otherwise. */
export interface EntryCheck {
  entry?: FleetEntry;
  problems: EntryProblem[];
}

const assignmentOnlyKeys = ["force", "coolOffWaitSeconds"] as const;

// The properties whose rules the resources' `check` reports below: from the parse, only their types are.
const resourceKeys: readonly string[] = [...phoneNumberInputKeys, "subAccount", ...assignmentOnlyKeys];

/**
 * Checks one entry of a fleet file: its name, the shape and types of its properties (`fleetEntrySchema`),
 * and, through the resources' own `check`, the rules their schemas hold (e164 or criteria, trunk or
 * application, adopt needs e164, formats), so that a bad file fails before any API call. Never throws.
 */
export function checkFleetEntry(name: string, value: unknown): EntryCheck {
  const problems: EntryProblem[] = [];
  const fail = (path: (string | number)[], reason: string): void => void problems.push({ entry: name, path, reason });

  if (!entryNamePattern.test(name)) fail([], `${JSON.stringify(name)} is not a valid entry name: expected ${entryNameRule}`);

  if (!isRecord(value)) {
    fail([], notAnEntry(value));
    return { problems };
  }

  const parsed = fleetEntrySchema.safeParse(value, { reportInput: true });
  for (const issue of parsed.error?.issues ?? []) {
    const path = issue.path.filter((key): key is string | number => typeof key !== "symbol");
    const property = String(path[0]) as keyof FleetEntryFields;
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) fail([key], `unknown property "${key}"; expected one of: ${fleetEntryKeys.join(", ")}`);
    } else if (issue.code === "invalid_type" || issue.input === null) {
      // An empty value (YAML's null) is refused here: the resources' check would take it for a value not given.
      fail(path, wrongTypeReason(property, issue));
    } else if (!resourceKeys.includes(property)) {
      fail(path, issue.message);
    }
  }

  // A property whose type is already wrong would only be reported again, less clearly, by the rules below.
  const alreadyFailed = new Set(problems.map((problem) => problem.path[0]));
  const failOnce = (property: string, reason: string): void => {
    if (!alreadyFailed.has(property)) fail([property], reason);
  };

  const phoneNumberInputs = Object.fromEntries(phoneNumberInputKeys.filter((key) => key in value).map((key) => [key, value[key]]));
  for (const failure of checkPhoneNumber(phoneNumberInputs).failures) failOnce(failure.property, failure.reason);

  if (value["subAccount"] !== undefined) {
    const assignment = checkSubAccountAssignment({
      e164: value["e164"],
      subAccountId: value["subAccount"],
      force: value["force"],
      coolOffWaitSeconds: value["coolOffWaitSeconds"],
    });
    // The assignment's number is the PhoneNumber's e164 output, which the phone number's own rules cover.
    for (const failure of assignment.failures.filter((f) => f.property !== "e164")) {
      failOnce(failure.property === "subAccountId" ? "subAccount" : failure.property, failure.reason);
    }
  } else {
    for (const key of assignmentOnlyKeys.filter((k) => value[k] !== undefined)) {
      failOnce(key, `${key} applies to handing the number to a sub-account; set subAccount too, or remove ${key}`);
    }
  }

  if (Array.isArray(value["aliases"])) {
    value["aliases"].forEach((alias, index) => {
      if (alias === name) fail(["aliases", index], `"${name}" is this entry's own name; an alias is a name the entry had before`);
    });
  }

  return problems.length === 0 && parsed.success ? { entry: { name, ...parsed.data }, problems } : { problems };
}

/**
 * Checks what no single entry can see: a number declared by two entries, an alias that is another entry's
 * current name, and an alias claimed by two entries. Each problem is reported on the later entry.
 */
export function checkAcrossEntries(entries: readonly FleetEntry[]): EntryProblem[] {
  const problems: EntryProblem[] = [];
  const names = new Set(entries.map((entry) => entry.name));
  const numberOwners = new Map<string, string>();
  const aliasOwners = new Map<string, string>();
  for (const entry of entries) {
    if (entry.e164 !== undefined) {
      const owner = numberOwners.get(entry.e164);
      if (owner === undefined) numberOwners.set(entry.e164, entry.name);
      else problems.push({ entry: entry.name, path: ["e164"], reason: `${entry.e164} is already declared by entry "${owner}"; a number belongs to one entry` });
    }
    (entry.aliases ?? []).forEach((alias, index) => {
      const owner = aliasOwners.get(alias);
      if (names.has(alias)) {
        problems.push({
          entry: entry.name,
          path: ["aliases", index],
          reason: `"${alias}" is the name of another entry; an alias is a former name that no entry uses any more`,
        });
      } else if (owner !== undefined) {
        problems.push({ entry: entry.name, path: ["aliases", index], reason: `"${alias}" is already an alias of entry "${owner}"` });
      } else {
        aliasOwners.set(alias, entry.name);
      }
    });
  }
  return problems;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
