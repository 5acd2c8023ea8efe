import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { installedProject } from "../../scripts/installed-project";
import { ProjectStack } from "../../scripts/project-stack";
import { node22BinDir, repoRoot } from "../../scripts/pulumi-toolchain";
import { readmeCommands } from "../helpers/readme-commands";

// Each example is a folder a user copies. Here each one is installed from the package's npm pack tarball
// outside the repository, its README's commands for the local emulator run as written, and the stack then
// goes through the checks a pipeline makes and is destroyed and removed, all through the `pulumi` command.
describe("the examples, as project folders through the pulumi command", () => {
  let emulator: RunningEmulator;
  let stack: ProjectStack | undefined;

  beforeEach(async () => {
    emulator = await startEmulator({ port: 0 });
  });
  afterEach(async () => {
    await stack?.dispose();
    stack = undefined;
    await emulator.close();
  });

  /** Installs the example and runs its README's emulator commands on a stack named as the README names it. */
  async function runReadme(example: string): Promise<ProjectStack> {
    const source = path.join(repoRoot, "examples", example);
    const dir = await installedProject(source);
    stack = ProjectStack.create({ dir, name: example, stackName: "dev", ownHome: true });
    // Where a person answers `pulumi up`'s confirmation prompt, the script says yes the documented way.
    const commands = readmeCommands(path.join(source, "README.md"), "vobiz:baseUrl", emulator.origin);
    await stack.script(commands, { env: { PULUMI_SKIP_CONFIRMATIONS: "true" } });
    return stack;
  }

  async function purchases(): Promise<string[]> {
    return (await emulator.control.ledger()).filter((row) => row.kind === "purchase").map((row) => row.e164);
  }

  /** The checks every example must pass once up: nothing to change, no drift; then destroy and stack rm. */
  async function cleanCycleThenRemove(s: ProjectStack): Promise<void> {
    const preview = await s.preview(["--expect-no-changes"]);
    expect(preview.stdout).not.toMatch(/to (create|update|delete|replace)/);
    await s.refresh(["--preview-only", "--expect-no-changes"]);
    const destroyed = await s.destroy();
    expect(destroyed.stdout).toMatch(/Resources:\s+- \d+ deleted/);
    await s.pulumi(["stack", "rm", "--yes"]);
    expect(fs.existsSync(path.join(s.dir, "Pulumi.dev.yaml"))).toBe(false);
    const stacks = await s.pulumi(["stack", "ls", "--json"], { expect: "any" });
    expect(stacks.stdout).not.toContain('"dev"');
    stack = undefined;
  }

  it.each(["quickstart", "regional-pool", "sub-account-handoff", "adopt-existing", "fleet"])("%s type-checks with its own tsconfig, as `npx tsc` does in a copy", async (example) => {
    const dir = await installedProject(path.join(repoRoot, "examples", example));
    const env = { ...process.env, PATH: [node22BinDir, process.env["PATH"] ?? ""].join(path.delimiter) };
    // tsc prints nothing when the program and every type it reaches check; a failure rejects with its errors.
    const { stdout } = await promisify(execFile)("npx", ["tsc", "--noEmit", "-p", "."], { cwd: dir, env });
    expect(stdout).toBe("");
  });

  it("quickstart buys a routed support line and an assigned sales line, then releases both", async () => {
    const s = await runReadme("quickstart");
    const outputs = await s.outputs();
    expect(outputs).toEqual({
      supportNumber: expect.stringMatching(/^\+\d*9180\d*$/),
      supportMonthlyFee: expect.stringMatching(/^\d+(\.\d+)? INR$/),
      salesNumber: expect.stringMatching(/^\+1(?!212)\d{10}$/),
      salesHeldBy: "SA_DEMO0001",
    });
    const support = String(outputs["supportNumber"]);
    const sales = String(outputs["salesNumber"]);
    expect((await purchases()).sort()).toEqual([sales, support].sort());
    expect(await emulator.control.getNumber(support)).toMatchObject({ owner: "MA_DEMO0001", trunk_group_id: "2f6b1c3e-4d5a-4b7c-9e8f-0a1b2c3d4e5f" });
    expect(await emulator.control.getNumber(sales)).toMatchObject({ owner: "SA_DEMO0001", application_id: "20577609616603585" });

    await cleanCycleThenRemove(s);
    expect(await emulator.control.getNumber(support)).toMatchObject({ owner: "MA_DEMO0001", status: "pending_release" });
    expect(await emulator.control.getNumber(sales)).toMatchObject({ owner: "MA_DEMO0001", status: "pending_release" });
    expect((await emulator.control.ledger()).filter((row) => row.kind === "release_fee").map((row) => row.e164).sort()).toEqual([sales, support].sort());
  });

  it("regional-pool buys two numbers per city, grows by buying only the new ones, and releases them all", async () => {
    const s = await runReadme("regional-pool");
    const pools = (await s.outputs())["pools"] as Record<string, string[]>;
    expect(pools["bengaluru"]).toHaveLength(3);
    expect(pools["mumbai"]).toHaveLength(3);
    expect(pools["bengaluru"]?.every((e164) => e164.includes("9180"))).toBe(true);
    expect(pools["mumbai"]?.every((e164) => e164.includes("9122"))).toBe(true);
    const bought = await purchases();
    expect(bought.sort()).toEqual([...(pools["bengaluru"] ?? []), ...(pools["mumbai"] ?? [])].sort());
    expect(await emulator.control.getNumber(pools["mumbai"]?.[2] ?? "")).toMatchObject({ trunk_group_id: "6f1d2c3b-0000-4000-8000-000000000022" });

    await cleanCycleThenRemove(s);
    for (const e164 of bought) expect((await emulator.control.getNumber(e164))?.status).toBe("pending_release");
  });

  it("sub-account-handoff gives each team a number and moves one to the other team in place", async () => {
    const s = await runReadme("sub-account-handoff");
    const handoffs = (await s.outputs())["handoffs"] as Record<string, string>;
    expect(handoffs).toEqual({ support: expect.stringMatching(/^\+1\d{10} -> SA_DEMO0002$/), sales: expect.stringMatching(/^\+1\d{10} -> SA_DEMO0002$/) });
    const supportNumber = handoffs["support"]?.split(" -> ")[0] ?? "";
    expect(await emulator.control.getNumber(supportNumber)).toMatchObject({ owner: "SA_DEMO0002" });
    expect(await purchases()).toHaveLength(2);
    expect(s.allOutput()).toMatch(/~ 1 updated/);

    await cleanCycleThenRemove(s);
    expect(await emulator.control.getNumber(supportNumber)).toMatchObject({ owner: "MA_DEMO0001", status: "pending_release" });
  });

  it("adopt-existing manages an owned number without buying it and leaves it with the account on destroy", async () => {
    const s = await runReadme("adopt-existing");
    expect(await s.outputs()).toEqual({ hotlineNumber: "+14155464400", hotlineRegion: "CA", hotlineMonthlyFee: expect.any(Number) });
    // The one purchase is the README's own, made outside Pulumi to give the account a number.
    expect(await purchases()).toEqual(["+14155464400"]);
    expect(await emulator.control.getNumber("+14155464400")).toMatchObject({ owner: "MA_DEMO0001", application_id: "20577609616603585" });

    await cleanCycleThenRemove(s);
    expect(await emulator.control.getNumber("+14155464400")).toMatchObject({ owner: "MA_DEMO0001", status: "active" });
    expect((await emulator.control.ledger()).map((row) => row.kind)).toEqual(["purchase"]);
  });
});
