import { listingProgress } from "../../onboard/listing-progress";

function stream(isTTY: boolean): { isTTY: boolean; columns: number; write(chunk: string): boolean; text: string } {
  return {
    isTTY,
    columns: 100,
    text: "",
    write(chunk: string) {
      this.text += chunk;
      return true;
    },
  };
}

describe("listing progress", () => {
  it("writes one plain line per page when the stream is not a terminal", () => {
    const out = stream(false);
    const progress = listingProgress(out, 100, "numbers of MA_DEMO0001");
    progress.update(100, 250);
    progress.update(200, 250);
    progress.update(250, 250);
    progress.done();
    expect(out.text).toBe(
      [
        "vobiz-onboard: listed 100 of 250 numbers of MA_DEMO0001",
        "vobiz-onboard: listed 200 of 250 numbers of MA_DEMO0001",
        "vobiz-onboard: listed 250 of 250 numbers of MA_DEMO0001",
        "",
      ].join("\n"),
    );
  });

  it("draws a bar on a terminal when the listing takes more than one page", () => {
    const out = stream(true);
    const progress = listingProgress(out, 100, "numbers of MA_DEMO0001");
    progress.update(100, 250);
    progress.update(250, 250);
    progress.done();
    expect(out.text).toContain("\x1B[?25l");
    expect(out.text).toMatch(/Listing numbers of MA_DEMO0001 \[[^\]]+\] 250\/250/);
    expect(out.text).not.toContain("vobiz-onboard: listed");
  });

  it("stays silent on a terminal when one page holds the whole account", () => {
    const out = stream(true);
    const progress = listingProgress(out, 100, "numbers of MA_DEMO0001");
    progress.update(40, 40);
    progress.done();
    expect(out.text).toBe("");
  });
});
