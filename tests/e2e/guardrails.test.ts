import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { RunningEmulator } from "../../emulator";
import { installedProject } from "../../scripts/installed-project";
import { ProjectStack, type CliRun } from "../../scripts/project-stack";
import { repoRoot } from "../../scripts/pulumi-toolchain";
import { startSeededEmulator } from "../helpers/vobiz-stack";

// The stack's guardrails as a platform team sets them (`pulumi config set vobiz:…`), on the fleet folder
// installed from the npm pack tarball, through the real CLI. A refusal ends the command non-zero with a message
// naming the property, the value and the rule, and the emulator shows that nothing was bought; a declaration
// just inside the limits is bought, with one debit.
describe("stack guardrails through pulumi preview and up", () => {
  let emulator: RunningEmulator;
  let dir: string;
  let stack: ProjectStack | undefined;
  let stocked = 0;

  beforeAll(async () => {
    emulator = await startSeededEmulator();
    // Each test writes numbers.yaml: a folder of this suite's own.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "vobiz-guardrails-"));
    fs.cpSync(await installedProject(path.join(repoRoot, "examples", "fleet")), dir, { recursive: true });
  }, 900_000);

  afterEach(async () => {
    await stack?.dispose();
    stack = undefined;
  });

  afterAll(async () => {
    await emulator?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A new stack of the fleet folder with the given guardrails; lists are set element by element with --path. */
  async function guardedStack(name: string, settings: Record<string, string | string[]>, env: Record<string, string> = {}): Promise<ProjectStack> {
    const { authId, authToken } = emulator.credentials.master;
    const s = await ProjectStack.init({ dir, name, env: { VOBIZ_AUTH_ID: authId, VOBIZ_AUTH_TOKEN: authToken, VOBIZ_BASE_URL: emulator.baseUrl, ...env } });
    stack = s;
    for (const [key, value] of Object.entries(settings)) {
      if (typeof value === "string") await s.pulumi(["config", "set", `vobiz:${key}`, value]);
      else for (const [index, item] of value.entries()) await s.pulumi(["config", "set", "--path", `vobiz:${key}[${index}]`, item]);
    }
    return s;
  }

  /** Declares one number, `line`, in numbers.yaml. */
  function declare(entry: Record<string, string | number | boolean>): void {
    declareAll({ line: entry });
  }

  /** Declares the numbers of numbers.yaml, by entry name. */
  function declareAll(entries: Record<string, Record<string, string | number | boolean>>): void {
    const lines = Object.entries(entries).flatMap(([name, entry]) => [
      `  ${name}:`,
      ...Object.entries(entry).map(([key, value]) => `    ${key}: ${typeof value === "string" ? JSON.stringify(value) : String(value)}`),
    ]);
    fs.writeFileSync(path.join(dir, "numbers.yaml"), ["numbers:", ...lines, ""].join("\n"));
  }

  /**
   * Stocks numbers of the given country and fees under a prefix no other number has (or after the numbers
   * already stocked under `more`); returns them and the prefix, without its "+".
   */
  async function stock(
    numbers: { country?: string; monthly: number; setup?: number }[],
    more?: { prefix: string; after: number },
  ): Promise<{ prefix: string; e164s: string[] }> {
    if (more === undefined) stocked += 1;
    const prefix = more ? `+${more.prefix}` : `+91799${String(stocked).padStart(2, "0")}`;
    const records = numbers.map((n, index) => ({
      e164: `${prefix}${String(index + (more?.after ?? 0)).padStart(5, "0")}`,
      country: n.country ?? "IN",
      region: "Guardrail test",
      setup_fee: n.setup ?? 0,
      monthly_fee: n.monthly,
      currency: "INR",
    }));
    await emulator.control.addInventory(records);
    return { prefix: prefix.slice(1), e164s: records.map((r) => r.e164) };
  }

  async function purchases(): Promise<string[]> {
    return (await emulator.control.ledger()).filter((row) => row.kind === "purchase").map((row) => row.e164);
  }

  /** Runs `command`, which must fail; returns what it printed, and checks that no purchase was sent or debited. */
  async function refusedWithoutBuying(command: () => Promise<CliRun>): Promise<string> {
    const before = await purchases();
    await emulator.control.resetRequests();
    const run = await command();
    expect(run.code).not.toBe(0);
    expect((await emulator.control.requests()).requests.map((r) => r.route)).not.toContain("purchaseNumber");
    expect(await purchases()).toEqual(before);
    return run.stdout + run.stderr;
  }

  /** Runs `pulumi up`, which must succeed, and returns the one number it bought (one debit). */
  async function boughtOne(s: ProjectStack): Promise<string> {
    const before = await purchases();
    await s.up();
    const bought = (await purchases()).slice(before.length);
    expect(bought).toHaveLength(1);
    expect(((await s.outputs())["numbers"] as Record<string, string>)["line"]).toBe(bought[0]);
    return bought[0] ?? "";
  }

  it("vobiz:allowedCountries: another country is refused, by check for criteria and by the inventory lookup for an exact number", async () => {
    const { e164s: [german] } = await stock([{ country: "DE", monthly: 300 }]);
    const { prefix } = await stock([{ monthly: 300 }]);
    const s = await guardedStack("countries", { allowedCountries: ["IN", "US"] });

    declare({ country: "DE" });
    const preview = await refusedWithoutBuying(() => s.preview([], { expect: "failure" }));
    expect(preview).toContain("DE is not allowed by the stack's vobiz:allowedCountries (IN, US)");
    await refusedWithoutBuying(() => s.up([], { expect: "failure" }));

    declare({ e164: german ?? "" });
    const up = await refusedWithoutBuying(() => s.up([], { expect: "failure" }));
    expect(up).toContain(`e164: ${german} is refused: its country DE is not allowed by the stack's vobiz:allowedCountries (IN, US)`);

    declare({ country: "IN", contains: prefix });
    expect((await boughtOne(s)).startsWith(`+${prefix}`)).toBe(true);
  });

  it("vobiz:maxMonthlyFee: a higher criteria limit is refused at preview, a pick takes the cap as its limit, an exact number above it is refused", async () => {
    const { prefix } = await stock([{ monthly: 1200 }, { monthly: 1050 }]);
    const { e164s: [above] } = await stock([{ monthly: 1050 }]);
    const s = await guardedStack("monthly-fee", { maxMonthlyFee: "1000" });

    declare({ country: "IN", contains: prefix, maxMonthlyFee: 1001 });
    const preview = await refusedWithoutBuying(() => s.preview([], { expect: "failure" }));
    expect(preview).toContain("1001 is above the stack's vobiz:maxMonthlyFee (1000)");

    declare({ e164: above ?? "" });
    const up = await refusedWithoutBuying(() => s.up([], { expect: "failure" }));
    expect(up).toContain(`e164: ${above} is refused: its monthly fee 1050 INR is above the stack's vobiz:maxMonthlyFee (1000)`);

    // Criteria without a fee limit search within the cap: only numbers above it match, so nothing is bought.
    declare({ country: "IN", contains: prefix });
    expect(await refusedWithoutBuying(() => s.up([], { expect: "failure" }))).toContain("No number in Vobiz inventory matches");
    const { e164s: [atCap] } = await stock([{ monthly: 1000 }], { prefix, after: 2 });
    expect(await boughtOne(s)).toBe(atCap);
  });

  it("vobiz:maxSetupFee: a higher criteria limit is refused at preview, an exact number above it is refused, one at the cap is bought", async () => {
    const { prefix } = await stock([{ monthly: 300, setup: 200 }]);
    const { e164s: [above, atCap] } = await stock([
      { monthly: 300, setup: 250 },
      { monthly: 300, setup: 200 },
    ]);
    const s = await guardedStack("setup-fee", { maxSetupFee: "200" });

    declare({ country: "IN", contains: prefix, maxSetupFee: 250 });
    const preview = await refusedWithoutBuying(() => s.preview([], { expect: "failure" }));
    expect(preview).toContain("250 is above the stack's vobiz:maxSetupFee (200)");

    declare({ e164: above ?? "" });
    const up = await refusedWithoutBuying(() => s.up([], { expect: "failure" }));
    expect(up).toContain(`e164: ${above} is refused: its setup fee 250 INR is above the stack's vobiz:maxSetupFee (200)`);

    declare({ e164: atCap ?? "" });
    expect(await boughtOne(s)).toBe(atCap);
  });

  it("vobiz:requireDeletionProtection: a number without deletionProtection: true is refused at preview, a protected one is bought", async () => {
    const { prefix } = await stock([{ monthly: 300 }]);
    const s = await guardedStack("protection", { requireDeletionProtection: "true" });

    declare({ country: "IN", contains: prefix });
    const preview = await refusedWithoutBuying(() => s.preview([], { expect: "failure" }));
    expect(preview).toContain("not set, but the stack's vobiz:requireDeletionProtection is true; set deletionProtection: true");
    declare({ country: "IN", contains: prefix, deletionProtection: false });
    expect(await refusedWithoutBuying(() => s.up([], { expect: "failure" }))).toContain("false, but the stack's vobiz:requireDeletionProtection is true");

    declare({ country: "IN", contains: prefix, deletionProtection: true });
    const bought = await boughtOne(s);
    expect(s.resourcesOfType("PhoneNumber")[0]?.outputs).toMatchObject({ e164: bought, deletionProtection: true });

    // Lifting the rule is the stack's decision, made in its config; then the number can be let go.
    await s.pulumi(["config", "set", "vobiz:requireDeletionProtection", "false"]);
    declare({ country: "IN", contains: prefix, deletionProtection: false });
    await s.up();
  });

  it("the pipeline's preview step refuses a plan over vobiz:maxNumbers or vobiz:maxMonthlyTotal, counting the numbers kept, and passes one at the caps", async () => {
    const { prefix: first } = await stock([{ monthly: 500 }]);
    const { prefix: second } = await stock([{ monthly: 600 }]);
    const summaryFile = path.join(dir, "guardrails-summary.md");
    const s = await guardedStack("caps", { maxNumbers: "1", maxMonthlyTotal: "1100" }, { PREVIEW_SUMMARY: summaryFile });
    // The steps run on the stack PULUMI_STACK names, as in CI.
    const previewStep = async (expected: "success" | "failure"): Promise<string> => {
      fs.rmSync(summaryFile, { force: true });
      const run = await s.script(`PULUMI_STACK=${s.stackName} ./pipeline.sh preview`, { expect: expected });
      expect(run.code === 0).toBe(expected === "success");
      return fs.readFileSync(summaryFile, "utf8");
    };
    declareAll({ a: { country: "IN", contains: first, maxMonthlyFee: 500 }, b: { country: "IN", contains: second, maxMonthlyFee: 600 } });

    const before = await purchases();
    await emulator.control.resetRequests();
    const overCount = await previewStep("failure");
    expect(overCount).toMatch(/^### Vobiz numbers: .*\n\n\*\*Refused:\*\* this plan must not be applied\.\n\n- The plan leaves the stack with 2 numbers, more than the stack's vobiz:maxNumbers \(1\)\.\n/);
    expect(overCount).toContain("| vobiz:maxMonthlyTotal | 1100 | at most 1100 a month after this plan |");

    await s.pulumi(["config", "set", "vobiz:maxNumbers", "2"]);
    await s.pulumi(["config", "set", "vobiz:maxMonthlyTotal", "1099"]);
    expect(await previewStep("failure")).toContain("- The plan's monthly fees come to as much as 1100, more than the stack's vobiz:maxMonthlyTotal (1099).");
    expect((await emulator.control.requests()).requests.map((r) => r.route)).not.toContain("purchaseNumber");
    expect(await purchases()).toEqual(before);

    await s.pulumi(["config", "set", "vobiz:maxMonthlyTotal", "1100"]);
    const atCaps = await previewStep("success");
    expect(atCaps).not.toContain("Refused");
    expect(atCaps).toContain("| vobiz:maxNumbers | 2 | 2 numbers after this plan |");
    await s.script(`PULUMI_STACK=${s.stackName} ./pipeline.sh up`);
    const bought = (await purchases()).slice(before.length);
    expect(bought).toHaveLength(2);
    expect(new Set(bought).size).toBe(2);

    // The numbers kept count as much as new ones: lowering the cap refuses a plan that changes nothing.
    await s.pulumi(["config", "set", "vobiz:maxNumbers", "1"]);
    expect(await previewStep("failure")).toContain("- The plan leaves the stack with 2 numbers, more than the stack's vobiz:maxNumbers (1).");
  });
});
