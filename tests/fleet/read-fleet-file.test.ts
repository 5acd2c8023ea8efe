import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { FleetFileError, parseFleetFile, readFleetFile, type FleetProblem } from "../../fleet";

function problemsOf(text: string): FleetProblem[] {
  try {
    parseFleetFile(text, "numbers.yaml");
  } catch (error) {
    if (error instanceof FleetFileError) return [...error.problems];
    throw error;
  }
  throw new Error("the file was accepted");
}

describe("reading a fleet file", () => {
  it("reports every bad entry in one error, each with its line, column, entry, property and reason", () => {
    const text = [
      "numbers:",
      "  support-bengaluru:", // line 2: fine
      "    country: IN",
      '    contains: "9180"',
      "  sales-us:", // line 5
      '    e164: "+14155550123"',
      "    trunkGroupId: 2f6b1c3e",
      '    applicationId: "20577609616603585"', // line 8: trunk and application
      "  hotline:", // line 9
      "    country: US",
      "    adopt: true", // line 11: adopt without e164
      "  desk:", // line 12
      "    e164: +918065551234", // line 13: YAML reads a number
      "",
    ].join("\n");
    let error: unknown;
    try {
      parseFleetFile(text, "numbers.yaml");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(FleetFileError);
    const problems = (error as FleetFileError).problems;
    expect(problems).toEqual([
      {
        file: "numbers.yaml",
        line: 8,
        column: 5,
        entry: "sales-us",
        property: "applicationId",
        reason: expect.stringContaining("a number routes to a trunk or to an application, not both"),
      },
      { file: "numbers.yaml", line: 11, column: 5, entry: "hotline", property: "adopt", reason: expect.stringContaining("adopt manages a number the account already owns, so it needs e164") },
      { file: "numbers.yaml", line: 13, column: 5, entry: "desk", property: "e164", reason: expect.stringContaining("write it in quotes") },
    ]);
    const message = (error as FleetFileError).message;
    expect(message.split("\n")[0]).toBe("numbers.yaml has 3 problems:");
    expect(message).toContain('numbers.yaml:8:5: entry "sales-us", property "applicationId": ');
    expect(message).toContain('numbers.yaml:11:5: entry "hotline", property "adopt": ');
    expect(message).toContain('numbers.yaml:13:5: entry "desk", property "e164": YAML reads 918065551234 as a number');
  });

  it("points at a list item of the wrong type, at the property of a malformed one, and at an unknown key", () => {
    const problems = problemsOf(["numbers:", "  pool:", "    country: IN", '    excludePrefixes: ["9111", 9122]', "    colour: blue", "  desk:", "    country: IN", '    excludePrefixes: ["9111", "91x"]', ""].join("\n"));
    expect(problems).toEqual([
      expect.objectContaining({ line: 4, column: 31, entry: "pool", property: "excludePrefixes[1]", reason: expect.stringContaining("YAML reads 9122 as a number") }),
      expect.objectContaining({ line: 5, column: 5, entry: "pool", property: "colour", reason: expect.stringMatching(/^unknown property "colour"; expected one of: e164, /) }),
      expect.objectContaining({ line: 8, column: 5, entry: "desk", property: "excludePrefixes", reason: expect.stringContaining('item 1 ("91x") is not valid') }),
    ]);
  });

  it("rejects an entry name that is not lowercase letters, digits and hyphens, at the name", () => {
    expect(problemsOf(["numbers:", "  Support_Line:", "    country: IN", ""].join("\n"))).toEqual([
      expect.objectContaining({ line: 2, column: 3, entry: "Support_Line", reason: expect.stringContaining("is not a valid entry name") }),
    ]);
  });

  it("locates a YAML syntax error and judges no entry of a file it cannot parse", () => {
    const problems = problemsOf(["numbers:", "  support:", "    country: IN", "  sales: {e164: '+14155550123'", "  desk:", "    colour: blue", ""].join("\n"));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: "numbers.yaml", line: 5, column: 3, reason: expect.stringContaining("Flow map") });
    expect(problems[0]?.entry).toBeUndefined();
  });

  it("reports a duplicate entry name and a duplicate property where the second one is written", () => {
    const problems = problemsOf(["numbers:", "  support:", "    country: IN", "  support:", "    country: US", "    country: IN", ""].join("\n"));
    expect(problems).toEqual([
      expect.objectContaining({ line: 4, column: 3, entry: "support", reason: 'entry name "support" appears twice; each entry needs its own name' }),
      expect.objectContaining({ line: 6, column: 5, entry: "support", property: "country", reason: 'property "country" appears twice in this entry; keep one' }),
    ]);
  });

  it("refuses a number declared by two entries, and an alias that is another entry's name", () => {
    const problems = problemsOf(
      [
        "numbers:",
        "  a:",
        '    e164: "+14155550123"',
        "  b:",
        '    e164: "+14155550123"',
        "  c:",
        "    country: IN",
        "    aliases: [a]",
        "",
      ].join("\n"),
    );
    expect(problems).toEqual([
      expect.objectContaining({ line: 5, entry: "b", property: "e164", reason: expect.stringContaining('already declared by entry "a"') }),
      expect.objectContaining({ line: 8, column: 15, entry: "c", property: "aliases[0]", reason: expect.stringContaining('"a" is the name of another entry') }),
    ]);
  });

  it("refuses a top level other than one numbers: mapping", () => {
    expect(problemsOf("- a\n- b\n")).toEqual([expect.objectContaining({ line: 1, column: 1, reason: expect.stringContaining("expected a mapping with one key, numbers") })]);
    expect(problemsOf("numbers: {}\nnumbrs: {}\n")).toEqual([expect.objectContaining({ line: 2, column: 1, reason: 'unknown top-level key "numbrs"; the file has one key, numbers' })]);
    expect(problemsOf("# nothing yet\n")).toEqual([expect.objectContaining({ line: 1, column: 1, reason: expect.stringContaining("no top-level numbers: mapping") })]);
  });

  it("reads every property of the format as the entry gives it, and an empty numbers: as no entries", () => {
    const { entries } = parseFleetFile(
      [
        "numbers:",
        "  support-bengaluru:",
        "    country: IN",
        '    contains: "9180"',
        '    excludePrefixes: ["918020"]',
        "    maxMonthlyFee: 1000",
        "    maxSetupFee: 500",
        "    currency: INR",
        "    trunkGroupId: 2f6b1c3e-4d5a-4b7c-9e8f-0a1b2c3d4e5f",
        "    releaseMode: immediate",
        "    aliases: [support-line]",
        "  in-918065551234:",
        '    e164: "+918065551234"',
        "    adopt: true",
        '    applicationId: "20577609616603585"',
        "    subAccount: SA_DEMO0002",
        "    coolOffWaitSeconds: 60",
        "    force: false",
        "    deletionProtection: true",
        "    retainOnDelete: true",
        "",
      ].join("\n"),
      "numbers.yaml",
    );
    expect(entries).toEqual([
      {
        name: "support-bengaluru",
        country: "IN",
        contains: "9180",
        excludePrefixes: ["918020"],
        maxMonthlyFee: 1000,
        maxSetupFee: 500,
        currency: "INR",
        trunkGroupId: "2f6b1c3e-4d5a-4b7c-9e8f-0a1b2c3d4e5f",
        releaseMode: "immediate",
        aliases: ["support-line"],
      },
      {
        name: "in-918065551234",
        e164: "+918065551234",
        adopt: true,
        applicationId: "20577609616603585",
        subAccount: "SA_DEMO0002",
        coolOffWaitSeconds: 60,
        force: false,
        deletionProtection: true,
        retainOnDelete: true,
      },
    ]);
    expect(parseFleetFile("numbers:\n", "numbers.yaml").entries).toEqual([]);
  });

  it("fails in a way Pulumi shows as its message alone, without a stack trace", () => {
    let error: unknown;
    try {
      parseFleetFile("numbers:\n  a:\n    adopt: true\n", "numbers.yaml");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(FleetFileError);
    expect(pulumi.RunError.isInstance(error)).toBe(true);
  });

  it("accepts the fleet example's numbers.yaml", () => {
    const { entries } = readFleetFile(resolve(__dirname, "../../examples/fleet/numbers.yaml"));
    expect(entries.map((entry) => entry.name)).toEqual(["support-bengaluru", "support-mumbai", "sales-us"]);
  });

  describe("from disk", () => {
    const dir = mkdtempSync(join(tmpdir(), "vobiz-fleet-read-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("names a missing file and how to create one", () => {
      expect(() => readFleetFile(join(dir, "missing.yaml"))).toThrow(/missing\.yaml does not exist\. .*npx vobiz-onboard --out/);
    });

    it("names the file in each problem as the path it was given", () => {
      const file = join(dir, "bad.yaml");
      writeFileSync(file, "numbers:\n  a:\n    adopt: maybe\n");
      expect(() => readFleetFile(file)).toThrow(`${file}:3:5: entry "a", property "adopt": "maybe" is not valid: expected true or false`);
    });
  });
});
