import { checkSubAccountAssignment } from "../../../provider/sub-account-assignment/check";

describe("SubAccountAssignment check", () => {
  it("accepts a number, a sub-account and the optional override and budget", () => {
    expect(checkSubAccountAssignment({ e164: "+918065550001", subAccountId: "SA_DEMO0001", force: true, coolOffWaitSeconds: 60 }).failures).toEqual([]);
  });

  it("refuses a master account as the receiver", () => {
    expect(checkSubAccountAssignment({ e164: "+918065550001", subAccountId: "MA_DEMO0001" }).failures).toEqual([
      { property: "subAccountId", reason: expect.stringContaining("a sub-account id") },
    ]);
  });

  it("names every missing or malformed input", () => {
    const failures = checkSubAccountAssignment({ coolOffWaitSeconds: -5, force: "always", extra: 1 }).failures;
    expect(failures.map((f) => f.property).sort()).toEqual(["coolOffWaitSeconds", "e164", "extra", "force", "subAccountId"]);
  });
});

describe("SubAccountAssignment check of values that are not what they seem", () => {
  it("requires e164 and subAccountId when they are null or only inherited", () => {
    expect(checkSubAccountAssignment({ e164: null, subAccountId: "SA_DEMO0001" }).failures).toEqual([
      { property: "e164", reason: "e164 is required: the number to assign" },
    ]);
    const inherited = Object.create({ e164: "+918065550001", subAccountId: "SA_DEMO0001" }) as Record<string, unknown>;
    expect(checkSubAccountAssignment(inherited).failures.map((f) => f.property)).toEqual(["e164", "subAccountId"]);
  });

  it("names e164 when it is a list holding the engine's unknown value", () => {
    expect(checkSubAccountAssignment({ e164: ["04da6b54-80e4-46f7-96ec-b56ff0331ba9"], subAccountId: "SA_DEMO0001" }).failures).toEqual([
      { property: "e164", reason: expect.stringContaining("is not an E.164 number") },
    ]);
  });
});

describe("SubAccountAssignment check of the cool-off wait", () => {
  it("accepts a wait of up to one hour and names coolOffWaitSeconds past it", () => {
    expect(checkSubAccountAssignment({ e164: "+918065550001", subAccountId: "SA_DEMO0001", coolOffWaitSeconds: 3600 }).failures).toEqual([]);
    expect(checkSubAccountAssignment({ e164: "+918065550001", subAccountId: "SA_DEMO0001", coolOffWaitSeconds: 15 * 86_400 }).failures).toEqual([
      { property: "coolOffWaitSeconds", reason: expect.stringMatching(/1296000 is more than 3600, the longest \(one hour\) the provider waits.*force: true/) },
    ]);
  });
});
