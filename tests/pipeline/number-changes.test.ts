import type { EngineStep } from "../../pipeline/engine-json";
import { numberChanges } from "../../pipeline/number-changes";
import { previewSummary } from "../../pipeline/preview-summary";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const urn = (type: string, name: string) => `urn:pulumi:prod::fleet::pulumi-nodejs:dynamic/vobiz:${type}::${name}`;
const numberState = (inputs: Record<string, unknown>, outputs: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  type: "pulumi-nodejs:dynamic/vobiz:PhoneNumber",
  inputs: { __provider: "code", ...inputs },
  outputs: { __provider: "code", ...outputs },
  ...extra,
});
const assignmentState = (inputs: Record<string, unknown>, outputs: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  type: "pulumi-nodejs:dynamic/vobiz:SubAccountAssignment",
  inputs,
  outputs,
  ...extra,
});

describe("the changes a preview proposes to Vobiz numbers", () => {
  it("names purchases by criteria or number, adoptions, releases and numbers kept by retainOnDelete", () => {
    const steps: EngineStep[] = [
      { op: "create", urn: urn("PhoneNumber", "pool-1"), newState: numberState({ country: "IN", contains: "9180", maxMonthlyFee: 900, trunkGroupId: "t-1" }) },
      { op: "create", urn: urn("PhoneNumber", "sales"), newState: numberState({ e164: "+14155550123", applicationId: "app-1" }) },
      { op: "create", urn: urn("PhoneNumber", "legacy"), newState: numberState({ e164: "+918065551234", adopt: true }) },
      { op: "delete", urn: urn("PhoneNumber", "old"), oldState: numberState({ country: "IN" }, { e164: "+918011112222", monthlyFee: 300, currency: "INR" }) },
      { op: "delete", urn: urn("PhoneNumber", "kept"), oldState: numberState({ e164: "+918033334444" }, { e164: "+918033334444", monthlyFee: 200, currency: "INR" }, { retainOnDelete: true }) },
      { op: "same", urn: urn("PhoneNumber", "untouched"), oldState: numberState({ country: "US" }), newState: numberState({ country: "US" }) },
    ];
    expect(numberChanges(steps)).toEqual([
      { action: "buy", resource: "pool-1", number: "a number in IN containing 9180", detail: "trunk t-1", fee: { unknown: true, atMost: { amount: 900, currency: "" } } },
      { action: "buy", resource: "sales", number: "+14155550123", detail: "application app-1", fee: { unknown: true } },
      { action: "adopt", resource: "legacy", number: "+918065551234", detail: "already owned: nothing is bought" },
      { action: "release", resource: "old", number: "+918011112222", detail: "cancellable for 24 hours", fee: { amount: -300, currency: "INR" } },
      { action: "keep", resource: "kept", number: "+918033334444", detail: "no longer managed; it stays with the account (retainOnDelete)" },
    ]);
  });

  it("tells a re-route from other in-place changes, and a replacement from both", () => {
    const recorded = numberState({ e164: "+918011112222", trunkGroupId: "t-1" }, { e164: "+918011112222", monthlyFee: 300, currency: "INR" });
    const steps: EngineStep[] = [
      { op: "update", urn: urn("PhoneNumber", "a"), oldState: recorded, newState: numberState({ e164: "+918011112222", applicationId: "app-2" }) },
      { op: "update", urn: urn("PhoneNumber", "b"), oldState: recorded, newState: numberState({ e164: "+918011112222", trunkGroupId: "t-1", deletionProtection: true }) },
      { op: "create-replacement", urn: urn("PhoneNumber", "c"), oldState: recorded, newState: numberState({ e164: "+918099990000" }) },
      { op: "replace", urn: urn("PhoneNumber", "c"), oldState: recorded, newState: numberState({ e164: "+918099990000" }) },
      { op: "delete-replaced", urn: urn("PhoneNumber", "c"), oldState: recorded },
    ];
    expect(numberChanges(steps).map(({ action, resource, number, detail }) => ({ action, resource, number, detail }))).toEqual([
      { action: "re-route", resource: "a", number: "+918011112222", detail: "trunk t-1 → application app-2" },
      { action: "update", resource: "b", number: "+918011112222", detail: "changes deletionProtection" },
      { action: "replace", resource: "c", number: "+918011112222 → +918099990000", detail: "buys the new number, then releases the old one" },
    ]);
  });

  it("names sub-account hand-overs, moves and take-backs, and leaves out an assignment whose sub-account stays", () => {
    const recorded = assignmentState({ e164: "+14155550123", subAccountId: "SA_A" }, { e164: "+14155550123", subAccountId: "SA_A" });
    const steps: EngineStep[] = [
      { op: "create", urn: urn("SubAccountAssignment", "new-sub-account"), newState: assignmentState({ e164: UNKNOWN, subAccountId: "SA_B" }) },
      { op: "update", urn: urn("SubAccountAssignment", "moved"), oldState: recorded, newState: assignmentState({ e164: "+14155550123", subAccountId: "SA_B" }) },
      { op: "update", urn: urn("SubAccountAssignment", "same-place"), oldState: recorded, newState: assignmentState({ e164: UNKNOWN, subAccountId: "SA_A" }) },
      { op: "delete", urn: urn("SubAccountAssignment", "gone"), oldState: recorded },
    ];
    expect(numberChanges(steps)).toEqual([
      { action: "assign", resource: "new-sub-account", number: "the number bought above", detail: "hand to SA_B" },
      { action: "move", resource: "moved", number: "+14155550123", detail: "SA_A → SA_B" },
      { action: "unassign", resource: "gone", number: "+14155550123", detail: "take back from SA_A" },
    ]);
  });

  it("sums the known fee changes per currency and counts the numbers priced at purchase", () => {
    const summary = previewSummary(
      [
        { action: "release", resource: "a", number: "+918011112222", detail: "", fee: { amount: -300, currency: "INR" } },
        { action: "release", resource: "b", number: "+918011113333", detail: "", fee: { amount: -200, currency: "INR" } },
        { action: "buy", resource: "c", number: "a number in US", detail: "not routed", fee: { unknown: true } },
      ],
      "prod",
    );
    expect(summary).toContain("| release | a | +918011112222 |  | −300 INR |");
    expect(summary).toContain("| buy | c | a number in US | not routed | known at purchase |");
    expect(summary).toContain("**Monthly fees:** −500 INR, plus 1 new number priced when Vobiz picks it.");
    expect(previewSummary([], "prod")).toContain("No change to Vobiz numbers.");
  });
});
