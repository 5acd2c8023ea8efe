import { diffSubAccountAssignment } from "../../../provider/sub-account-assignment/diff";
import type { SubAccountAssignmentOutputs } from "../../../provider/sub-account-assignment/inputs";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const recorded: SubAccountAssignmentOutputs = {
  e164: "+918065551234",
  subAccountId: "SA_DEMO0001",
  masterAccountId: "MA_DEMO0001",
  force: false,
  coolOffWaitSeconds: 0,
  coolOff: null,
};

describe("SubAccountAssignment diff", () => {
  it("reports nothing for the same number and sub-account", () => {
    expect(diffSubAccountAssignment(recorded, { e164: recorded.e164, subAccountId: "SA_DEMO0001" })).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
  });

  it("moves to another sub-account in place and replaces only for another number", () => {
    expect(diffSubAccountAssignment(recorded, { e164: recorded.e164, subAccountId: "SA_DEMO0002" })).toMatchObject({ changes: true, replaces: [] });
    expect(diffSubAccountAssignment(recorded, { e164: "+918065550000", subAccountId: "SA_DEMO0001" })).toMatchObject({ changes: true, replaces: ["e164"] });
  });

  it("judges a number not known yet in place, so a preview of a re-routed number announces no replacement", () => {
    expect(diffSubAccountAssignment(recorded, { e164: UNKNOWN, subAccountId: "SA_DEMO0001" })).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
  });
});
