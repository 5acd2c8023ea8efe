import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { ensurePulumiCli } from "../../scripts/pulumi-toolchain";
import { VobizClient } from "../../sdk";
import { pluginProject, type PluginProject } from "../helpers/plugin-project";
import { configureAccount, killEach, purchasesOf, seedAccount, type SeededAccount, sessionProcesses, startDetached, waitFor } from "./reliability/reliability-fixture";

const HELD_MS = 10_000;

interface Checkpoint {
  resources: { urn: string; type: string; id?: string }[];
  pending_operations?: { type: string; resource: { urn: string } }[];
}

// `kill -9` of the whole `pulumi up` process group while the vobiz plugin's purchase of an exact number is in
// flight (the emulator holds it, then performs it). What recovers it: Pulumi's
// `refresh --import-pending-creates <urn> <e164>` drops the create and records nothing, for a plugin resource as
// for a dynamic one, so the next `up` would buy again; `pulumi cancel`, `pulumi refresh --clear-pending-creates`
// and `pulumi import` of the number under the resource's name record it, bought once.
describe("pulumi up of a plugin resource killed during its purchase, then recovered", () => {
  let emulator: RunningEmulator;
  let account: SeededAccount;
  let project: PluginProject;
  let e164: string;
  let urn: string;

  const checkpoint = (): Checkpoint => (JSON.parse(project.stack.stateText()) as { checkpoint: { latest: Checkpoint } }).checkpoint.latest;
  const checkpointPath = (): string =>
    path.join(project.stack.backendDir ?? "", ".pulumi", "stacks", project.stack.projectName, `${project.stack.stackName}.json`);

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    account = await seedAccount(emulator);
    const client = new VobizClient({ authId: account.authId, authToken: account.authToken, baseUrl: `${emulator.origin}/api` });
    e164 = (await client.listInventory({ country: "US", perPage: 1 })).items[0]?.e164 ?? "";
    // bash and setsid run the detached `pulumi up`; the plugin itself needs nothing from PATH.
    project = await pluginProject(path.join(__dirname, "plugin-import"), "plugin-interrupted", { PATH: `${ensurePulumiCli()}:${process.env["PATH"] ?? ""}` });
    fs.appendFileSync(path.join(project.dir, "Pulumi.yaml"), `\nresources:\n  line:\n    type: vobiz:index:PhoneNumber\n    properties:\n      e164: "${e164}"\n`);
    await configureAccount(project.stack, emulator, account);
    urn = `urn:pulumi:${project.stack.stackName}::${project.stack.projectName}::vobiz:index:PhoneNumber::line`;
  }, 300_000);

  afterAll(async () => {
    await project?.dispose();
    await emulator?.close();
  });

  it("leaves a pending create, and the plugin process, outside the killed group, finishes the purchase", async () => {
    await emulator.control.injectFault({ kind: "latency", latency_ms: HELD_MS, times: 1, match: { method: "POST", path_contains: "purchase-from-inventory" } });
    const run = await startDetached(project.stack, ["up", "--yes", "--skip-preview"]);
    await waitFor("the purchase is held", async () => (await emulator.control.faults()).length === 0);
    process.kill(-run.pid, "SIGKILL");
    expect((await run.finished).code).not.toBe(0);

    const plugins = sessionProcesses(run.pid).filter((p) => p.command.includes("pulumi-resource-vobiz"));
    expect(plugins.length).toBeGreaterThan(0);
    for (const plugin of plugins) expect(plugin.pgid).not.toBe(run.pid);
    await waitFor("the held purchase is performed", async () => (await purchasesOf(emulator, account.authId)).get(e164) === 1);
    killEach(sessionProcesses(run.pid).map((p) => p.pid));
    await waitFor("the run's processes are gone", () => sessionProcesses(run.pid).length === 0);

    expect(checkpoint().pending_operations).toEqual([expect.objectContaining({ type: "creating", resource: expect.objectContaining({ urn }) })]);
    expect(checkpoint().resources.map((r) => r.id)).not.toContain(e164);
  }, 120_000);

  it("is not recovered by refresh --import-pending-creates: the create is dropped, nothing is recorded, and up would buy again", async () => {
    await project.stack.pulumi(["cancel", "--yes"]);
    const saved = fs.readFileSync(checkpointPath());
    try {
      await project.stack.refresh(["--import-pending-creates", urn, "--import-pending-creates", e164]);
      expect(checkpoint().pending_operations ?? []).toEqual([]);
      expect(checkpoint().resources.map((r) => r.id)).not.toContain(e164);
      const preview = JSON.parse((await project.stack.preview(["--json"])).stdout) as { steps: { op: string; urn: string }[] };
      expect(preview.steps.filter((step) => step.op === "create").map((step) => step.urn)).toContain(urn);
    } finally {
      fs.writeFileSync(checkpointPath(), saved);
    }
    expect(checkpoint().pending_operations).toHaveLength(1);
  });

  it("is recovered by refresh --clear-pending-creates and pulumi import of the number: owned by the resource, bought once", async () => {
    await project.stack.refresh(["--clear-pending-creates"]);
    await project.stack.pulumi(["import", "vobiz:index:PhoneNumber", "line", e164, "--yes", "--protect=false"]);
    expect(checkpoint().pending_operations ?? []).toEqual([]);
    expect(project.stack.resourcesOfType("PhoneNumber")).toEqual([expect.objectContaining({ urn, id: e164, outputs: expect.objectContaining({ accountId: account.authId }) })]);

    await project.stack.preview(["--expect-no-changes"]);
    const up = await project.stack.up();
    expect(up.stdout).not.toMatch(/created/);
    expect((await purchasesOf(emulator, account.authId)).get(e164)).toBe(1);
    expect([...(await purchasesOf(emulator, account.authId)).keys()]).toEqual([e164]);
    expect(project.stack.allOutput()).not.toContain(account.authToken);
  });
});
