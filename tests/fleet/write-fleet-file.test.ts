import { FleetFileError, mergeFleetFile, parseFleetFile, renderFleetFile, type FleetEntry } from "../../fleet";

const adopted = (digits: string, extra: Partial<FleetEntry> = {}): FleetEntry => ({
  name: `in-${digits}`,
  e164: `+${digits}`,
  adopt: true,
  retainOnDelete: true,
  ...extra,
});

const handWritten = [
  "# numbers.yaml: every Vobiz number this stack manages.",
  "numbers:",
  "  support-bengaluru:            # criteria: bought once, then kept",
  "    country: IN",
  '    contains: "9180"',
  "    maxMonthlyFee: 1000",
  "",
  "  front-desk:                   # an owned number under a name of our own",
  '    e164: "+918065550001"',
  "    adopt: true",
  "    retainOnDelete: true",
  "",
].join("\n");

describe("writing a fleet file", () => {
  it("renders entries that read back as the same entries, quoting what YAML would read as a number", () => {
    const entries = [
      adopted("918065551234", { applicationId: "20577609616603585", subAccount: "SA_DEMO0001" }),
      adopted("918065551235", { trunkGroupId: "2f6b1c3e-4d5a-4b7c-9e8f-0a1b2c3d4e5f", deletionProtection: true }),
    ];
    const text = renderFleetFile(entries, " written for a test");
    expect(text.startsWith("# written for a test\n")).toBe(true);
    expect(text).toContain('    e164: "+918065551234"\n');
    expect(text).toContain('    applicationId: "20577609616603585"\n');
    expect(parseFleetFile(text, "numbers.yaml").entries).toEqual(entries);
  });

  it("writes an entry's properties in one order, whatever order they were given in", () => {
    const text = renderFleetFile([{ retainOnDelete: true, subAccount: "SA_DEMO0001", adopt: true, e164: "+918065551234", name: "in-918065551234" }]);
    expect(text).toBe(
      ["numbers:", "  in-918065551234:", '    e164: "+918065551234"', "    adopt: true", "    subAccount: SA_DEMO0001", "    retainOnDelete: true", ""].join("\n"),
    );
  });

  it("merges new entries after the hand-written ones, keeping every byte and comment already there", () => {
    const merge = mergeFleetFile(handWritten, "numbers.yaml", [adopted("918065551234"), adopted("918065551235")]);
    expect(merge).toMatchObject({ changed: true, added: ["in-918065551234", "in-918065551235"], alreadyPresent: [], nameTaken: [] });
    expect(merge.text.startsWith(handWritten)).toBe(true);
    expect(parseFleetFile(merge.text, "numbers.yaml").entries.map((entry) => entry.name)).toEqual([
      "support-bengaluru",
      "front-desk",
      "in-918065551234",
      "in-918065551235",
    ]);
  });

  it("returns the file byte for byte when a second merge has nothing new", () => {
    const entries = [adopted("918065551234"), adopted("918065551235")];
    const first = mergeFleetFile(handWritten, "numbers.yaml", entries);
    const second = mergeFleetFile(first.text, "numbers.yaml", entries);
    expect(second).toEqual({ text: first.text, changed: false, added: [], alreadyPresent: expect.any(Array), nameTaken: [] });
    expect(Buffer.from(second.text).equals(Buffer.from(first.text))).toBe(true);
  });

  it("adds a number bought since the last merge, and only that one", () => {
    const first = mergeFleetFile(handWritten, "numbers.yaml", [adopted("918065551234")]);
    const next = mergeFleetFile(first.text, "numbers.yaml", [adopted("918065551234"), adopted("918065559999")]);
    expect(next.added).toEqual(["in-918065559999"]);
    expect(next.text.startsWith(first.text)).toBe(true);
  });

  it("does not add a number the file already declares under another name, nor an entry whose name is taken", () => {
    const merge = mergeFleetFile(handWritten, "numbers.yaml", [
      adopted("918065550001"),
      { name: "support-bengaluru", e164: "+918065550002", adopt: true },
    ]);
    expect(merge).toEqual({
      text: handWritten,
      changed: false,
      added: [],
      alreadyPresent: [{ name: "in-918065550001", e164: "+918065550001", existingEntry: "front-desk" }],
      nameTaken: ["support-bengaluru"],
    });
  });

  it("indents merged entries like the file's own entries", () => {
    const fourSpaces = ["numbers:", "    desk:", '        e164: "+918065550001"', ""].join("\n");
    const merge = mergeFleetFile(fourSpaces, "numbers.yaml", [adopted("918065551234")]);
    expect(merge.text).toBe(`${fourSpaces}\n    in-918065551234:\n        e164: "+918065551234"\n        adopt: true\n        retainOnDelete: true\n`);
  });

  it.each([
    ["an empty file", ""],
    ["a file of comments", "# our numbers\n"],
    ["an empty numbers:", "numbers:\n"],
    ["an empty flow mapping", "numbers: {}\n"],
  ])("merges into %s through the YAML document, giving a valid fleet file", (_, text) => {
    const merge = mergeFleetFile(text, "numbers.yaml", [adopted("918065551234")]);
    expect(merge.added).toEqual(["in-918065551234"]);
    expect(parseFleetFile(merge.text, "numbers.yaml").entries).toEqual([adopted("918065551234")]);
    expect(mergeFleetFile(merge.text, "numbers.yaml", [adopted("918065551234")]).changed).toBe(false);
  });

  it("refuses to merge into a file YAML cannot parse, naming the line and column", () => {
    expect(() => mergeFleetFile("numbers:\n  a: {e164: x\n", "numbers.yaml", [adopted("918065551234")])).toThrow(FleetFileError);
    expect(() => mergeFleetFile("numbers:\n  a: {e164: x\n", "numbers.yaml", [])).toThrow(/^numbers\.yaml has 1 problem:\n {2}numbers\.yaml:\d+:\d+: /);
  });
});
