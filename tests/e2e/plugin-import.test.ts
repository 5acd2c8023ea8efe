import { execFile } from "node:child_process";
import { promisify } from "node:util";
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import type { CliRun } from "../../scripts/project-stack";
import { repoRoot } from "../../scripts/pulumi-toolchain";
import { VobizClient } from "../../sdk";
import { pluginProject, type PluginProject } from "../helpers/plugin-project";
import { configureAccount, purchasesOf, seedAccount, type SeededAccount } from "./reliability/reliability-fixture";

// `pulumi import` of numbers and assignments an account already holds, through the installed vobiz plugin, in a
// Pulumi YAML project: one by one as the CLI's message says, and in bulk from `vobiz-onboard --import-file`.
// Each imported resource's declaration, as `pulumi import` prints it, goes into the program, and the preview
// that follows must find nothing to change. Nothing is ever bought.

const SOURCE = path.join(__dirname, "plugin-import");
const TRUNK = "2f6b1c3e-4d5a-4b7c-9e8f-0a1b2c3d4e5f";
const onboardCli = path.join(repoRoot, "dist", "onboard", "cli.js");

/** The `resources:` block `pulumi import` prints for the YAML program, without its header. */
function declarationsOf(run: CliRun): string {
  const block = /^resources:\n((?: {2}.*\n?)+)/m.exec(run.stdout)?.[1];
  if (block === undefined) throw new Error(`pulumi import printed no declaration:\n${run.stdout}`);
  return block.trimEnd();
}

/** A project whose program grows by the declarations its imports print. */
class GrowingProgram {
  private readonly blocks: string[] = [];
  constructor(private readonly project: PluginProject) {}

  add(block: string): void {
    this.blocks.push(block);
    const program = fs.readFileSync(path.join(SOURCE, "Pulumi.yaml"), "utf8");
    fs.writeFileSync(path.join(this.project.dir, "Pulumi.yaml"), `${program}\nresources:\n${this.blocks.join("\n")}\n`);
  }
}

describe("pulumi import of numbers the account already holds, with the vobiz plugin", () => {
  let emulator: RunningEmulator;
  let account: SeededAccount;
  let client: VobizClient;
  let project: PluginProject;
  let program: GrowingProgram;
  let forSale: string[];
  const runs: CliRun[] = [];
  const projects: PluginProject[] = [];
  const record = (run: CliRun): CliRun => {
    runs.push(run);
    return run;
  };

  /** A new project of the folder, with its own stack, configured for `owner`. */
  async function projectFor(label: string, owner: SeededAccount): Promise<PluginProject> {
    const made = await pluginProject(SOURCE, label);
    projects.push(made);
    await configureAccount(made.stack, emulator, owner);
    return made;
  }

  /** A number bought for `owner` outside Pulumi, as someone with the account's credentials would. */
  async function boughtOutside(owner: SeededAccount): Promise<string> {
    const e164 = forSale.shift() ?? "";
    await new VobizClient({ authId: owner.authId, authToken: owner.authToken, baseUrl: `${emulator.origin}/api` }).purchaseNumber(e164);
    return e164;
  }

  const onePurchaseEach = async (owner: SeededAccount, numbers: string[]): Promise<void> => {
    const purchases = await purchasesOf(emulator, owner.authId);
    expect([...purchases.keys()].sort()).toEqual([...numbers].sort());
    for (const e164 of numbers) expect(purchases.get(e164)).toBe(1);
  };

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    account = await seedAccount(emulator);
    client = new VobizClient({ authId: account.authId, authToken: account.authToken, baseUrl: `${emulator.origin}/api` });
    forSale = (await client.listInventory({ country: "US", perPage: 20 })).items.map((n) => n.e164);
    project = await projectFor("plugin-import", account);
    program = new GrowingProgram(project);
  }, 300_000);

  afterAll(async () => {
    for (const made of projects) await made.dispose();
    await emulator?.close();
  });

  it("imports a held number with its routing, buying nothing; its declaration previews with no changes", async () => {
    const e164 = await boughtOutside(account);
    await client.assignTrunk(e164, TRUNK);
    const imported = record(await project.stack.pulumi(["import", "vobiz:index:PhoneNumber", "held-line", e164, "--yes", "--protect=false"]));
    expect(imported.stdout).toMatch(/= 1 imported/);
    const [state] = project.stack.resourcesOfType("PhoneNumber");
    expect(state).toMatchObject({ id: e164, inputs: { e164, trunkGroupId: TRUNK }, outputs: { accountId: account.authId, status: "active", trunkGroupId: TRUNK } });

    program.add(declarationsOf(imported));
    const preview = record(await project.stack.preview(["--expect-no-changes"]));
    expect(preview.stdout).toMatch(/2 unchanged/);
    await onePurchaseEach(account, [e164]);
  });

  it("imports the assignment of a number a sub-account holds, with its e164 and sub-account from Vobiz", async () => {
    const e164 = await boughtOutside(account);
    await client.assignSubAccount(e164, account.subAccountId);
    const number = record(await project.stack.pulumi(["import", "vobiz:index:PhoneNumber", "team-line", e164, "--yes", "--protect=false"]));
    const assignment = record(
      await project.stack.pulumi(["import", "vobiz:index:SubAccountAssignment", "team-line-sub-account", e164, "--yes", "--protect=false"]),
    );
    expect(assignment.stdout).toMatch(/= 1 imported/);
    expect(project.stack.resourcesOfType("SubAccountAssignment")).toEqual([
      expect.objectContaining({ id: e164, inputs: { e164, subAccountId: account.subAccountId }, outputs: expect.objectContaining({ subAccountId: account.subAccountId }) }),
    ]);

    program.add(declarationsOf(number));
    program.add(declarationsOf(assignment));
    const preview = record(await project.stack.preview(["--expect-no-changes"]));
    expect(preview.stdout).toMatch(/4 unchanged/);
    expect(await emulator.control.getNumber(e164)).toMatchObject({ owner: account.subAccountId });
  });

  it("refuses to import a number the account does not hold, or an assignment of a number no sub-account holds, recording nothing", async () => {
    const notHeld = forSale.shift() ?? "";
    const number = record(await project.stack.pulumi(["import", "vobiz:index:PhoneNumber", "not-ours", notHeld, "--yes"], { expect: "failure" }));
    expect(number.stdout + number.stderr).toContain(`Cannot import ${notHeld}: account ${account.authId} does not hold it. Nothing was recorded in the stack.`);

    const [held] = project.stack.resourcesOfType("PhoneNumber").map((r) => String(r.id));
    const assignment = record(
      await project.stack.pulumi(["import", "vobiz:index:SubAccountAssignment", "unassigned", held ?? "", "--yes"], { expect: "failure" }),
    );
    expect(assignment.stdout + assignment.stderr).toContain(
      `Cannot import the assignment of ${held}: no sub-account holds it; it is with the master account ${account.authId}.`,
    );
    expect(project.stack.resourcesOfType("PhoneNumber")).toHaveLength(2);
    expect(project.stack.resourcesOfType("SubAccountAssignment")).toHaveLength(1);
    expect([...(await purchasesOf(emulator, account.authId)).keys()]).not.toContain(notHeld);
  });

  it("refuses to buy a number bought outside Pulumi, ending with the import command that takes it over, which then works", async () => {
    const e164 = await boughtOutside(account);
    program.add(`  bought-elsewhere:\n    type: vobiz:index:PhoneNumber\n    properties:\n      e164: "${e164}"`);
    const refused = record(await project.stack.up([], { expect: "failure" }));
    const command = `pulumi import vobiz:index:PhoneNumber bought-elsewhere ${e164}`;
    expect(refused.stdout + refused.stderr).toContain(`${e164} is already owned by ${account.authId}, so it cannot be bought.`);
    expect(refused.stdout + refused.stderr).toContain(`run: ${command}\n`);
    expect(project.stack.resourcesOfType("PhoneNumber").map((r) => r.id)).not.toContain(e164);

    record(await project.stack.pulumi([...command.split(" ").slice(1), "--yes", "--protect=false"]));
    const preview = record(await project.stack.preview(["--expect-no-changes"]));
    expect(preview.stdout).toMatch(/5 unchanged/);
    await onePurchaseEach(
      account,
      project.stack.resourcesOfType("PhoneNumber").map((r) => String(r.id)),
    );
  });

  it("takes over a whole account from vobiz-onboard --import-file with pulumi import --file, buying nothing", async () => {
    const other = await seedAccount(emulator);
    const routed = await boughtOutside(other);
    const handed = await boughtOutside(other);
    const otherClient = new VobizClient({ authId: other.authId, authToken: other.authToken, baseUrl: `${emulator.origin}/api` });
    await otherClient.assignTrunk(routed, TRUNK);
    await otherClient.assignSubAccount(handed, other.subAccountId);
    const fleet = await projectFor("plugin-import-file", other);

    // Asynchronously: the emulator answering it runs in this process.
    const onboard = await promisify(execFile)(process.execPath, [onboardCli, "--import-file", "vobiz-import.json"], {
      cwd: fleet.dir,
      env: { PATH: process.env["PATH"] ?? "", VOBIZ_AUTH_ID: other.authId, VOBIZ_AUTH_TOKEN: other.authToken, VOBIZ_BASE_URL: `${emulator.origin}/api` },
    });
    expect(onboard.stderr).toContain("wrote 3 resources (2 numbers) to vobiz-import.json");

    const imported = record(await fleet.stack.pulumi(["import", "--file", "vobiz-import.json", "--yes", "--protect=false"]));
    expect(imported.stdout).toMatch(/= 3 imported/);
    new GrowingProgram(fleet).add(declarationsOf(imported));
    const preview = record(await fleet.stack.preview(["--expect-no-changes"]));
    expect(preview.stdout).toMatch(/4 unchanged/);
    record(await fleet.stack.refresh(["--preview-only", "--expect-no-changes"]));
    await onePurchaseEach(other, [routed, handed]);

    const destroyed = record(await fleet.stack.destroy());
    expect(destroyed.stdout).toMatch(/- 4 deleted/);
    for (const e164 of [routed, handed]) expect(await emulator.control.getNumber(e164)).toMatchObject({ owner: other.authId, status: "pending_release" });
  });

  it("releases each imported number once on destroy", async () => {
    const numbers = project.stack.resourcesOfType("PhoneNumber").map((r) => String(r.id));
    const destroyed = record(await project.stack.destroy());
    expect(destroyed.stdout).toMatch(/- 5 deleted/);
    const releases = (await emulator.control.ledger()).filter((row) => row.kind === "release_fee" && numbers.includes(row.e164)).map((row) => row.e164);
    expect(releases.sort()).toEqual([...numbers].sort());
    await onePurchaseEach(account, numbers);
  });

  it("keeps the auth token out of the state and the CLI's output, and the engine's own gRPC log is where it appears", async () => {
    const grpcLog = path.join(project.dir, "grpc.log");
    record(await project.stack.preview([], { env: { PULUMI_DEBUG_GRPC: grpcLog } }));
    const verbose = record(await project.stack.preview(["-v=9", "--logtostderr"]));
    expect(verbose.stderr.length).toBeGreaterThan(10_000);
    expect(fs.readFileSync(grpcLog, "utf8")).toContain(account.authToken);

    expect(runs.length).toBeGreaterThan(10);
    for (const text of [project.stack.stateText(), ...runs.map((run) => run.stdout + run.stderr), project.stack.allOutput()]) {
      expect(text).not.toContain(account.authToken);
    }
  });
});
