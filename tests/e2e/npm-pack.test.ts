import { execFile, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { startEmulator, type ControlNumber, type RunningEmulator } from "../../emulator";
import { ensurePulumiCli, repoRoot, type StateResource } from "../helpers/pulumi-stack";

const run = promisify(execFile);
const node = path.join(repoRoot, "node_modules", ".bin", "node");
const repoBin = path.join(repoRoot, "node_modules", ".bin");
// npm runs under the repository's Node, whatever Node started jest.
const npmEnv = { ...process.env, PATH: [repoBin, process.env["PATH"] ?? ""].join(path.delimiter) };

/** What driver.js printed and how it ended. */
interface DriverRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The first JSON line of driver.js: the stack outputs after `up`, and the exported checkpoint's resources. */
interface UpReport {
  step: "up";
  outputs: Record<string, unknown>;
  resources: StateResource[];
}

/** The second JSON line: what `destroy` did and what is left in the checkpoint. */
interface DestroyReport {
  step: "destroy";
  changes: Record<string, number>;
  remaining: StateResource[];
}

/** The JSON lines driver.js printed so far (a line still being written is not one yet). */
function reports(stdout: string): { up: UpReport | undefined; destroy: DestroyReport | undefined } {
  const lines = stdout.split("\n").slice(0, -1).filter((line) => line.startsWith("{"));
  const parsed = lines.map((line) => JSON.parse(line) as UpReport | DestroyReport);
  return { up: parsed.find((r): r is UpReport => r.step === "up"), destroy: parsed.find((r): r is DestroyReport => r.step === "destroy") };
}

/** The files under `dir` whose text contains `needle`. */
function filesContaining(dir: string, needle: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((entry) => path.join(dir, entry))
    .filter((file) => fs.statSync(file).isFile() && fs.readFileSync(file, "utf8").includes(needle));
}

/** Runs assertions about a driver run; a failure carries what the driver and the CLI printed. */
function withTranscript(driver: DriverRun, assertions: () => void): void {
  try {
    assertions();
  } catch (error) {
    const original = error instanceof Error ? error : new Error(String(error));
    const wrapped = new Error(
      `${original.message}\n\n--- driver.js exit code ${driver.code}; stdout ---\n${driver.stdout}\n--- stderr (tail) ---\n${driver.stderr.slice(-12000)}`,
    );
    wrapped.stack = `${wrapped.message}\n${(original.stack ?? "").split("\n").filter((line) => line.trimStart().startsWith("at ")).join("\n")}`;
    throw wrapped;
  }
}

// What a user does: `npm pack`, install the tarball into a fresh program outside this repository, and run
// that program through the real Pulumi CLI. Nothing here resolves to the repository's own sources.
describe("the package installed from its npm pack tarball", () => {
  let scratch: string;
  let tarballEntries: string[];
  let programDir: string;
  let emulator: RunningEmulator;
  let driverProcess: ChildProcess | undefined;

  beforeAll(async () => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "vobiz-pack-"));
    // dist/ is built by scripts/test.sh before jest runs; packing must not rebuild it.
    const packed = await run("npm", ["pack", "--json", "--pack-destination", scratch], { cwd: repoRoot, env: npmEnv });
    const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
    const tarball = path.join(scratch, filename);
    tarballEntries = (await run("tar", ["-tzf", tarball])).stdout.split("\n").filter(Boolean);

    // Outside the repository, so Node cannot walk up to the repository's node_modules and its self-link.
    programDir = path.join(scratch, "program");
    fs.mkdirSync(programDir);
    const pulumiVersion = (JSON.parse(fs.readFileSync(path.join(repoRoot, "node_modules/@pulumi/pulumi/package.json"), "utf8")) as { version: string }).version;
    fs.writeFileSync(
      path.join(programDir, "package.json"),
      JSON.stringify({ name: "vobiz-pack-program", private: true, dependencies: { "pulumi-vobiz": `file:${tarball}`, "@pulumi/pulumi": pulumiVersion } }, null, 2),
    );
    fs.copyFileSync(path.join(__dirname, "npm-pack", "driver.js"), path.join(programDir, "driver.js"));
    await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"], { cwd: programDir, env: npmEnv, maxBuffer: 16 * 1024 * 1024 });

    emulator = await startEmulator({ port: 0 });
  }, 600_000);

  afterAll(async () => {
    driverProcess?.kill();
    await emulator?.close();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  it("ships the compiled entry points and none of the repository's tests, scratch or scripts", () => {
    expect(tarballEntries).toEqual(
      expect.arrayContaining([
        "package/package.json",
        "package/dist/index.js",
        "package/dist/provider/runtime.js",
        "package/dist/sdk/index.js",
        "package/dist/emulator/cli.js",
      ]),
    );
    expect(tarballEntries.filter((entry) => /(^|\/)tests?\/|\.test\.|\.cache|dist\/scripts|quickstart/.test(entry))).toEqual([]);
  });

  it("installs as pulumi-vobiz at the packed version, not as a link to the repository", async () => {
    const installed = path.join(programDir, "node_modules", "pulumi-vobiz");
    const repoPackage = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string };
    expect(JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8"))).toMatchObject({ name: "pulumi-vobiz", version: repoPackage.version });
    expect(fs.lstatSync(installed).isSymbolicLink()).toBe(false);
    // Resolved by a plain Node in the program directory, as the provider plugin resolves it (jest would map it to the sources).
    const resolved = await run(node, ["-p", 'require.resolve("pulumi-vobiz/provider/runtime")'], { cwd: programDir });
    expect(resolved.stdout.trim()).toBe(path.join(installed, "dist", "provider", "runtime.js"));
  });

  it("buys, routes and assigns a number, and releases it on destroy, through the real Pulumi CLI", async () => {
    const { authId, authToken } = emulator.credentials.master;
    const env = {
      ...process.env,
      PATH: [ensurePulumiCli(), repoBin, process.env["PATH"] ?? ""].join(path.delimiter),
      PULUMI_CONFIG_PASSPHRASE: `pack-${randomBytes(6).toString("hex")}`,
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_HOME: path.join(repoRoot, ".cache", "pulumi-home"),
      VOBIZ_TEST_AUTH_ID: authId,
      VOBIZ_TEST_AUTH_TOKEN: authToken,
      VOBIZ_TEST_BASE_URL: emulator.baseUrl,
    };

    // While the stack is up (the driver waits on stdin), read the number as the emulator holds it.
    let numberWhileUp: ControlNumber | null | undefined;
    let lookupError: unknown;
    const driver = await new Promise<DriverRun>((resolve, reject) => {
      const child = spawn(node, ["driver.js"], { cwd: programDir, env, stdio: ["pipe", "pipe", "pipe"] });
      driverProcess = child;
      const result: DriverRun = { code: null, stdout: "", stderr: "" };
      let sawUp = false;
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
        result.stdout += chunk;
        const up = reports(result.stdout).up;
        if (sawUp || up === undefined) return;
        sawUp = true;
        emulator.control
          .getNumber(String(up.outputs["e164"]))
          .then((number) => (numberWhileUp = number), (error: unknown) => (lookupError = error))
          .finally(() => child.stdin.end("destroy\n"));
      });
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => (result.stderr += chunk));
      child.on("error", reject);
      child.on("close", (code) => resolve({ ...result, code }));
    });
    driverProcess = undefined;
    const { up, destroy } = reports(driver.stdout);
    const ledger = await emulator.control.ledger();
    const e164 = String(up?.outputs["e164"]);
    const numberAfterDestroy = up ? await emulator.control.getNumber(e164) : null;

    withTranscript(driver, () => {
      expect(driver.code).toBe(0);
      expect(lookupError).toBeUndefined();
      // An Indian number containing "80" (the "91" of the country code cannot form part of it).
      expect(up?.outputs).toEqual({ e164: expect.stringMatching(/^\+91\d*80\d*$/), trunkGroupId: "trunk-pack", subAccountId: "SA_DEMO0001" });

      const resources = up?.resources ?? [];
      expect(resources.map((r) => r.type).sort()).toEqual(["pulumi-nodejs:dynamic/vobiz:PhoneNumber", "pulumi-nodejs:dynamic/vobiz:SubAccountAssignment"]);
      expect(resources.find((r) => r.type.endsWith(":PhoneNumber"))?.id).toBe(e164);
      for (const resource of resources) {
        const provider = resource.outputs?.["__provider"];
        expect(typeof provider).toBe("string");
        expect(provider).toContain('require("pulumi-vobiz/provider/runtime")');
        expect(Buffer.byteLength(String(provider))).toBeLessThan(4096);
      }

      expect(numberWhileUp).toMatchObject({ owner: "SA_DEMO0001", trunk_group_id: "trunk-pack", status: "active" });
      expect(destroy?.changes).toEqual({ delete: 3 });
      expect(destroy?.remaining).toEqual([]);
      expect(numberAfterDestroy?.status).toBe("pending_release");
      expect(ledger.filter((row) => row.kind === "purchase").map((row) => row.e164)).toEqual([e164]);

      expect(driver.stdout).not.toContain(authToken);
      expect(driver.stderr).not.toContain(authToken);
      expect(filesContaining(path.join(programDir, "state"), authToken)).toEqual([]);
      expect(fs.readFileSync(path.join(programDir, "Pulumi.pack.yaml"), "utf8")).not.toContain(authToken);
    });
  }, 600_000);
});
