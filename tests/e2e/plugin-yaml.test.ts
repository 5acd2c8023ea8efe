import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { ProjectStack, type CliRun } from "../../scripts/project-stack";
import { ensurePulumiCli, pulumiEnv, repoRoot } from "../../scripts/pulumi-toolchain";
import { VobizClient } from "../../sdk";
import { configureAccount, seedAccount, type SeededAccount } from "./reliability/reliability-fixture";

// The `vobiz` resource plugin as a user installs it: the tarball `npm run build:plugin` makes, installed with
// `pulumi plugin install`, driving examples/yaml-quickstart (a Pulumi YAML program) through the `pulumi`
// command against the emulator. PATH holds the Pulumi toolchain and nothing else, so no Node.js is reachable:
// the plugin runs on the Node built into its executable.

const version = (JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string }).version;
const tarball = path.join(repoRoot, "dist", "plugin", `pulumi-resource-vobiz-v${version}-linux-amd64.tar.gz`);
const EXACT_NUMBER = "+12122672241"; // the exact number examples/yaml-quickstart/Pulumi.yaml names
const IMPORTED_NUMBER = "+12122899853";
const TRUNK = "2f6b1c3e-4d5a-4b7c-9e8f-0a1b2c3d4e5f";

describe("the vobiz resource plugin, from a Pulumi YAML program through the pulumi command", () => {
  let emulator: RunningEmulator;
  let account: SeededAccount;
  let client: VobizClient;
  let stack: ProjectStack;
  let projectDir: string;
  let supportNumber: string;
  const runs: CliRun[] = [];
  const exports: string[] = [];

  const purchases = async (): Promise<string[]> =>
    (await emulator.control.ledger()).filter((row) => row.kind === "purchase" && row.account_id === account.authId).map((row) => row.e164);
  const record = (run: CliRun): CliRun => {
    runs.push(run);
    return run;
  };
  const stackExport = async (): Promise<{ deployment: { resources?: { type: string; id?: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> }[] } }> => {
    const text = record(await stack.pulumi(["stack", "export"])).stdout;
    exports.push(text);
    return JSON.parse(text) as Awaited<ReturnType<typeof stackExport>>;
  };
  const ofType = async (type: string) => ((await stackExport()).deployment.resources ?? []).filter((r) => r.type === type);

  beforeAll(async () => {
    // Built once per change of its sources (scripts/build-plugin.sh keeps a hash of them).
    execFileSync("bash", [path.join(repoRoot, "scripts", "build-plugin.sh")], { stdio: ["ignore", "ignore", "inherit"] });
    emulator = await startEmulator({ port: 0 });
    account = await seedAccount(emulator);
    client = new VobizClient({ authId: account.authId, authToken: account.authToken, baseUrl: `${emulator.origin}/api` });
    projectDir = fs.mkdtempSync(path.join(os.tmpdir(), "vobiz-yaml-"));
    fs.cpSync(path.join(repoRoot, "examples", "yaml-quickstart"), projectDir, { recursive: true });
    const home = path.join(projectDir, ".pulumi-home");
    const env = { PULUMI_HOME: home, PATH: ensurePulumiCli() };
    execFileSync("pulumi", ["plugin", "install", "resource", "vobiz", version, "--file", tarball], { env: pulumiEnv(env), stdio: "pipe" });
    stack = await ProjectStack.init({ dir: projectDir, name: "plugin-yaml", env });
    await configureAccount(stack, emulator, account, { salesSubAccountId: account.subAccountId });
  });

  afterAll(async () => {
    await stack?.dispose();
    await emulator?.close();
    if (projectDir) fs.rmSync(projectDir, { recursive: true, force: true });
  });

  it("is installed in the Pulumi home as the vobiz plugin of the package's version", () => {
    const listed = execFileSync("pulumi", ["plugin", "ls", "--json"], { env: pulumiEnv({ PULUMI_HOME: path.join(projectDir, ".pulumi-home") }), encoding: "utf8" });
    expect(JSON.parse(listed)).toEqual([expect.objectContaining({ name: "vobiz", kind: "resource", version })]);
  });

  it("buys one number by criteria and one exact number, routes them, and hands the exact one to the sub-account", async () => {
    const up = record(await stack.up());
    expect(up.stdout).toMatch(/\+ 4 created/);
    const outputs = await stack.outputs();
    supportNumber = String(outputs["supportNumber"]);
    expect(supportNumber).toMatch(/^\+91/);
    expect(supportNumber.slice(1)).toContain("9180");
    expect(outputs).toMatchObject({ salesNumber: EXACT_NUMBER, salesHeldBy: account.subAccountId });
    expect((await purchases()).sort()).toEqual([EXACT_NUMBER, supportNumber].sort());
    expect(await emulator.control.getNumber(supportNumber)).toMatchObject({ owner: account.authId, trunk_group_id: TRUNK });
    expect(await emulator.control.getNumber(EXACT_NUMBER)).toMatchObject({ owner: account.subAccountId, application_id: "20577609616603585" });

    const numbers = await ofType("vobiz:index:PhoneNumber");
    expect(numbers.map((r) => r.id).sort()).toEqual([EXACT_NUMBER, supportNumber].sort());
    expect(numbers.find((r) => r.id === supportNumber)?.outputs).toMatchObject({ country: "IN", trunkGroupId: TRUNK, status: "active", releaseMode: "standard" });
    expect((await ofType("vobiz:index:SubAccountAssignment")).map((r) => [r.id, r.outputs?.["subAccountId"]])).toEqual([[EXACT_NUMBER, account.subAccountId]]);
    // The default provider records the config as its inputs; the token only as a secret.
    const [provider] = await ofType("pulumi:providers:vobiz");
    expect(provider?.inputs).toMatchObject({ authId: account.authId, authToken: { ciphertext: expect.any(String) } });
  });

  it("proposes no change to the program and finds no drift right after", async () => {
    const preview = record(await stack.preview(["--expect-no-changes"]));
    expect(preview.stdout).toMatch(/4 unchanged/);
    const refresh = record(await stack.refresh(["--preview-only", "--expect-no-changes"]));
    expect(refresh.code).toBe(0);
  });

  it("shows a routing change made outside Pulumi as drift, and `up --refresh` puts it back", async () => {
    await client.unassignTrunk(supportNumber);
    const check = record(await stack.refresh(["--preview-only", "--expect-no-changes"], { expect: "failure" }));
    expect(check.stdout).toMatch(/~ +vobiz:index:PhoneNumber support-line update \[diff: -trunkGroupId\]/);
    expect(check.stdout + check.stderr).toMatch(/no changes were expected for refresh but changes were proposed/);
    const repaired = record(await stack.up(["--refresh"]));
    expect(repaired.stdout).toMatch(/~ 1 updated/);
    expect(await emulator.control.getNumber(supportNumber)).toMatchObject({ trunk_group_id: TRUNK });
  });

  it("imports a number the account holds with `pulumi import`, buying nothing, and prints a declaration that matches it", async () => {
    await client.purchaseNumber(IMPORTED_NUMBER);
    const bought = await purchases();
    const imported = record(await stack.pulumi(["import", "vobiz:index:PhoneNumber", "adopted-line", IMPORTED_NUMBER, "--yes", "--protect=false"]));
    expect(imported.stdout).toMatch(/= 1 imported/);
    // The YAML language host writes the declaration to paste into Pulumi.yaml.
    expect(imported.stdout).toMatch(/adopted-line:\n\s+type: vobiz:(index:)?PhoneNumber\n\s+properties:\n\s+e164: '\+12122899853'/);
    expect(await purchases()).toEqual(bought);
    const [adopted] = (await ofType("vobiz:index:PhoneNumber")).filter((r) => r.id === IMPORTED_NUMBER);
    expect(adopted?.inputs).toEqual({ e164: IMPORTED_NUMBER });
    expect(adopted?.outputs).toMatchObject({ e164: IMPORTED_NUMBER, accountId: account.authId, status: "active" });

    // Pasted into the program as import says, the declaration matches the state: nothing to change.
    const declaration = /^resources:\n((?: {2}.*\n?)+)/m.exec(imported.stdout)?.[1];
    expect(declaration).toBeDefined();
    const program = path.join(projectDir, "Pulumi.yaml");
    fs.writeFileSync(program, fs.readFileSync(program, "utf8").replace("\noutputs:", `\n${declaration?.trimEnd()}\n\noutputs:`));
    const preview = record(await stack.preview(["--expect-no-changes"]));
    expect(preview.stdout).toMatch(/5 unchanged/);
  });

  it("holds the program to the stack's guardrails: a country left out of vobiz:allowedCountries is refused at preview", async () => {
    await stack.pulumi(["config", "set", "vobiz:allowedCountries", '["US"]']);
    try {
      const refused = record(await stack.preview([], { expect: "failure" }));
      expect(refused.stdout + refused.stderr).toMatch(/IN is not allowed by the stack's vobiz:allowedCountries \(US\)/);
    } finally {
      await stack.pulumi(["config", "rm", "vobiz:allowedCountries"]);
    }
    const preview = record(await stack.preview(["--expect-no-changes"]));
    expect(preview.stdout).toMatch(/5 unchanged/);
  });

  it("meets the sub-account cool-off with the dynamic resources' message, and keeps the assignment in the stack", async () => {
    const now = Date.parse(await emulator.control.now());
    await emulator.control.setLastCall(EXACT_NUMBER, new Date(now - 86_400_000));
    const assignment = `urn:pulumi:${stack.stackName}::${stack.projectName}::vobiz:index:SubAccountAssignment::sales-line-to-sales-team`;
    const refused = record(await stack.destroy(["--target", assignment], { expect: "failure" }));
    const said = refused.stdout + refused.stderr;
    expect(said).toContain(`Cannot move ${EXACT_NUMBER} out of sub-account ${account.subAccountId} yet: Vobiz refused with did_cool_off_in_effect`);
    expect(said).toMatch(/The cool-off lasts until cool_off_until=\d{4}-\d\d-\d\dT[\d:.]+Z, 1[34]d[^.]* from now\. Nothing was changed/);
    expect(said).toMatch(/or set force: true on the SubAccountAssignment and run with admin credentials\./);
    expect((await ofType("vobiz:index:SubAccountAssignment")).map((r) => r.outputs?.["subAccountId"])).toEqual([account.subAccountId]);
    expect(await emulator.control.getNumber(EXACT_NUMBER)).toMatchObject({ owner: account.subAccountId, status: "active" });

    // The call is forgotten (as 15 days passing would): the stack is as before, with nothing left to change.
    await emulator.control.setLastCall(EXACT_NUMBER, null);
    const preview = record(await stack.preview(["--expect-no-changes"]));
    expect(preview.stdout).toMatch(/5 unchanged/);
  });

  it("gives the assigned number back to the master account and releases every number on destroy", async () => {
    const destroyed = record(await stack.destroy());
    expect(destroyed.stdout).toMatch(/- 5 deleted/);
    for (const e164 of [supportNumber, EXACT_NUMBER, IMPORTED_NUMBER]) {
      expect(await emulator.control.getNumber(e164)).toMatchObject({ owner: account.authId, status: "pending_release" });
    }
    expect(await ofType("vobiz:index:PhoneNumber")).toEqual([]);
  });

  it("never writes the auth token into the state or the CLI's output", () => {
    expect(runs.length).toBeGreaterThan(8);
    expect(exports.length).toBeGreaterThan(4);
    const texts = [...exports, stack.stateText(), ...runs.map((run) => run.stdout + run.stderr), stack.allOutput()];
    for (const text of texts) expect(text).not.toContain(account.authToken);
  });
});
