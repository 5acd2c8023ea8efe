import type { z } from "zod";
import { fleetEntrySchema } from "../../fleet/fleet-entry-schema";
import { checkPhoneNumber } from "../../provider/phone-number/check";
import { phoneNumberInputSchema } from "../../provider/phone-number/input-schema";
import { resourceTokens } from "../../provider/core/resource-tokens";
import { vobizSchema } from "../../provider/plugin/schema";
import { checkSubAccountAssignment } from "../../provider/sub-account-assignment/check";
import { subAccountAssignmentInputSchema } from "../../provider/sub-account-assignment/input-schema";

interface ResourceSpec {
  inputProperties: Record<string, { type?: string; items?: { type?: string }; description?: string }>;
  requiredInputs?: string[];
}

const resources = (vobizSchema("1.2.3") as { resources: Record<string, ResourceSpec> }).resources;

// What the zod schema itself says of a property, read from its definition rather than through the JSON
// Schema the plugin's mapping uses: the Pulumi type, whether it may be left out, and its description.
function declared(property: z.ZodType): { type: string; items?: { type: string }; required: boolean; description: string | undefined } {
  const required = !property.safeParse(undefined).success;
  const inner = (property.def.type === "optional" ? (property as z.ZodOptional).unwrap() : property) as z.ZodType;
  const pulumiType = (schema: z.ZodType): string => (schema.def.type === "enum" ? "string" : schema.def.type);
  const items = inner.def.type === "array" ? { items: { type: pulumiType((inner as z.ZodArray).element as z.ZodType) } } : {};
  return { type: pulumiType(inner), ...items, required, description: property.description };
}

function published(spec: ResourceSpec, key: string) {
  const property = spec.inputProperties[key];
  return {
    type: property?.type,
    ...(property?.items === undefined ? {} : { items: property.items }),
    required: (spec.requiredInputs ?? []).includes(key),
    description: property?.description,
  };
}

const resourceSchemas = [
  { token: resourceTokens.phoneNumber, schema: phoneNumberInputSchema },
  { token: resourceTokens.subAccountAssignment, schema: subAccountAssignmentInputSchema },
];

describe.each(resourceSchemas)("the inputs of $token", ({ token, schema }) => {
  const spec = resources[token]!;

  it("are the zod schema's properties in the plugin schema, in its order, with no other", () => {
    expect(Object.keys(spec.inputProperties)).toEqual(Object.keys(schema.shape));
  });

  it("carry each property's type, required-ness and description into the plugin schema", () => {
    for (const [key, property] of Object.entries(schema.shape)) {
      const expected = declared(property as z.ZodType);
      expect({ key, ...published(spec, key) }).toEqual({ key, ...expected });
      expect({ key, described: (expected.description ?? "").length > 0 }).toEqual({ key, described: true });
    }
  });
});

describe("the fleet file's entry schema", () => {
  const fleetOnly = ["subAccount", "coolOffWaitSeconds", "force", "retainOnDelete", "aliases"];

  it("accepts exactly the PhoneNumber inputs and the fleet's own properties", () => {
    expect(Object.keys(fleetEntrySchema.shape).sort()).toEqual([...Object.keys(phoneNumberInputSchema.shape), ...fleetOnly].sort());
  });

  it("holds each PhoneNumber input, and the assignment's force and coolOffWaitSeconds, to the resources' own schemas", () => {
    const shape = fleetEntrySchema.shape as Record<string, z.ZodType>;
    for (const [key, property] of Object.entries(phoneNumberInputSchema.shape)) expect({ key, same: shape[key] === property }).toEqual({ key, same: true });
    expect(shape["force"]).toBe(subAccountAssignmentInputSchema.shape.force);
    expect(shape["coolOffWaitSeconds"]).toBe(subAccountAssignmentInputSchema.shape.coolOffWaitSeconds);
  });
});

describe("check refuses a bad value by the property's name", () => {
  const exact = { e164: "+918065550001" };
  const criteria = { country: "IN" };
  const phoneNumberCases: [string, Record<string, unknown>][] = [
    ["e164", { e164: "918065550001" }],
    ["country", { country: "IND" }],
    ["contains", { ...criteria, contains: "80a" }],
    ["excludePrefixes", { ...criteria, excludePrefixes: ["+0"] }],
    ["maxMonthlyFee", { ...criteria, maxMonthlyFee: -1 }],
    ["maxSetupFee", { ...criteria, maxSetupFee: Number.POSITIVE_INFINITY }],
    ["currency", { ...criteria, currency: "₹" }],
    ["adopt", { ...exact, adopt: "yes" }],
    ["trunkGroupId", { ...exact, trunkGroupId: "tg 1" }],
    ["applicationId", { ...exact, applicationId: "" }],
    ["releaseMode", { ...exact, releaseMode: "later" }],
    ["deletionProtection", { ...exact, deletionProtection: 1 }],
  ];

  it("covers every PhoneNumber input", () => {
    expect(phoneNumberCases.map(([key]) => key)).toEqual(Object.keys(phoneNumberInputSchema.shape));
  });

  it.each(phoneNumberCases)("PhoneNumber %s", (property, inputs) => {
    expect(checkPhoneNumber(inputs).failures).toEqual([{ property, reason: expect.stringMatching(/is not (valid|an E\.164 number).*: expected /) }]);
  });

  const assignment = { e164: "+918065550001", subAccountId: "SA_DEMO0001" };
  const assignmentCases: [string, Record<string, unknown>, RegExp][] = [
    ["e164", { ...assignment, e164: "+0918065550001" }, /is not an E\.164 number/],
    ["subAccountId", { ...assignment, subAccountId: "MA_DEMO0001" }, /is not valid: expected a sub-account id/],
    ["force", { ...assignment, force: "true" }, /is not valid: expected true or false/],
    ["coolOffWaitSeconds", { ...assignment, coolOffWaitSeconds: 3601 }, /^3601 is more than 3600/],
  ];

  it("covers every SubAccountAssignment input", () => {
    expect(assignmentCases.map(([key]) => key)).toEqual(Object.keys(subAccountAssignmentInputSchema.shape));
  });

  it.each(assignmentCases)("SubAccountAssignment %s", (property, inputs, reason) => {
    expect(checkSubAccountAssignment(inputs).failures).toEqual([{ property, reason: expect.stringMatching(reason) }]);
  });
});
