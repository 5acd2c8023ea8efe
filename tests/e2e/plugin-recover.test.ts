import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { packedTarball } from "../../scripts/installed-project";
import { ensurePulumiCli, node22BinDir } from "../../scripts/pulumi-toolchain";
import { pluginProject, type PluginProject } from "../helpers/plugin-project";
import { configureAccount, killEach, purchasesOf, seedAccount, type SeededAccount, sessionProcesses, startDetached, waitFor } from "./reliability/reliability-fixture";

const HELD_MS = 10_000;

interface Checkpoint {
  resources: { urn: string; type: string; id?: string; provider?: string }[];
  pending_operations?: { type: string; resource: { urn: string } }[];
}

// `kill -9` of the whole `pulumi up` process group while the vobiz plugin buys a number by criteria (the
// emulator holds the purchase, then performs it), then the README's recovery: end the plugin process,
// `pulumi cancel`, `vobiz-recover` from the npm package, which finds the number the account bought and no
// resource holds, and `vobiz-recover --apply`.
describe("pulumi up of a plugin PhoneNumber by criteria killed during its purchase, then recovered with vobiz-recover", () => {
  let emulator: RunningEmulator;
  let account: SeededAccount;
  let project: PluginProject;
  let recover: string;
  let urn: string;

  const checkpoint = (): Checkpoint => (JSON.parse(project.stack.stateText()) as { checkpoint: { latest: Checkpoint } }).checkpoint.latest;
  const ledgerOf = async (e164: string): Promise<string[]> =>
    (await emulator.control.ledger()).filter((row) => row.e164 === e164 && row.account_id === account.authId).map((row) => row.kind);

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    account = await seedAccount(emulator);
    // bash, setsid and ps run the detached `pulumi up` and the checks; Node.js runs vobiz-recover, as npx does for a user.
    const PATH = [ensurePulumiCli(), node22BinDir, process.env["PATH"] ?? ""].join(path.delimiter);
    project = await pluginProject(path.join(__dirname, "plugin-import"), "plugin-recover", { PATH });
    fs.appendFileSync(path.join(project.dir, "Pulumi.yaml"), `\nresources:\n  line:\n    type: vobiz:index:PhoneNumber\n    properties:\n      country: US\n`);
    await configureAccount(project.stack, emulator, account);
    urn = `urn:pulumi:${project.stack.stackName}::${project.stack.projectName}::vobiz:index:PhoneNumber::line`;
    recover = `npx --yes --prefer-offline --package ${JSON.stringify(await packedTarball())} vobiz-recover`;
  }, 300_000);

  afterAll(async () => {
    await project?.dispose();
    await emulator?.close();
  });

  it("records the number the killed purchase bought under the pending create, and the stack then owns it, bought and released once", async () => {
    await emulator.control.injectFault({ kind: "latency", latency_ms: HELD_MS, times: 1, match: { method: "POST", path_contains: "purchase-from-inventory" } });
    const run = await startDetached(project.stack, ["up", "--yes", "--skip-preview"]);
    await waitFor("the purchase is held", async () => (await emulator.control.faults()).length === 0);
    process.kill(-run.pid, "SIGKILL");
    expect((await run.finished).code).not.toBe(0);
    await waitFor("the held purchase is performed", async () => (await purchasesOf(emulator, account.authId)).size === 1);
    const [e164] = [...(await purchasesOf(emulator, account.authId)).keys()];
    expect(e164).toMatch(/^\+1\d{10}$/);

    const plugins = sessionProcesses(run.pid).filter((p) => p.command.includes("pulumi-resource-vobiz"));
    expect(plugins.length).toBeGreaterThan(0);
    const refused = await project.stack.script(`${recover} --apply`, { expect: "failure" });
    expect(refused.stderr).toContain(`a provider process of this stack is still running (pid ${plugins.map((p) => `${p.pid}: the vobiz plugin`).join("; ")})`);
    killEach(sessionProcesses(run.pid).map((p) => p.pid));
    await waitFor("the run's processes are gone", () => sessionProcesses(run.pid).length === 0);
    expect(checkpoint().pending_operations).toEqual([expect.objectContaining({ type: "creating", resource: expect.objectContaining({ urn }) })]);

    await project.stack.script("pulumi cancel --yes");
    const plan = (await project.stack.script(recover)).stdout;
    expect(plan).toMatch(new RegExp(`^record line as \\${e164}: bought .*, meets its criteria \\(country US\\), held by no resource$`, "m"));
    expect(checkpoint().pending_operations).toHaveLength(1);
    await project.stack.script(`${recover} --apply`);

    expect(checkpoint().pending_operations ?? []).toEqual([]);
    const [line] = project.stack.resourcesOfType("PhoneNumber");
    expect(line).toMatchObject({ urn, id: e164, outputs: { e164, accountId: account.authId, selection: { country: "US" } } });
    expect(line?.outputs).not.toHaveProperty("__provider");
    expect(checkpoint().resources.find((r) => r.urn === urn)?.provider).toMatch(/::pulumi:providers:vobiz::default/);

    await project.stack.preview(["--expect-no-changes"]);
    const up = await project.stack.up(["--refresh"]);
    expect(up.stdout).not.toMatch(/created/);
    expect([...(await purchasesOf(emulator, account.authId))]).toEqual([[e164, 1]]);

    await project.stack.destroy();
    expect(project.stack.resourcesOfType("PhoneNumber")).toEqual([]);
    expect((await ledgerOf(e164 ?? "")).filter((kind) => kind === "release_fee")).toHaveLength(1);
    expect([...(await purchasesOf(emulator, account.authId))]).toEqual([[e164, 1]]);
    expect(project.stack.allOutput()).not.toContain(account.authToken);
  }, 300_000);
});
