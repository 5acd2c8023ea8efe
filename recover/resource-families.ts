import { resourceTokens } from "../provider/core/resource-tokens";

/** Which of the two vobiz resources a state resource is. */
export type ResourceKind = "phoneNumber" | "subAccountAssignment";

/**
 * One front end's resources as a stack records them: their type tokens, and whether their inputs and outputs
 * carry `__provider`, the serialized provider Pulumi's dynamic-provider host adds to both. Apart from that key,
 * both front ends record the shared operations' inputs and outputs.
 */
export interface ResourceFamily {
  types: Record<ResourceKind, string>;
  serializedProvider: boolean;
}

/** The dynamic resources (`pulumi-vobiz`) and the `vobiz` plugin's. */
export const resourceFamilies: readonly ResourceFamily[] = [
  {
    types: { phoneNumber: "pulumi-nodejs:dynamic/vobiz:PhoneNumber", subAccountAssignment: "pulumi-nodejs:dynamic/vobiz:SubAccountAssignment" },
    serializedProvider: true,
  },
  { types: { phoneNumber: resourceTokens.phoneNumber, subAccountAssignment: resourceTokens.subAccountAssignment }, serializedProvider: false },
];

/** The family and kind of a state resource's type token, or undefined for a type of another package. */
export function vobizResourceType(type: string): { family: ResourceFamily; kind: ResourceKind } | undefined {
  for (const family of resourceFamilies) {
    for (const kind of Object.keys(family.types) as ResourceKind[]) if (family.types[kind] === type) return { family, kind };
  }
  return undefined;
}

/** The kind of a state resource's type token, in either family, or undefined for a type of another package. */
export function resourceKindOf(type: string): ResourceKind | undefined {
  return vobizResourceType(type)?.kind;
}
