import { parseSince, windowStartFromHistory } from "../../recover/window-start";

describe("the start of the window of an interrupted update's purchases", () => {
  const entry = (kind: string, endTime: string, result = "succeeded") => ({ version: 1, kind, result, startTime: endTime, endTime, message: "" });

  it("is the end of the last update, destroy or import the history records, whatever refreshes came after", () => {
    const history = [entry("refresh", "2026-03-25T07:00:00.000Z"), entry("update", "2026-03-25T06:00:00.000Z", "failed"), entry("update", "2026-03-24T06:00:00.000Z")];
    expect(windowStartFromHistory(JSON.stringify(history))).toEqual({ since: new Date("2026-03-25T06:00:00Z"), source: "the end of the last update in the stack's history" });
  });

  it("is unbounded when the history has no finished update", () => {
    for (const text of ["[]", "null", JSON.stringify([entry("refresh", "2026-03-25T07:00:00.000Z")])]) {
      expect(windowStartFromHistory(text).since).toBeUndefined();
    }
  });

  it("fails on text that is not the history's JSON", () => {
    expect(() => windowStartFromHistory("error: no stack")).toThrow("expected the JSON that `pulumi stack history --json` prints, got: error: no stack");
    expect(() => windowStartFromHistory('{"kind":"update"}')).toThrow("not a list of updates");
  });

  it("takes --since as an ISO 8601 time with a time zone, and refuses anything else", () => {
    expect(parseSince("2026-03-25T06:58:00+05:30").since).toEqual(new Date("2026-03-25T01:28:00Z"));
    for (const bad of ["2026-03-25", "2026-03-25T06:58:00", "yesterday", "2026-13-40T00:00:00Z"]) {
      expect(() => parseSince(bad)).toThrow(/--since must be an ISO 8601 time with a time zone/);
    }
  });
});
