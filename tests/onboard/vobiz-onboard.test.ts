import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseFleetFile, readFleetFile, type FleetEntry } from "../../fleet";
import { VobizClient } from "../../sdk";
import { useEmulator } from "../helpers/emulator";
import { onboardedEntryName, SEEDED_APPLICATION, SEEDED_TRUNK, seedAccountNumbers, seededNumbers } from "../helpers/onboarding-account";

// The built command, run as a user runs it, against an emulator account holding 1000 numbers.
const cli = resolve(__dirname, "../../dist/onboard/cli.js");
const packageVersion = (JSON.parse(readFileSync(resolve(__dirname, "../../package.json"), "utf8")) as { version: string }).version;

const OWNED = 1000;
const numbers = seededNumbers(OWNED);
const active = numbers.filter((n) => !n.pendingRelease);
const pending = numbers.filter((n) => n.pendingRelease);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe("vobiz-onboard", () => {
  const emulator = useEmulator();
  const dir = mkdtempSync(join(tmpdir(), "vobiz-onboard-"));
  const runs: Run[] = [];
  let client: VobizClient;

  function onboard(args: string[], env: Record<string, string> = {}): Promise<Run> {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first (npm test does)`);
    const { authId, authToken } = emulator().credentials.master;
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: dir,
      stdio: ["ignore", "pipe", "pipe"],
      env: { PATH: process.env["PATH"] ?? "", VOBIZ_AUTH_ID: authId, VOBIZ_AUTH_TOKEN: authToken, VOBIZ_BASE_URL: emulator().baseUrl, ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    return new Promise((done) =>
      child.once("close", (code) => {
        const run = { code, stdout, stderr };
        runs.push(run);
        done(run);
      }),
    );
  }

  /** Runs the command with a fresh request log, and returns the run with the public calls it made. */
  async function onboardCounting(args: string[]): Promise<Run & { counters: Record<string, number>; paths: string[] }> {
    await emulator().control.resetRequests();
    const run = await onboard(args);
    const report = await emulator().control.requests();
    return { ...run, counters: report.counters, paths: report.requests.filter((r) => r.api === "public").map((r) => r.path) };
  }

  async function purchases(): Promise<number> {
    return (await emulator().control.ledger()).filter((row) => row.kind === "purchase").length;
  }

  beforeAll(async () => {
    client = new VobizClient({ ...emulator().credentials.master, baseUrl: emulator().baseUrl });
    await seedAccountNumbers(emulator(), numbers);
  }, 120_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes one adopting entry per active number, with its routing and sub-account", async () => {
    const run = await onboard(["--out", "numbers.yaml"]);
    expect(run.code).toBe(0);
    const { entries } = readFleetFile(join(dir, "numbers.yaml"));
    expect(entries).toHaveLength(active.length);
    const byName = new Map(entries.map((entry) => [entry.name, entry]));
    for (const n of active) {
      const expected: FleetEntry = {
        name: onboardedEntryName(n),
        e164: n.e164,
        adopt: true,
        ...(n.routing === "trunk" ? { trunkGroupId: SEEDED_TRUNK } : {}),
        ...(n.routing === "application" ? { applicationId: SEEDED_APPLICATION } : {}),
        ...(n.subAccount === undefined ? {} : { subAccount: n.subAccount }),
        retainOnDelete: true,
      };
      expect(byName.get(onboardedEntryName(n))).toEqual(expected);
    }
    expect(entries.filter((entry) => entry.subAccount === "SA_DEMO0001")).toHaveLength(100);
    expect(entries.filter((entry) => entry.subAccount === "SA_DEMO0002")).toHaveLength(100);
    expect(run.stderr).toContain(`wrote ${active.length} entries to numbers.yaml; left out ${pending.length} numbers, named above`);
  });

  it("leaves out each pending_release number, naming it on stderr with the reason", async () => {
    const run = await onboard(["--dry-run", "--out", "preview.yaml"]);
    const written = readFileSync(join(dir, "numbers.yaml"), "utf8");
    for (const n of pending) {
      expect(run.stderr).toMatch(new RegExp(`^vobiz-onboard: left out \\${n.e164}: it is in pending_release \\(released at [^)]+\\): .*cancel the release`, "m"));
      expect(written).not.toContain(n.e164);
    }
    expect(run.stderr.match(/left out \+/g)).toHaveLength(pending.length);
  });

  it(`lists the account in exactly ceil(${OWNED}/100) calls of 100 numbers, and writes nothing to the account`, async () => {
    const purchasesBefore = await purchases();
    const ledgerBefore = (await emulator().control.ledger()).length;
    const run = await onboardCounting(["--out", "counted.yaml"]);
    expect(run.code).toBe(0);
    expect(run.counters).toEqual({ "GET listNumbers": Math.ceil(OWNED / 100) });
    expect(run.paths.every((path) => path.includes("per_page=100"))).toBe(true);
    expect(await purchases()).toBe(purchasesBefore);
    expect((await emulator().control.ledger()).length).toBe(ledgerBefore);
  });

  it("changes nothing, byte for byte, when --merge runs again", async () => {
    const before = readFileSync(join(dir, "numbers.yaml"));
    const run = await onboard(["--merge"]);
    expect(run.code).toBe(0);
    expect(readFileSync(join(dir, "numbers.yaml")).equals(before)).toBe(true);
    expect(run.stderr).toContain(`numbers.yaml already has an entry for each of the ${active.length} numbers; it is unchanged`);
  });

  it("adds a number bought afterwards on the next --merge, keeping the file before it, and then changes nothing", async () => {
    const bought = { e164: "+14155557777", country: "US" };
    await emulator().control.addInventory([{ ...bought, region: "CA", setup_fee: 0, monthly_fee: 250, currency: "INR" }]);
    await client.purchaseNumber(bought.e164);
    const before = readFileSync(join(dir, "numbers.yaml"), "utf8");

    const run = await onboardCounting(["--merge"]);
    expect(run.code).toBe(0);
    expect(run.counters).toEqual({ "GET listNumbers": Math.ceil((OWNED + 1) / 100) });
    const after = readFileSync(join(dir, "numbers.yaml"), "utf8");
    expect(after.startsWith(before)).toBe(true);
    expect(parseFleetFile(after.slice(before.length).replace(/^\n*/, "numbers:\n"), "added").entries).toEqual([
      { name: onboardedEntryName(bought), e164: bought.e164, adopt: true, retainOnDelete: true },
    ]);
    expect(run.stderr).toContain(`added 1 entry to numbers.yaml (${active.length} already there)`);

    await onboard(["--merge"]);
    expect(readFileSync(join(dir, "numbers.yaml"), "utf8")).toBe(after);
  });

  it("merges into a hand-written file, keeping its entries and comments and never adding a number twice", async () => {
    const selected = active.filter((n) => n.e164.startsWith("+91400555000"));
    const [first] = selected;
    const handWritten = [
      "# numbers.yaml: every Vobiz number this stack manages.",
      "numbers:",
      "  front-desk:        # the number on our letterhead",
      `    e164: "${first?.e164}"`,
      "    adopt: true",
      "  support-bengaluru:",
      "    country: IN",
      '    contains: "9180"',
      "",
    ].join("\n");
    writeFileSync(join(dir, "team.yaml"), handWritten);
    const run = await onboard(["--merge", "--out", "team.yaml", "--prefix", "+91400555000"]);
    expect(run.code).toBe(0);
    const text = readFileSync(join(dir, "team.yaml"), "utf8");
    expect(text.startsWith(handWritten)).toBe(true);
    const names = parseFleetFile(text, "team.yaml").entries.map((entry) => entry.name);
    expect(names).toEqual(["front-desk", "support-bengaluru", ...selected.slice(1).map(onboardedEntryName)]);
    expect(run.stderr).toContain(`added ${selected.length - 1} entries to team.yaml (1 already there)`);
  });

  it("filters by country, sub-account and prefix, and --protect sets deletionProtection", async () => {
    const entriesOf = (run: Run): FleetEntry[] => parseFleetFile(run.stdout, "stdout").entries;

    const us = await onboard(["--dry-run", "--out", "us.yaml", "--country", "us"]);
    expect(entriesOf(us).map((entry) => entry.e164).sort()).toEqual([...active.filter((n) => n.country === "US").map((n) => n.e164), "+14155557777"].sort());

    const team = await onboard(["--dry-run", "--out", "team-2.yaml", "--sub-account", "SA_DEMO0002", "--protect"]);
    expect(entriesOf(team)).toHaveLength(100);
    expect(entriesOf(team).every((entry) => entry.subAccount === "SA_DEMO0002" && entry.deletionProtection === true)).toBe(true);

    const prefixed = await onboard(["--dry-run", "--out", "prefixed.yaml", "--prefix", "+9140055503"]);
    const expected = active.filter((n) => n.e164.startsWith("+9140055503")).map((n) => n.e164);
    expect(expected.length).toBeGreaterThan(0);
    expect(entriesOf(prefixed).map((entry) => entry.e164)).toEqual(expected);
    expect(entriesOf(prefixed).some((entry) => entry.deletionProtection !== undefined)).toBe(false);
  });

  it("prints the file on --dry-run and writes nothing", async () => {
    const run = await onboard(["--dry-run", "--out", "dry.yaml", "--country", "IN"]);
    expect(run.code).toBe(0);
    expect(existsSync(join(dir, "dry.yaml"))).toBe(false);
    expect(run.stdout.startsWith("# numbers.yaml: every Vobiz number this stack manages.\n")).toBe(true);
    expect(parseFleetFile(run.stdout, "stdout").entries).toHaveLength(active.filter((n) => n.country === "IN").length);
    expect(run.stderr).toMatch(/^vobiz-onboard: dry run: would write \d+ entries to dry\.yaml; .*nothing was written\n/m);
  });

  it("refuses to replace an existing file without --merge or --force, before listing anything", async () => {
    const before = readFileSync(join(dir, "numbers.yaml"));
    const run = await onboardCounting([]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("vobiz-onboard: numbers.yaml exists already: pass --merge to add the account's numbers to it, --force to replace it, or --out to write another file.\n");
    expect(run.counters).toEqual({});
    expect(readFileSync(join(dir, "numbers.yaml")).equals(before)).toBe(true);

    const forced = await onboard(["--force", "--out", "counted.yaml", "--country", "US"]);
    expect(forced.code).toBe(0);
    expect(readFleetFile(join(dir, "counted.yaml")).entries.every((entry) => entry.e164?.startsWith("+1"))).toBe(true);
  });

  it("takes the credentials from --auth-id, --auth-token and --base-url when the environment has none", async () => {
    const { authId, authToken } = emulator().credentials.master;
    const run = await onboard(["--dry-run", "--out", "flags.yaml", "--prefix", "+1628", "--auth-id", authId, "--auth-token", authToken, "--base-url", emulator().baseUrl], {
      VOBIZ_AUTH_ID: "",
      VOBIZ_AUTH_TOKEN: "",
      VOBIZ_BASE_URL: "",
    });
    expect(run.code).toBe(0);
    expect(parseFleetFile(run.stdout, "stdout").entries).toHaveLength(active.filter((n) => n.country === "US").length);
  });

  it("answers --help, warning about --auth-token, and --version with the package version", async () => {
    const help = await onboard(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: vobiz-onboard \[options\]/);
    for (const option of ["--out <file>", "--merge", "--country <code>", "--sub-account <id>", "--prefix <prefix>", "--protect", "--dry-run", "--auth-id", "--base-url"]) {
      expect(help.stdout).toContain(option);
    }
    expect(help.stdout).toMatch(/--auth-token <token>\s+the auth token \(default: \$VOBIZ_AUTH_TOKEN\);\s+discouraged: visible to other users in ps/);
    const version = await onboard(["--version"]);
    expect(version).toEqual({ code: 0, stdout: `${packageVersion}\n`, stderr: "" });
  });

  it("fails in one line, without the token, on bad arguments and refused credentials", async () => {
    const bad = await onboard(["--country", "India"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("vobiz-onboard: option '--country <code>' argument 'India' is invalid. expected a two-letter country code such as IN. (see --help)\n");

    const refused = await onboard(["--dry-run", "--out", "refused.yaml"], { VOBIZ_AUTH_TOKEN: "emu-token-not-the-right-one" });
    expect(refused.code).toBe(1);
    expect(refused.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(refused.stderr).toMatch(/^vobiz-onboard: Listing the numbers of MA_DEMO0001 .*401/);
    expect(refused.stderr).not.toContain("emu-token-not-the-right-one");

    const flagged = await onboard(["--dry-run", "--out", "flagged.yaml", "--auth-token", "flag-token-not-the-right-one"], { VOBIZ_AUTH_TOKEN: "" });
    expect(flagged.code).toBe(1);
    expect(flagged.stderr).toMatch(/^vobiz-onboard: Listing the numbers of MA_DEMO0001 .*401[^\n]*\n$/);
    expect(flagged.stderr).not.toContain("flag-token-not-the-right-one");

    const missing = await onboard(["--dry-run"], { VOBIZ_AUTH_TOKEN: "" });
    expect(missing).toMatchObject({ code: 1, stdout: "" });
    expect(missing.stderr).toMatch(/^vobiz-onboard: Vobiz credentials are incomplete: set VOBIZ_AUTH_TOKEN/);
  });

  it("prints plain progress lines when piped, and never the token, in any output or file", () => {
    const { authToken } = emulator().credentials.master;
    expect(runs.length).toBeGreaterThan(10);
    const listing = runs.find((run) => run.stderr.includes("listed 100 of"));
    expect(listing?.stderr).toContain(`vobiz-onboard: listed ${OWNED} of ${OWNED} numbers of MA_DEMO0001\n`);
    const escape = String.fromCharCode(0x1b);
    for (const run of runs) {
      for (const output of [run.stdout, run.stderr]) {
        expect(output).not.toContain(escape);
        expect(output).not.toContain("\r");
      }
      expect(`${run.stdout}${run.stderr}`).not.toContain(authToken);
    }
    for (const file of ["numbers.yaml", "counted.yaml", "team.yaml"]) expect(readFileSync(join(dir, file), "utf8")).not.toContain(authToken);
  });
});
