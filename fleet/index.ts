// A fleet declared as data: `numbers.yaml` read with positions, validated before any API call, and turned
// into `PhoneNumber` and `SubAccountAssignment` resources keyed by entry name.

export { readFleetFile, parseFleetFile, type FleetFile } from "./read-fleet-file";
export { declareFleet, ASSIGNMENT_SUFFIX, type DeclaredFleet } from "./declare-fleet";
export { renderFleetFile, mergeFleetFile, type FleetMerge } from "./write-fleet-file";
export { FleetFileError, formatProblem, type FleetProblem } from "./fleet-file-error";
export { checkFleetEntry, checkAcrossEntries, type EntryCheck, type EntryProblem } from "./check-fleet-entries";
export { entryNamePattern, fleetEntryKeys, fleetEntrySchema, type FleetEntry, type FleetEntryFields } from "./fleet-entry-schema";
