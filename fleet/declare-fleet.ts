import type * as pulumi from "@pulumi/pulumi";
import { PhoneNumber, type PhoneNumberArgs } from "../provider/dynamic/phone-number";
import { phoneNumberInputKeys } from "../provider/phone-number/inputs";
import { SubAccountAssignment } from "../provider/dynamic/sub-account-assignment";
import type { FleetEntry } from "./fleet-entry-schema";

/** The resources declared for a fleet, by entry name, so a program can export their outputs. */
export interface DeclaredFleet {
  /** One `PhoneNumber` per entry, named after it. */
  numbers: Record<string, PhoneNumber>;
  /** One `SubAccountAssignment` per entry with `subAccount`, named `<entry>-sub-account`. */
  assignments: Record<string, SubAccountAssignment>;
}

/** The suffix of the name of an entry's `SubAccountAssignment`. */
export const ASSIGNMENT_SUFFIX = "-sub-account";

/**
 * Declares the resources of a fleet: for entry `X`, `PhoneNumber("X")` and, when `subAccount` is set,
 * `SubAccountAssignment("X-sub-account")` holding the number's e164. Resources are keyed by entry name,
 * so the order of entries does not matter. `aliases` become Pulumi aliases (a rename without replacement);
 * `retainOnDelete` sets that resource option on both resources, so neither destroy nor removal from the
 * file releases or moves the number. `options` apply to every resource (a provider, a parent).
 * Declares only: the entries must come from `readFleetFile`, which has validated them.
 */
export function declareFleet(fleet: { entries: readonly FleetEntry[] }, options: pulumi.CustomResourceOptions = {}): DeclaredFleet {
  const declared: DeclaredFleet = { numbers: {}, assignments: {} };
  for (const entry of fleet.entries) {
    const resourceOptions = (suffix: string): pulumi.CustomResourceOptions => ({
      ...options,
      ...(entry.retainOnDelete === undefined ? {} : { retainOnDelete: entry.retainOnDelete }),
      ...(entry.aliases === undefined ? {} : { aliases: [...(options.aliases ?? []), ...entry.aliases.map((alias) => ({ name: `${alias}${suffix}` }))] }),
    });
    const number = new PhoneNumber(entry.name, phoneNumberArgs(entry), resourceOptions(""));
    declared.numbers[entry.name] = number;
    if (entry.subAccount !== undefined) {
      declared.assignments[entry.name] = new SubAccountAssignment(
        `${entry.name}${ASSIGNMENT_SUFFIX}`,
        {
          e164: number.e164,
          subAccountId: entry.subAccount,
          ...(entry.force === undefined ? {} : { force: entry.force }),
          ...(entry.coolOffWaitSeconds === undefined ? {} : { coolOffWaitSeconds: entry.coolOffWaitSeconds }),
        },
        resourceOptions(ASSIGNMENT_SUFFIX),
      );
    }
  }
  return declared;
}

function phoneNumberArgs(entry: FleetEntry): PhoneNumberArgs {
  const args: Record<string, unknown> = {};
  for (const key of phoneNumberInputKeys) if (entry[key] !== undefined) args[key] = entry[key];
  return args as PhoneNumberArgs;
}
