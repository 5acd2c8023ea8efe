import { hasParentInUrn, nameOfUrn, typeOfUrn } from "../../../provider/plugin/urn-parts";

const atRoot = "urn:pulumi:dev::proj::vobiz:index:PhoneNumber::support-line";
const underParents = "urn:pulumi:dev::proj::my:Component$vobiz:index:PhoneNumber$vobiz:index:SubAccountAssignment::a::b";

describe("the parts of a URN the plugin reads", () => {
  it("finds the resource type, also under parents", () => {
    expect(typeOfUrn(atRoot)).toBe("vobiz:index:PhoneNumber");
    expect(typeOfUrn(underParents)).toBe("vobiz:index:SubAccountAssignment");
  });

  it("finds the whole resource name, also one that holds ::", () => {
    expect(nameOfUrn(atRoot)).toBe("support-line");
    expect(nameOfUrn(underParents)).toBe("a::b");
  });

  it("tells a resource under a parent from one under the stack", () => {
    expect(hasParentInUrn(atRoot)).toBe(false);
    expect(hasParentInUrn(underParents)).toBe(true);
  });
});
