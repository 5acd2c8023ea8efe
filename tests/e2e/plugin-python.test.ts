import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { ProjectStack, type CliRun } from "../../scripts/project-stack";
import { ensurePulumiCli, repoRoot } from "../../scripts/pulumi-toolchain";
import { VobizClient } from "../../sdk";
import { pluginProject, type PluginProject } from "../helpers/plugin-project";
import { readmeCommands } from "../helpers/readme-commands";
import { configureAccount, seedAccount, type SeededAccount } from "./reliability/reliability-fixture";

// The `vobiz` resource plugin from a Python program, as a Python user runs it: the plugin tarball installed
// with `pulumi plugin install`, the generated `pulumi_vobiz` wheel in an active virtualenv
// (scripts/ensure-python-venv.sh), and examples/python-quickstart driven through the `pulumi` command against
// the emulator. PATH holds the virtualenv's bin and the Pulumi toolchain and nothing else, so no Node.js is
// reachable: the plugin runs on the Node built into its executable.

const EXACT_NUMBER = "+12122672241"; // the exact number examples/python-quickstart/__main__.py names
const TRUNK = "2f6b1c3e-4d5a-4b7c-9e8f-0a1b2c3d4e5f";
const APPLICATION = "20577609616603585";
const DAY = 86_400;

interface ExportedResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

describe("the vobiz resource plugin, from a Python program through the pulumi command", () => {
  let emulator: RunningEmulator;
  let account: SeededAccount;
  let client: VobizClient;
  let project: PluginProject;
  let stack: ProjectStack;
  let supportNumber: string;
  let venv: string;
  let programPath: string;
  const runs: CliRun[] = [];
  const exports: string[] = [];

  const purchases = async (): Promise<string[]> =>
    (await emulator.control.ledger()).filter((row) => row.kind === "purchase" && row.account_id === account.authId).map((row) => row.e164);
  const record = (run: CliRun): CliRun => {
    runs.push(run);
    return run;
  };
  const resources = async (): Promise<ExportedResource[]> => {
    const text = record(await stack.pulumi(["stack", "export"])).stdout;
    exports.push(text);
    return (JSON.parse(text) as { deployment: { resources?: ExportedResource[] } }).deployment.resources ?? [];
  };
  const ofType = async (type: string): Promise<ExportedResource[]> => (await resources()).filter((r) => r.type === type);

  beforeAll(async () => {
    // Made once; installed again only when the SDK wheel or the requirements change.
    venv = execFileSync("bash", [path.join(repoRoot, "scripts", "ensure-python-venv.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
    emulator = await startEmulator({ port: 0 });
    account = await seedAccount(emulator);
    client = new VobizClient({ authId: account.authId, authToken: account.authToken, baseUrl: `${emulator.origin}/api` });
    // The virtualenv active, as `source venv/bin/activate` leaves a shell: the language host runs the `python` it finds first.
    programPath = [path.join(venv, "bin"), ensurePulumiCli()].join(path.delimiter);
    project = await pluginProject(path.join(repoRoot, "examples", "python-quickstart"), "plugin-python", { PATH: programPath, VIRTUAL_ENV: venv });
    stack = project.stack;
    await configureAccount(stack, emulator, account, { salesSubAccountId: account.subAccountId });
  });

  afterAll(async () => {
    await project?.dispose();
    await emulator?.close();
  });

  it("runs the program with the virtualenv's python and no Node.js on PATH", () => {
    expect(() => execFileSync("/bin/sh", ["-c", "command -v node"], { env: { PATH: programPath }, stdio: "pipe" })).toThrow();
    expect(execFileSync("/bin/sh", ["-c", "command -v python"], { env: { PATH: programPath }, encoding: "utf8" }).trim()).toBe(path.join(venv, "bin", "python"));
  });

  it("buys one number by criteria and one exact number, routes them, and hands the exact one to the sub-account", async () => {
    const up = record(await stack.up());
    expect(up.stdout).toMatch(/\+ 4 created/);
    const outputs = await stack.outputs();
    supportNumber = String(outputs["supportNumber"]);
    expect(supportNumber).toMatch(/^\+91/);
    expect(supportNumber.slice(1)).toContain("9180");
    expect(outputs).toMatchObject({ salesNumber: EXACT_NUMBER, salesHeldBy: account.subAccountId, supportMonthlyFee: expect.any(Number) });
    expect((await purchases()).sort()).toEqual([EXACT_NUMBER, supportNumber].sort());
    expect(await emulator.control.getNumber(supportNumber)).toMatchObject({ owner: account.authId, trunk_group_id: TRUNK });
    expect(await emulator.control.getNumber(EXACT_NUMBER)).toMatchObject({ owner: account.subAccountId, application_id: APPLICATION });

    const numbers = await ofType("vobiz:index:PhoneNumber");
    expect(numbers.map((r) => r.id).sort()).toEqual([EXACT_NUMBER, supportNumber].sort());
    expect(numbers.find((r) => r.id === supportNumber)?.outputs).toMatchObject({ country: "IN", trunkGroupId: TRUNK, status: "active", releaseMode: "standard" });
    expect(numbers.find((r) => r.id === supportNumber)?.outputs?.["monthlyFee"]).toBe(outputs["supportMonthlyFee"]);
    expect((await ofType("vobiz:index:SubAccountAssignment")).map((r) => [r.id, r.outputs?.["subAccountId"]])).toEqual([[EXACT_NUMBER, account.subAccountId]]);
    const [provider] = await ofType("pulumi:providers:vobiz");
    expect(provider?.inputs).toMatchObject({ authId: account.authId, authToken: { ciphertext: expect.any(String) } });
  });

  it("proposes no change to the program and finds no drift right after", async () => {
    const preview = record(await stack.preview(["--expect-no-changes"]));
    expect(preview.stdout).toMatch(/4 unchanged/);
    const refresh = record(await stack.refresh(["--preview-only", "--expect-no-changes"]));
    expect(refresh.code).toBe(0);
  });

  it("catches a routing change made outside Pulumi with refresh, and puts it back with up", async () => {
    await client.unassignTrunk(supportNumber);
    const check = record(await stack.refresh(["--preview-only", "--expect-no-changes"], { expect: "failure" }));
    expect(check.stdout).toMatch(/~ +vobiz:index:PhoneNumber support-line update \[diff: -trunkGroupId\]/);

    record(await stack.refresh());
    const [refreshed] = (await ofType("vobiz:index:PhoneNumber")).filter((r) => r.id === supportNumber);
    expect(refreshed?.outputs?.["trunkGroupId"]).toBeNull();

    const repaired = record(await stack.up());
    expect(repaired.stdout).toMatch(/~ 1 updated/);
    expect(await emulator.control.getNumber(supportNumber)).toMatchObject({ trunk_group_id: TRUNK });
    record(await stack.refresh(["--preview-only", "--expect-no-changes"]));
    expect((await purchases()).sort()).toEqual([EXACT_NUMBER, supportNumber].sort());
  });

  it("fails to unassign inside the cool-off with the dynamic resources' message, keeps the state, and unassigns once it has passed", async () => {
    await emulator.control.freezeClock();
    const now = Date.parse(await emulator.control.now());
    await emulator.control.setLastCall(EXACT_NUMBER, new Date(now - 1 * DAY * 1000));
    const until = new Date(now + 14 * DAY * 1000).toISOString();
    const [assignment] = await ofType("vobiz:index:SubAccountAssignment");
    expect(assignment).toBeDefined();
    const target = ["--target", assignment?.urn ?? ""];

    const refused = record(await stack.destroy(target, { expect: "failure" }));
    expect(refused.stdout + refused.stderr).toContain(
      `Cannot move ${EXACT_NUMBER} out of sub-account ${account.subAccountId} yet: Vobiz refused with did_cool_off_in_effect (a call within the last 15 days). ` +
        `The cool-off lasts until cool_off_until=${until}, 14d from now. ` +
        `Nothing was changed and the assignment stays in the stack as it was. Ways out: run the same command again after ${until}; ` +
        `or set force: true on the SubAccountAssignment and run with admin credentials.`,
    );
    expect((await ofType("vobiz:index:SubAccountAssignment")).map((r) => [r.id, r.outputs?.["subAccountId"]])).toEqual([[EXACT_NUMBER, account.subAccountId]]);
    expect(await ofType("vobiz:index:PhoneNumber")).toHaveLength(2);
    expect(await emulator.control.getNumber(EXACT_NUMBER)).toMatchObject({ owner: account.subAccountId, status: "active" });

    await emulator.control.advanceClock(14 * DAY + 60);
    const unassigned = record(await stack.destroy(target));
    expect(unassigned.stdout).toMatch(/- 1 deleted/);
    expect(await ofType("vobiz:index:SubAccountAssignment")).toEqual([]);
    expect(await emulator.control.getNumber(EXACT_NUMBER)).toMatchObject({ owner: account.authId, status: "active" });
  });

  it("releases both numbers on destroy, having bought each once", async () => {
    const destroyed = record(await stack.destroy());
    expect(destroyed.stdout).toMatch(/- 3 deleted/);
    for (const e164 of [supportNumber, EXACT_NUMBER]) {
      expect(await emulator.control.getNumber(e164)).toMatchObject({ owner: account.authId, status: "pending_release" });
    }
    expect(await ofType("vobiz:index:PhoneNumber")).toEqual([]);
    expect((await purchases()).sort()).toEqual([EXACT_NUMBER, supportNumber].sort());
  });

  it("never writes the auth token into the state or the CLI's output", () => {
    expect(runs.length).toBeGreaterThan(10);
    expect(exports.length).toBeGreaterThan(6);
    const texts = [...exports, stack.stateText(), ...runs.map((run) => run.stdout + run.stderr), stack.allOutput()];
    for (const text of texts) expect(text).not.toContain(account.authToken);
  });
});

describe("examples/python-quickstart's README, typed as written in a shell", () => {
  const readme = path.join(repoRoot, "examples", "python-quickstart", "README.md");
  let emulator: RunningEmulator;
  let stack: ProjectStack;
  let projectDir: string;

  beforeAll(async () => {
    // The commands install the tarball and the wheel (`npm run build:sdks`) from the checkout.
    execFileSync("bash", [path.join(repoRoot, "scripts", "build-plugin.sh")], { stdio: ["ignore", "ignore", "inherit"] });
    emulator = await startEmulator({ port: 0 });
    projectDir = fs.mkdtempSync(path.join(os.tmpdir(), "vobiz-python-readme-"));
    fs.cpSync(path.join(repoRoot, "examples", "python-quickstart"), projectDir, { recursive: true });
    stack = ProjectStack.create({ dir: projectDir, name: "python-readme", stackName: "dev", env: { PULUMI_HOME: path.join(projectDir, ".pulumi-home") } });
  });

  afterAll(async () => {
    await stack?.dispose();
    await emulator?.close();
    if (projectDir) fs.rmSync(projectDir, { recursive: true, force: true });
  });

  /** The README's `sh` block holding `marker`, with the checkout's path and this test's emulator in it. */
  const typed = (marker: string): string => readmeCommands(readme, marker, emulator.origin).replaceAll("/path/to/pulumi-vobiz", repoRoot);

  it("install the plugin and the SDK into a virtualenv, buy the two numbers, find nothing to change, and destroy", async () => {
    // One shell session, as a user types the blocks one after another: the virtualenv stays active. With no
    // terminal to answer their prompts, `up` and `destroy` get `--yes`. pip refuses to install outside a
    // virtualenv, so a block that forgets to activate one fails here instead of changing the machine's Python.
    const session = [typed("pulumi plugin install"), typed("python3 -m venv"), typed("vobiz:baseUrl"), typed("--expect-no-changes")]
      .join("\n")
      .replace(/^pulumi (up|destroy)\b/gm, "pulumi $1 --yes");
    const run = await stack.script(session, { env: { PIP_REQUIRE_VIRTUALENV: "true" } });
    expect(run.stdout).toMatch(/\+ 4 created/);
    expect(run.stdout).toMatch(/4 unchanged/);
    expect(run.stdout).toMatch(/- 4 deleted/);
    const purchases = (await emulator.control.ledger()).filter((row) => row.kind === "purchase").map((row) => row.e164);
    expect(purchases).toHaveLength(2);
    expect(purchases).toContain(EXACT_NUMBER);
    for (const e164 of purchases) expect(await emulator.control.getNumber(e164)).toMatchObject({ owner: "MA_DEMO0001", status: "pending_release" });
  });
});
