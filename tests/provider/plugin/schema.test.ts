import { phoneNumberInputKeys } from "../../../provider/phone-number/inputs";
import { resourceTokens } from "../../../provider/core/resource-tokens";
import { vobizSchema } from "../../../provider/plugin/schema";
import { subAccountAssignmentInputKeys } from "../../../provider/sub-account-assignment/inputs";
import { guardrailKeys } from "../../../provider/core/guardrail-settings";

interface ResourceSpec {
  inputProperties: Record<string, { type?: string; $ref?: string; description: string }>;
  properties: Record<string, { type?: string; $ref?: string; description: string }>;
}

const schema = vobizSchema("1.2.3") as {
  name: string;
  version: string;
  config: { variables: Record<string, { secret?: boolean }> };
  types: Record<string, unknown>;
  resources: Record<string, ResourceSpec>;
};
const resource = (token: string): ResourceSpec => {
  const spec = schema.resources[token];
  if (spec === undefined) throw new Error(`no ${token} in the schema`);
  return spec;
};

describe("the vobiz package schema", () => {
  it("declares exactly the inputs PhoneNumber's check accepts, in their order", () => {
    expect(Object.keys(resource(resourceTokens.phoneNumber).inputProperties)).toEqual([...phoneNumberInputKeys]);
  });

  it("declares exactly the inputs SubAccountAssignment's check accepts, in their order", () => {
    expect(Object.keys(resource(resourceTokens.subAccountAssignment).inputProperties)).toEqual([...subAccountAssignmentInputKeys]);
  });

  it("names the package and version, and marks only the auth token secret", () => {
    expect(schema.name).toBe("vobiz");
    expect(schema.version).toBe("1.2.3");
    expect(Object.keys(schema.config.variables)).toEqual(["authId", "authToken", "baseUrl", ...guardrailKeys]);
    expect(Object.entries(schema.config.variables).filter(([, spec]) => spec.secret).map(([key]) => key)).toEqual(["authToken"]);
  });

  it("gives every property a type and a description, and every reference a declared type", () => {
    for (const token of Object.values(resourceTokens)) {
      const { inputProperties, properties } = resource(token);
      for (const [key, spec] of Object.entries({ ...inputProperties, ...properties })) {
        expect({ key, described: spec.description.length > 0, typed: spec.type !== undefined || spec.$ref !== undefined }).toEqual({ key, described: true, typed: true });
        if (spec.$ref !== undefined) expect(Object.keys(schema.types)).toContain(spec.$ref.replace("#/types/", ""));
      }
    }
  });
});
