// A URN is `urn:pulumi:<stack>::<project>::<parent types$type>::<name>`; a name may itself hold `::`.

/** The type token of a URN: its last type, under whatever parents. */
export function typeOfUrn(urn: string): string {
  return typesOfUrn(urn).pop() ?? "";
}

/** The resource name of a URN: everything after its type. */
export function nameOfUrn(urn: string): string {
  return urn.split("::").slice(3).join("::");
}

/** Whether the URN's resource has a parent other than the stack, whose URNs leave it out. */
export function hasParentInUrn(urn: string): boolean {
  return typesOfUrn(urn).length > 1;
}

function typesOfUrn(urn: string): string[] {
  return urn.split("::")[2]?.split("$") ?? [];
}
