import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import type { BenchResults, Subject } from "../../scripts/bench-measure";
import { repoRoot } from "../../scripts/pulumi-toolchain";

// `npm run bench` in its quick mode (10 numbers), run as a user runs it: the built script, the real CLI, the
// project folders under bench/ installed from the npm pack tarball, the vobiz plugin and the no-op plugin
// installed from their tarballs. Only what is deterministic is asserted: what the report holds, the API
// calls, the purchases and the bytes stored. The times it prints are not tested.
describe("npm run bench -- --quick", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vobiz-bench-"));
  const doc = path.join(dir, "benchmarks.md");
  const resultsFile = path.join(dir, "results.json");
  let results: BenchResults;
  let printed: string;

  beforeAll(async () => {
    const script = path.join(repoRoot, "dist", "scripts", "bench.js");
    if (!fs.existsSync(script)) throw new Error(`${script} is missing: run \`npm run build\` first (npm test does)`);
    fs.writeFileSync(doc, "# Benchmarks\n\nProse that the bench leaves alone.\n");
    ({ stderr: printed } = await promisify(execFile)(process.execPath, [script, "--quick", "--latency-ms", "5", "--doc", doc, "--results", resultsFile], {
      cwd: repoRoot,
      maxBuffer: 16 * 1024 * 1024,
    }));
    results = JSON.parse(fs.readFileSync(resultsFile, "utf8")) as BenchResults;
  }, 900_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const calls = (operation: string, mode: string, stacks = 1, subject: Subject = "PhoneNumber") =>
    results.samples.find((s) => s.subject === subject && s.operation === operation && s.mode === mode && s.stacks === stacks)?.apiCalls;
  const stateBytes = (subject: Subject) => results.storedSizes.find((s) => s.subject === subject && s.mode === "exact" && s.n === 10)?.stateBytesPerResource;

  it("makes no more API calls than the floor: a purchase, lookup or release per number, one listing per refresh", () => {
    expect([calls("up", "exact"), calls("up", "adopt"), calls("preview", "exact"), calls("refresh", "exact"), calls("destroy", "exact")]).toEqual([10, 1, 0, 1, 10]);
    // Criteria buy ten numbers and read the inventory's one page: once, and again for each create that starts
    // after every other create with the same criteria has finished (the engine runs a few at a time).
    expect(calls("up", "criteria")).toBeGreaterThanOrEqual(11);
    expect(calls("up", "criteria")).toBeLessThanOrEqual(13);
    // Two stacks of five: each refresh is its own provider process, listing the account's ten numbers.
    expect([calls("up", "exact", 2), calls("refresh", "exact", 2), calls("destroy", "exact", 2)]).toEqual([10, 2, 10]);
    expect(results.samples.filter((s) => s.subject === "no-op").every((s) => s.apiCalls === 0)).toBe(true);
  });

  it("runs the plugin and the no-op plugin's two resources beside the dynamic resources, the plugin at the same call floor", () => {
    for (const subject of ["plugin", "no-op plugin", "no-op plugin with outputs"] as const) {
      const measured = results.samples.filter((s) => s.subject === subject).map((s) => [s.operation, s.mode, s.n, s.stacks]);
      expect(measured).toEqual(["up", "preview", "refresh", "destroy"].map((operation) => [operation, "exact", 10, 1]));
    }
    expect(["up", "preview", "refresh", "destroy"].map((operation) => calls(operation, "exact", 1, "plugin"))).toEqual([10, 0, 1, 10]);
    expect(results.samples.filter((s) => s.subject.startsWith("no-op plugin")).every((s) => s.apiCalls === 0)).toBe(true);
  });

  it("finds every number bought once, by the plugin as by the dynamic resource", () => {
    const purchases = (results.purchases ?? []).map(({ subject, mode, stacks, debits, numbers, duringUp }) => ({ subject, mode, stacks, debits, numbers, duringUp }));
    expect(purchases).toEqual([
      { subject: "PhoneNumber", mode: "exact", stacks: 1, debits: 10, numbers: 10, duringUp: 10 },
      { subject: "plugin", mode: "exact", stacks: 1, debits: 10, numbers: 10, duringUp: 10 },
      { subject: "PhoneNumber", mode: "criteria", stacks: 1, debits: 10, numbers: 10, duringUp: 10 },
      // Adopted: the account bought them before the stack existed, and the `up` buys none.
      { subject: "PhoneNumber", mode: "adopt", stacks: 1, debits: 10, numbers: 10, duringUp: 0 },
      { subject: "PhoneNumber", mode: "exact", stacks: 2, debits: 10, numbers: 10, duringUp: 10 },
    ]);
  });

  it("reports the state per resource of every subject, the plugin's below the no-op dynamic resource's", () => {
    const sizes = (["no-op", "PhoneNumber", "no-op plugin", "no-op plugin with outputs", "plugin"] as const).map(stateBytes);
    for (const size of sizes) expect(size).toBeGreaterThan(0);
    expect(stateBytes("plugin")).toBeLessThan(stateBytes("no-op") as number);
    // The no-op plugin's second resource records the outputs the plugin's PhoneNumber records: within a tenth
    // of its bytes (its stack, project and type have longer names), far more than the no-op plugin's first.
    expect(Math.abs((stateBytes("no-op plugin with outputs") as number) / (stateBytes("plugin") as number) - 1)).toBeLessThan(0.1);
    expect(stateBytes("no-op plugin with outputs")).toBeGreaterThan((stateBytes("no-op plugin") as number) + 300);
    const text = fs.readFileSync(doc, "utf8");
    expect(text).toMatch(new RegExp(`^\\| 10 \\| ${sizes.map((size) => size?.toLocaleString("en-US")).join(" B \\| ")} B \\| 0\\.\\d\\d× \\| [\\d,.]+ [KM]?B \\|$`, "m"));
  });

  it("reports the plugin's four targets, against the no-op dynamic resource and the no-op plugin, and prints whether each is met", () => {
    const text = fs.readFileSync(doc, "utf8");
    expect(text).toContain("**The vobiz plugin: targets at N = 10** (numbers bought exactly, one stack)");
    for (const operation of ["up", "refresh"]) {
      for (const [floor, bound] of [["no-op dynamic", "< 1\\.0×"], ["no-op plugin", "≤ 1\\.2×"]]) {
        expect(text).toMatch(new RegExp(`^\\| \`${operation}\` time, plugin / ${floor} \\| ${bound} \\| [\\d.]+× \\| (yes|\\*\\*no\\*\\*) \\|$`, "m"));
        expect(printed).toMatch(new RegExp(`^plugin at N = 10: ${operation} time, plugin / ${floor} [\\d.]+× \\(target ${bound}\\): (met|MISSED)$`, "m"));
      }
    }
    for (const operation of ["up", "preview", "refresh", "destroy"]) {
      expect(text).toMatch(new RegExp(`^\\| 10 \\| ${operation} (\\| [\\d.]+ s ){5}(\\| [\\d.]+× ){3}\\| \\d+ \\|$`, "m"));
    }
  });

  it("writes the section for its latency after the prose, with every operation beside its floor, and the chart", () => {
    const text = fs.readFileSync(doc, "utf8");
    expect(text.startsWith("# Benchmarks\n\nProse that the bench leaves alone.\n")).toBe(true);
    expect(text).toContain("<!-- bench 5 ms: written by npm run bench -->");
    for (const operation of ["up (exact)", "up (criteria)", "up (adopt)", "preview", "refresh", "destroy"]) {
      expect(text).toMatch(new RegExp(`^\\| 10 \\| ${operation.replace(/[()]/g, "\\$&")} \\| [\\d.]+ s \\| [\\d.]+ s \\| [\\d.]+× \\| \\d+ \\| \\d+ \\|$`, "m"));
    }
    expect(text).toContain("![Wall time against N](benchmarks/time-5ms.svg)");
    // One size has no growth to show: no table of empty rows. The split into two stacks of 5 is measured.
    expect(text).not.toContain("**Growth with N**");
    expect(text).toMatch(/^\*\*One stack of 10, or two stacks of 5 side by side\*\*.*\n\n\| operation \|/m);
    const svg = fs.readFileSync(path.join(dir, "benchmarks", "time-5ms.svg"), "utf8");
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    for (const label of ["PhoneNumber", "no-op (floor)", "PhoneNumber (plugin)", "no-op plugin (floor)", "up", "refresh", "seconds"]) expect(svg).toContain(`>${label}<`);
  });

  it("rewrites its own section in place when run again from the same figures", async () => {
    const before = fs.readFileSync(doc, "utf8");
    await promisify(execFile)(process.execPath, [path.join(repoRoot, "dist", "scripts", "bench.js"), "--from", resultsFile, "--doc", doc], { cwd: repoRoot });
    expect(fs.readFileSync(doc, "utf8")).toBe(before);
  });
});
