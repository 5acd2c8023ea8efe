// A URN is `urn:pulumi:<stack>::<project>::<parent types$type>::<name>`; a name may itself hold `::`.

/** The type token of a URN: its last type, under whatever parents. */
export function typeOfUrn(urn: string): string {
  return urn.split("::")[2]?.split("$").pop() ?? "";
}

/** The resource name of a URN: its last part. */
export function nameOfUrn(urn: string): string {
  return urn.split("::").pop() ?? "";
}
