import type { FleetEntry } from "../fleet/fleet-entry-schema";
import { resourceTokens } from "../provider/core/resource-tokens";

/** One resource of a Pulumi bulk import file: its type token, the name it gets in the stack, and its id. */
export interface ImportFileResource {
  type: string;
  name: string;
  id: string;
}

/** A Pulumi bulk import file, as `pulumi import --file <path>` reads it. */
export interface ImportFile {
  resources: ImportFileResource[];
}

/**
 * The bulk import file that takes over the numbers of onboarding entries as `vobiz` plugin resources: per entry
 * a `vobiz:index:PhoneNumber` named after it, and for an entry with `subAccount` a
 * `vobiz:index:SubAccountAssignment` named `<entry>-sub-account`, as the fleet names it; both have the e164
 * as their id. `pulumi import` reads every other input from Vobiz, so nothing else is written.
 */
export function importFileFor(entries: readonly FleetEntry[]): ImportFile {
  const resources: ImportFileResource[] = [];
  for (const entry of entries) {
    if (entry.e164 === undefined) continue;
    resources.push({ type: resourceTokens.phoneNumber, name: entry.name, id: entry.e164 });
    if (entry.subAccount !== undefined) resources.push({ type: resourceTokens.subAccountAssignment, name: `${entry.name}-sub-account`, id: entry.e164 });
  }
  return { resources };
}

/** The text of an import file: indented JSON with a final newline. */
export function renderImportFile(file: ImportFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}
