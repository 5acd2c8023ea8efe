import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { ProjectStack } from "../../scripts/project-stack";
import { ensurePulumiCli, pulumiEnv, repoRoot } from "../../scripts/pulumi-toolchain";
import { configureAccount, seedAccount, type SeededAccount } from "./reliability/reliability-fixture";

// A replacement buys the new number before it releases the old one, unless it deletes first; for a number with
// deletionProtection that release is refused, which would leave two numbers paid for. Through the plugin, from
// a Pulumi YAML program (plugin-protected-replacement/), both ways to a replacement must be refused with
// nothing bought: a change of criteria the number no longer meets (refused by the plugin's diff), and
// `pulumi up --replace`. The engine decides the latter without the plugin's diff and checks the inputs without
// the recorded ones, so the plugin cannot see the protection before it is asked to buy: the program's
// `deleteBeforeReplace` option is what puts the refused release first (the dynamic PhoneNumber sets it itself).

const version = (JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string }).version;
const tarball = path.join(repoRoot, "dist", "plugin", `pulumi-resource-vobiz-v${version}-linux-amd64.tar.gz`);
const MONEY = ["purchaseNumber", "releaseNumber"];

describe("a protected number facing a replacement through the vobiz plugin", () => {
  let emulator: RunningEmulator;
  let account: SeededAccount;
  let stack: ProjectStack;
  let projectDir: string;
  let kept: string;

  const program = (): string => path.join(projectDir, "Pulumi.yaml");
  const editProgram = (from: string, to: string): void => fs.writeFileSync(program(), fs.readFileSync(program(), "utf8").replace(from, to));
  const purchases = async (): Promise<string[]> =>
    (await emulator.control.ledger()).filter((row) => row.kind === "purchase" && row.account_id === account.authId).map((row) => row.e164);
  const moneyCalls = async (): Promise<string[]> =>
    (await emulator.control.requests()).requests.filter((request) => MONEY.includes(request.route)).map((request) => `${request.method} ${request.path}`);
  const recordedNumbers = (): { id: string | undefined; delete: boolean }[] =>
    stack.resourcesOfType("PhoneNumber").map((resource) => ({ id: resource.id, delete: (resource as { delete?: boolean }).delete ?? false }));

  beforeAll(async () => {
    // Built once per change of its sources (scripts/build-plugin.sh keeps a hash of them).
    execFileSync("bash", [path.join(repoRoot, "scripts", "build-plugin.sh")], { stdio: ["ignore", "ignore", "inherit"] });
    emulator = await startEmulator({ port: 0 });
    account = await seedAccount(emulator);
    projectDir = fs.mkdtempSync(path.join(os.tmpdir(), "vobiz-protected-"));
    fs.cpSync(path.join(__dirname, "plugin-protected-replacement"), projectDir, { recursive: true });
    const env = { PULUMI_HOME: path.join(projectDir, ".pulumi-home"), PATH: ensurePulumiCli() };
    execFileSync("pulumi", ["plugin", "install", "resource", "vobiz", version, "--file", tarball], { env: pulumiEnv(env), stdio: "pipe" });
    stack = await ProjectStack.init({ dir: projectDir, name: "plugin-protected", env });
    await configureAccount(stack, emulator, account);
  });

  afterAll(async () => {
    await stack?.dispose();
    await emulator?.close();
    if (projectDir) fs.rmSync(projectDir, { recursive: true, force: true });
  });

  it("buys the protected number", async () => {
    await stack.up();
    kept = String((await stack.outputs())["supportNumber"]);
    expect(await purchases()).toEqual([kept]);
  });

  it("refuses criteria the number no longer meets at preview and at up, naming the protection, with nothing bought", async () => {
    editProgram('contains: "9180"', 'contains: "9144"');
    try {
      await emulator.control.resetRequests();
      const preview = await stack.preview([], { expect: "failure" });
      expect(preview.stdout + preview.stderr).toMatch(new RegExp(`Cannot replace \\${kept} with another number: deletionProtection is true`));
      const up = await stack.up([], { expect: "failure" });
      expect(up.stdout + up.stderr).toMatch(/deletionProtection is true/);
      expect(await moneyCalls()).toEqual([]);
    } finally {
      editProgram('contains: "9144"', 'contains: "9180"');
    }
    expect(await purchases()).toEqual([kept]);
    expect(recordedNumbers()).toEqual([{ id: kept, delete: false }]);
  });

  it("refuses `pulumi up --replace` of a number with deleteBeforeReplace before anything is bought, and stays as it was", async () => {
    const [recorded] = stack.resourcesOfType("PhoneNumber");
    await emulator.control.resetRequests();
    const up = await stack.up(["--replace", recorded?.urn ?? ""], { expect: "failure" });
    expect(up.stdout).toMatch(/-- +vobiz:index:PhoneNumber support-line delete original/);
    expect(up.stdout + up.stderr).toMatch(new RegExp(`\\${kept} was not released: deletionProtection is true`));
    expect(await moneyCalls()).toEqual([]);
    expect(await purchases()).toEqual([kept]);
    expect(recordedNumbers()).toEqual([{ id: kept, delete: false }]);
    expect(await emulator.control.getNumber(kept)).toMatchObject({ owner: account.authId, status: "active" });
    await stack.preview(["--expect-no-changes"]);
  });

  it("is released once by destroy after protection is lifted", async () => {
    editProgram("deletionProtection: true", "deletionProtection: false");
    expect((await stack.up()).stdout).toMatch(/~ 1 updated/);
    await emulator.control.resetRequests();
    expect((await stack.destroy()).stdout).toMatch(/- 2 deleted/);
    expect(await moneyCalls()).toHaveLength(1);
    expect(await emulator.control.getNumber(kept)).toMatchObject({ owner: account.authId, status: "pending_release" });
  });
});
