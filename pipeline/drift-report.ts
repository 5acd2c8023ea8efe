import type { SettledResource } from "./engine-events";
import { resourceName, resourceType } from "./engine-json";

/** One property of one number that Vobiz no longer reports as the stack recorded it. */
export interface Drift {
  resource: string;
  number: string;
  property: string;
  recorded: unknown;
  actual: unknown;
}

const VOBIZ_TYPES = new Set(["pulumi-nodejs:dynamic/vobiz:PhoneNumber", "pulumi-nodejs:dynamic/vobiz:SubAccountAssignment"]);
// Properties a refresh rewrites without anything having changed at Vobiz.
const NOT_DRIFT = new Set(["__provider"]);

/**
 * The drift a `pulumi refresh --preview-only` found: for each Vobiz resource the refresh would change, each
 * input that differs (what the engine counts as a change: the provider's `read` reports the inputs the
 * number now stands for); a resource whose number left the account is one drift of the property `e164`
 * (recorded, now absent).
 */
export function driftOf(resources: readonly SettledResource[]): Drift[] {
  const drifts: Drift[] = [];
  for (const settled of resources) {
    if (!VOBIZ_TYPES.has(resourceType(settled.urn)) || !settled.old || settled.op === "same") continue;
    const recorded = settled.old.inputs ?? {};
    const number = String(settled.old.outputs?.["e164"] ?? settled.old.id ?? "");
    const resource = resourceName(settled.urn);
    if (!settled.new || settled.op === "delete") {
      drifts.push({ resource, number, property: "e164", recorded: number, actual: undefined });
      continue;
    }
    const actual = settled.new.inputs ?? {};
    for (const property of [...new Set([...Object.keys(recorded), ...Object.keys(actual)])].sort()) {
      if (NOT_DRIFT.has(property) || JSON.stringify(recorded[property]) === JSON.stringify(actual[property])) continue;
      drifts.push({ resource, number, property, recorded: recorded[property], actual: actual[property] });
    }
  }
  return drifts;
}

/** The drift as lines a pipeline log shows, one per property: resource, number, property, recorded → actual. */
export function driftLines(drifts: readonly Drift[]): string[] {
  return drifts.map((d) =>
    d.actual === undefined && d.property === "e164"
      ? `${d.resource} (${d.number}): no longer held by the account`
      : `${d.resource} (${d.number}): ${d.property} ${show(d.recorded)} → ${show(d.actual)}`,
  );
}

function show(value: unknown): string {
  return value === undefined || value === null ? "(none)" : typeof value === "string" ? value : JSON.stringify(value);
}
