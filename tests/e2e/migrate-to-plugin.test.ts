import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { installedProject } from "../../scripts/installed-project";
import { ProjectStack, type CliRun } from "../../scripts/project-stack";
import { pulumiEnv, repoRoot } from "../../scripts/pulumi-toolchain";
import { configureAccount, seedAccount, type SeededAccount } from "./reliability/reliability-fixture";

// docs/migrating-to-the-plugin.md as a user follows it: a stack made by a TypeScript program with the dynamic
// resources of pulumi-vobiz (migration/dynamic) moves to the vobiz resource plugin by swapping the program for
// the same one on the plugin's resources with aliases of the old types (migration/plugin), in the same stack,
// through the `pulumi` command. No number may be bought, released or moved by the move.

const version = (JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string }).version;
const tarball = path.join(repoRoot, "dist", "plugin", `pulumi-resource-vobiz-v${version}-linux-amd64.tar.gz`);
const sdkTarball = path.join(repoRoot, "dist", "sdks", "nodejs", `vobiz-pulumi-${version}.tgz`);
const EXACT_NUMBER = "+12122672241";
const DYNAMIC_TYPES = ["pulumi-nodejs:dynamic/vobiz:PhoneNumber", "pulumi-nodejs:dynamic/vobiz:SubAccountAssignment"];
const PLUGIN_TYPES = ["vobiz:index:PhoneNumber", "vobiz:index:SubAccountAssignment"];
const MONEY_AND_MOVES = ["purchaseNumber", "releaseNumber", "cancelRelease", "assignSubAccount", "unassignSubAccount"];

interface ExportedResource {
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

describe("moving a stack of dynamic resources to the vobiz plugin with aliases", () => {
  let emulator: RunningEmulator;
  let account: SeededAccount;
  let stack: ProjectStack;
  let projectDir: string;
  let supportNumber: string;
  const runs: CliRun[] = [];
  const record = (run: CliRun): CliRun => {
    runs.push(run);
    return run;
  };

  const backupFile = (): string => path.join(projectDir, "before-move.json");
  const ledgerRows = async (kind: string): Promise<string[]> =>
    (await emulator.control.ledger()).filter((row) => row.kind === kind && row.account_id === account.authId).map((row) => row.e164).sort();
  const exported = async (): Promise<ExportedResource[]> =>
    (JSON.parse(record(await stack.pulumi(["stack", "export"])).stdout) as { deployment: { resources?: ExportedResource[] } }).deployment.resources ?? [];
  const vobizResources = async (): Promise<ExportedResource[]> =>
    (await exported()).filter((resource) => [...DYNAMIC_TYPES, ...PLUGIN_TYPES].includes(resource.type));
  /** Puts the program of a fixture folder in the stack's project folder, as a user edits index.ts. */
  const useProgram = (fixture: "dynamic" | "plugin", edit: (text: string) => string = (text) => text): void => {
    for (const file of fs.readdirSync(path.join(__dirname, "migration", fixture))) {
      // The packages are installed as the steps say (npm install), not by copying a manifest.
      if (file === "package.json") continue;
      const text = fs.readFileSync(path.join(__dirname, "migration", fixture, file), "utf8");
      fs.writeFileSync(path.join(projectDir, file), file === "index.ts" ? edit(text) : text);
    }
  };

  beforeAll(async () => {
    // Each built once per change of its sources (the scripts keep a hash of them).
    execFileSync("bash", [path.join(repoRoot, "scripts", "build-plugin.sh")], { stdio: ["ignore", "ignore", "inherit"] });
    execFileSync("bash", [path.join(repoRoot, "scripts", "build-sdks.sh")], { stdio: ["ignore", "ignore", "inherit"] });
    emulator = await startEmulator({ port: 0 });
    account = await seedAccount(emulator);
    // A copy of the dynamic program's folder as a user installs it (pulumi-vobiz from the package tarball), of
    // the stack's own, since the move edits its program and installs the SDK into it.
    const installed = await installedProject(path.join(__dirname, "migration", "dynamic"));
    projectDir = fs.mkdtempSync(path.join(os.tmpdir(), "vobiz-migration-"));
    fs.cpSync(installed, projectDir, { recursive: true, verbatimSymlinks: true });
    const env = { PULUMI_HOME: path.join(projectDir, ".pulumi-home") };
    execFileSync("pulumi", ["plugin", "install", "resource", "vobiz", version, "--file", tarball], { env: pulumiEnv(env), stdio: "pipe" });
    stack = await ProjectStack.init({ dir: projectDir, name: "migration", env });
    await configureAccount(stack, emulator, account, { salesNumber: EXACT_NUMBER, salesSubAccountId: account.subAccountId });
  }, 600_000);

  afterAll(async () => {
    await stack?.dispose();
    await emulator?.close();
    if (projectDir) fs.rmSync(projectDir, { recursive: true, force: true });
  });

  it("starts from the dynamic program: one number by criteria, one exact, handed to a sub-account", async () => {
    const up = record(await stack.up());
    expect(up.stdout).toMatch(/\+ 4 created/);
    supportNumber = String((await stack.outputs())["supportNumber"]);
    expect(await ledgerRows("purchase")).toEqual([EXACT_NUMBER, supportNumber].sort());
    expect(await emulator.control.getNumber(EXACT_NUMBER)).toMatchObject({ owner: account.subAccountId });
    const resources = await vobizResources();
    expect(resources.map((r) => r.type).sort()).toEqual([DYNAMIC_TYPES[0], DYNAMIC_TYPES[0], DYNAMIC_TYPES[1]]);
    for (const resource of resources) expect(resource.outputs).toHaveProperty("__provider");
  });

  it("installs the plugin's Node.js SDK into the project folder, which changes nothing in the stack", async () => {
    record(await stack.script(`npm install --prefer-offline --no-audit --no-fund ${JSON.stringify(sdkTarball)}`));
    expect(JSON.parse(fs.readFileSync(path.join(projectDir, "package.json"), "utf8"))).toMatchObject({ dependencies: { "@vobiz/pulumi": expect.any(String) } });
    record(await stack.preview(["--expect-no-changes"]));
  });

  it("without aliases, the plugin program would create new resources and delete the recorded ones", async () => {
    useProgram("plugin", (text) => text.replace(/aliases: \[[^\]]*\]/g, "aliases: []"));
    const preview = record(await stack.preview());
    expect(preview.stdout).toMatch(/\+ 3 to create/);
    expect(preview.stdout).toMatch(/- 3 to delete/);
  });

  it("with aliases, previews one update per resource, a change of provider, and no create, delete or replacement", async () => {
    useProgram("plugin");
    const preview = record(await stack.preview());
    expect(preview.stdout).toMatch(/~ 3 to update/);
    expect(preview.stdout).not.toMatch(/to (create|delete|replace)|create-replacement|delete-replaced/);
    // The display hides keys that start with `__`: what shows is the move from the dynamic provider to the plugin.
    for (const name of ["support-line", "sales-line", "sales-team"]) {
      expect(preview.stdout).toMatch(new RegExp(`~ +vobiz:index:\\w+ ${name} update \\[diff: ~provider\\]`));
    }
  });

  it("buys, releases and moves nothing in the up, and leaves the plugin's types in state without __provider", async () => {
    const purchasesBefore = await ledgerRows("purchase");
    record(await stack.pulumi(["stack", "export", "--file", backupFile()]));
    await emulator.control.resetRequests();
    const up = record(await stack.up());
    expect(up.stdout).toMatch(/~ 3 updated/);
    const requests = (await emulator.control.requests()).requests.filter((request) => request.api === "public");
    expect(requests.filter((request) => MONEY_AND_MOVES.includes(request.route))).toEqual([]);
    expect(await ledgerRows("purchase")).toEqual(purchasesBefore);

    const resources = await vobizResources();
    expect(resources.map((r) => [r.type, r.id]).sort()).toEqual(
      [
        [PLUGIN_TYPES[0], EXACT_NUMBER],
        [PLUGIN_TYPES[0], supportNumber],
        [PLUGIN_TYPES[1], EXACT_NUMBER],
      ].sort(),
    );
    expect(stack.stateText()).not.toContain("__provider");
    expect(stack.stateText()).not.toContain("pulumi-nodejs");
    expect(await stack.outputs()).toEqual({ supportNumber, salesNumber: EXACT_NUMBER, salesHeldBy: account.subAccountId });
    expect(await emulator.control.getNumber(EXACT_NUMBER)).toMatchObject({ owner: account.subAccountId, application_id: "20577609616603585" });
  });

  it("then refreshes and previews clean", async () => {
    record(await stack.refresh(["--preview-only", "--expect-no-changes"]));
    const preview = record(await stack.preview(["--expect-no-changes"]));
    expect(preview.stdout).toMatch(/4 unchanged/);
  });

  it("then moves to an explicit vobiz provider with the stack's credentials, replacing nothing and buying, releasing and moving nothing", async () => {
    const explicitProvider = [
      'const vobizConfig = new pulumi.Config("vobiz");',
      'const account = new vobiz.Provider("account", {',
      '  authId: vobizConfig.require("authId"),',
      '  authToken: vobizConfig.requireSecret("authToken"),',
      '  baseUrl: vobizConfig.require("baseUrl"),',
      "});",
      "",
    ].join("\n");
    useProgram("plugin", (text) => text.replace("const support =", `${explicitProvider}\nconst support =`).replaceAll("{ aliases:", "{ provider: account, aliases:"));
    const preview = record(await stack.preview());
    expect(preview.stdout).toMatch(/\+ 1 to create/);
    expect(preview.stdout).toMatch(/\+ +pulumi:providers:vobiz account create/);
    expect(preview.stdout).toMatch(/4 unchanged/);
    expect(preview.stdout).not.toMatch(/to (delete|replace)|create-replacement|delete-replaced/);

    await emulator.control.resetRequests();
    const up = record(await stack.up());
    expect(up.stdout).toMatch(/\+ 1 created/);
    expect((await emulator.control.requests()).requests.filter((request) => MONEY_AND_MOVES.includes(request.route))).toEqual([]);
    const byAccount = JSON.parse(stack.stateText()) as { checkpoint: { latest: { resources: { type: string; id?: string; provider?: string }[] } } };
    const served = byAccount.checkpoint.latest.resources.filter((r) => PLUGIN_TYPES.includes(r.type));
    expect(served).toHaveLength(3);
    for (const resource of served) expect(resource.provider).toMatch(/::pulumi:providers:vobiz::account::/);
    expect(await ledgerRows("purchase")).toEqual([EXACT_NUMBER, supportNumber].sort());
    expect(await emulator.control.getNumber(EXACT_NUMBER)).toMatchObject({ owner: account.subAccountId });

    record(await stack.refresh(["--preview-only", "--expect-no-changes"]));
    record(await stack.preview(["--expect-no-changes"]));
  });

  it("rolls back with the dynamic program and the state exported before the move, with nothing to change", async () => {
    useProgram("dynamic");
    record(await stack.pulumi(["stack", "import", "--file", backupFile()]));
    expect((await vobizResources()).map((r) => r.type).sort()).toEqual([DYNAMIC_TYPES[0], DYNAMIC_TYPES[0], DYNAMIC_TYPES[1]]);
    record(await stack.refresh(["--preview-only", "--expect-no-changes"]));
    record(await stack.preview(["--expect-no-changes"]));
  });

  it("moves again after the rollback, still buying, releasing and moving nothing", async () => {
    useProgram("plugin");
    await emulator.control.resetRequests();
    expect(record(await stack.up()).stdout).toMatch(/~ 3 updated/);
    expect((await emulator.control.requests()).requests.filter((request) => MONEY_AND_MOVES.includes(request.route))).toEqual([]);
    expect(stack.stateText()).not.toContain("__provider");
  });

  it("releases each number once on destroy, after giving the assigned one back", async () => {
    await emulator.control.resetRequests();
    const destroyed = record(await stack.destroy());
    expect(destroyed.stdout).toMatch(/- 4 deleted/);
    const released = (await emulator.control.requests()).requests.filter((request) => request.route === "releaseNumber" && request.status === 200);
    for (const e164 of [EXACT_NUMBER, supportNumber]) {
      expect(released.filter((request) => decodeURIComponent(request.path).includes(e164))).toHaveLength(1);
      expect(await emulator.control.getNumber(e164)).toMatchObject({ owner: account.authId, status: "pending_release" });
    }
    expect(released).toHaveLength(2);
    expect(await ledgerRows("purchase")).toEqual([EXACT_NUMBER, supportNumber].sort());
    expect(await vobizResources()).toEqual([]);
  });

  it("never writes the token into the state or the CLI's output", () => {
    expect(runs.length).toBeGreaterThan(5);
    for (const text of [stack.stateText(), ...runs.map((run) => run.stdout + run.stderr), stack.allOutput()]) expect(text).not.toContain(account.authToken);
  });
});
