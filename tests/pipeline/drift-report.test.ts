import { driftLines, driftOf } from "../../pipeline/drift-report";
import { parseEngineEvents } from "../../pipeline/engine-events";

const urn = (type: string, name: string) => `urn:pulumi:prod::fleet::pulumi-nodejs:dynamic/vobiz:${type}::${name}`;
const event = (op: string, type: string, name: string, old: object, after?: object) =>
  JSON.stringify({ sequence: 1, resOutputsEvent: { metadata: { op, urn: urn(type, name), old: { type: `pulumi-nodejs:dynamic/vobiz:${type}`, ...old }, ...(after ? { new: { type: `pulumi-nodejs:dynamic/vobiz:${type}`, ...after } } : {}) } } });

describe("drift named from the events of a refresh preview", () => {
  it("names each changed input of each drifted number, and numbers that left the account", () => {
    const stream = [
      JSON.stringify({ sequence: 0, preludeEvent: { config: {} } }),
      event("update", "PhoneNumber", "support", { inputs: { __provider: "a", trunkGroupId: "t-1" }, outputs: { e164: "+918011112222" } }, { inputs: { __provider: "b" } }),
      event("update", "SubAccountAssignment", "sales-sub-account", { inputs: { subAccountId: "SA_A" }, outputs: { e164: "+14155550123" } }, { inputs: { subAccountId: "SA_B" } }),
      event("same", "PhoneNumber", "quiet", { inputs: { country: "IN" }, outputs: { e164: "+918033334444" } }, { inputs: { country: "IN" } }),
      event("delete", "PhoneNumber", "gone", { id: "+918055556666", inputs: {}, outputs: { e164: "+918055556666" } }),
      JSON.stringify({ sequence: 9, diagnosticEvent: { message: "something failed\n", severity: "error" } }),
    ].join("\n");
    const events = parseEngineEvents(stream, "pulumi refresh --preview-only --json");
    expect(driftLines(driftOf(events.resources))).toEqual([
      "support (+918011112222): trunkGroupId t-1 → (none)",
      "sales-sub-account (+14155550123): subAccountId SA_A → SA_B",
      "gone (+918055556666): no longer held by the account",
    ]);
    expect(events.errors).toEqual(["something failed"]);
  });

  it("refuses output that holds no event, saying which command it expected", () => {
    expect(() => parseEngineEvents("error: no stack named 'prod' found\n", "pulumi refresh --preview-only --json")).toThrow(
      /expected the JSON events that `pulumi refresh --preview-only --json` prints, got: error: no stack named 'prod' found/,
    );
  });
});
