import { diffPhoneNumber } from "../../../provider/phone-number/diff";
import type { PhoneNumberOutputs } from "../../../provider/phone-number/inputs";

const recorded: PhoneNumberOutputs = {
  e164: "+918065550001",
  numberId: "n-1",
  accountId: "MA_DEMO0001",
  country: "IN",
  region: "Karnataka",
  capabilities: { voice: true, sms: false, mms: false, fax: false },
  status: "active",
  setupFee: 100,
  monthlyFee: 400,
  currency: "INR",
  trunkGroupId: null,
  applicationId: null,
  purchasedAt: "2026-11-27T10:00:00Z",
  releaseMode: "standard",
  deletionProtection: false,
  selection: { country: "IN", contains: "80" },
};

describe("PhoneNumber diff", () => {
  it("reports no change for the same inputs, whatever __provider says", () => {
    const news = { country: "IN", contains: "80", __provider: "changed code" } as never;
    expect(diffPhoneNumber(recorded, news)).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
  });

  it("replaces only when the number no longer meets the criteria", () => {
    expect(diffPhoneNumber(recorded, { country: "IN", contains: "8065" })).toMatchObject({ changes: true, replaces: [] });
    expect(diffPhoneNumber(recorded, { country: "US" }).replaces).toEqual(["country"]);
    expect(diffPhoneNumber(recorded, { country: "IN", excludePrefixes: ["+9180"] }).replaces).toEqual(["excludePrefixes"]);
    expect(diffPhoneNumber(recorded, { country: "IN", maxMonthlyFee: 300 }).replaces).toEqual(["maxMonthlyFee"]);
    expect(diffPhoneNumber(recorded, { country: "IN", maxSetupFee: 100 }).replaces).toEqual([]);
  });

  it("replaces for another exact number but not for naming the same one", () => {
    expect(diffPhoneNumber(recorded, { e164: "+918065550002" }).replaces).toEqual(["e164"]);
    expect(diffPhoneNumber(recorded, { e164: "+918065550001" })).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
  });

  it("changes routing, protection and release mode in place", () => {
    for (const change of [{ trunkGroupId: "tg-1" }, { applicationId: "app-1" }, { deletionProtection: true }, { releaseMode: "immediate" as const }]) {
      expect(diffPhoneNumber(recorded, { country: "IN", contains: "80", ...change })).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    }
  });

  it("treats an unknown criterion as one the number may not meet", () => {
    expect(diffPhoneNumber(recorded, { country: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" }).replaces).toEqual(["country"]);
  });
});

describe("PhoneNumber diff against state written by the engine", () => {
  it("ignores the key order of the recorded selection", () => {
    const fromState = { ...recorded, selection: { adopt: true, e164: "+918065550001" } };
    expect(diffPhoneNumber(fromState, { e164: "+918065550001", adopt: true }).changes).toBe(false);
  });
});

describe("PhoneNumber diff of a protected number", () => {
  const protectedNumber: PhoneNumberOutputs = { ...recorded, deletionProtection: true };

  it("refuses a replacement the program asks for, saying how to get there", () => {
    expect(() => diffPhoneNumber(protectedNumber, { e164: "+918065550002", deletionProtection: true })).toThrow(
      /Cannot replace \+918065550001 with another number: deletionProtection is true.*Nothing was bought.*deletionProtection: false and e164 as before, then change e164/s,
    );
    expect(() => diffPhoneNumber(protectedNumber, { country: "US", deletionProtection: false })).toThrow(/then change the criteria \(country\) in the next/);
  });

  it("changes protection and criteria the number still meets in place, deleting first should anything replace it", () => {
    expect(diffPhoneNumber(protectedNumber, { country: "IN", contains: "80" })).toEqual({ changes: true, replaces: [], deleteBeforeReplace: true });
    expect(diffPhoneNumber(protectedNumber, { country: "IN", contains: "8065", deletionProtection: true })).toEqual({ changes: true, replaces: [], deleteBeforeReplace: true });
  });

  it("does not refuse what the program did not ask for: fees that moved past the criteria, or a value still unknown", () => {
    const pricier = { ...protectedNumber, monthlyFee: 900, selection: { country: "IN", maxMonthlyFee: 500 } };
    expect(diffPhoneNumber(pricier, { country: "IN", maxMonthlyFee: 500, deletionProtection: true })).toEqual({ changes: true, replaces: ["maxMonthlyFee"], deleteBeforeReplace: true });
    expect(diffPhoneNumber(protectedNumber, { e164: "04da6b54-80e4-46f7-96ec-b56ff0331ba9", deletionProtection: true }).replaces).toEqual(["e164"]);
  });
});

describe("PhoneNumber diff of a number released outside Pulumi", () => {
  it("proposes an in-place update, which cancels the release", () => {
    expect(diffPhoneNumber({ ...recorded, status: "pending_release" }, { country: "IN", contains: "80" })).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
  });
});
