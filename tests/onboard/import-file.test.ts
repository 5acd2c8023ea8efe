import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { importFileFor, type ImportFile } from "../../onboard/import-file";
import { useEmulator } from "../helpers/emulator";
import { vobizClient } from "../helpers/vobiz-stack";

describe("importFileFor", () => {
  it("names a PhoneNumber per entry, and a SubAccountAssignment <entry>-sub-account per entry a sub-account holds, each by its e164", () => {
    const file = importFileFor([
      { name: "in-918065551234", e164: "+918065551234", adopt: true, trunkGroupId: "trunk-1", retainOnDelete: true },
      { name: "us-14155550123", e164: "+14155550123", adopt: true, subAccount: "SA_DEMO0001", retainOnDelete: true },
    ]);
    expect(file).toEqual({
      resources: [
        { type: "vobiz:index:PhoneNumber", name: "in-918065551234", id: "+918065551234" },
        { type: "vobiz:index:PhoneNumber", name: "us-14155550123", id: "+14155550123" },
        { type: "vobiz:index:SubAccountAssignment", name: "us-14155550123-sub-account", id: "+14155550123" },
      ],
    });
  });
});

// The built command, run as a user runs it, against an account on the emulator.
const cli = resolve(__dirname, "../../dist/onboard/cli.js");

describe("vobiz-onboard --import-file", () => {
  const emulator = useEmulator();
  const dir = mkdtempSync(join(tmpdir(), "vobiz-import-file-"));
  let held: string;
  let handed: string;
  let released: string;

  function onboard(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first (npm test does)`);
    const { authId, authToken } = emulator().credentials.master;
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: dir,
      stdio: ["ignore", "pipe", "pipe"],
      env: { PATH: process.env["PATH"] ?? "", VOBIZ_AUTH_ID: authId, VOBIZ_AUTH_TOKEN: authToken, VOBIZ_BASE_URL: emulator().baseUrl },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    return new Promise((done) => child.once("close", (code) => done({ code, stdout, stderr })));
  }

  beforeAll(async () => {
    const client = vobizClient(emulator());
    [held, handed, released] = (await client.listInventory({ country: "US", perPage: 3 })).items.map((n) => n.e164) as [string, string, string];
    for (const e164 of [held, handed, released]) await client.purchaseNumber(e164);
    await client.assignSubAccount(handed, "SA_DEMO0001");
    await client.releaseNumber(released);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes the import file of the account's active numbers and of their assignments, and no fleet file", async () => {
    const file = join(dir, "vobiz-import.json");
    const run = await onboard(["--import-file", file]);
    expect(run.code).toBe(0);
    const written = JSON.parse(readFileSync(file, "utf8")) as ImportFile;
    expect(written.resources).toEqual([
      { type: "vobiz:index:PhoneNumber", name: `us-${held.slice(1)}`, id: held },
      { type: "vobiz:index:PhoneNumber", name: `us-${handed.slice(1)}`, id: handed },
      { type: "vobiz:index:SubAccountAssignment", name: `us-${handed.slice(1)}-sub-account`, id: handed },
    ].sort((a, b) => (a.id === b.id ? 0 : a.id < b.id ? -1 : 1)));
    expect(run.stderr).toContain(`left out ${released}: it is in pending_release`);
    expect(run.stderr).toContain(`wrote 3 resources (2 numbers) to ${file}; left out 1 number, named above; run \`pulumi import --file ${file}\``);
    expect(existsSync(join(dir, "numbers.yaml"))).toBe(false);
  });

  it("refuses to replace an existing file without --force, and prints the file on a dry run", async () => {
    const file = join(dir, "existing.json");
    writeFileSync(file, "{}\n");
    const refused = await onboard(["--import-file", file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${file} exists already: pass --force to replace it`);
    expect(readFileSync(file, "utf8")).toBe("{}\n");

    const dryRun = await onboard(["--import-file", file, "--dry-run"]);
    expect((JSON.parse(dryRun.stdout) as ImportFile).resources).toHaveLength(3);
    expect(readFileSync(file, "utf8")).toBe("{}\n");

    expect((await onboard(["--import-file", file, "--force"])).code).toBe(0);
    expect((JSON.parse(readFileSync(file, "utf8")) as ImportFile).resources).toHaveLength(3);
  });

  it("refuses options that only make sense for the fleet file", async () => {
    const run = await onboard(["--import-file", join(dir, "x.json"), "--protect"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--import-file.*cannot be used with option '--protect'/);
  });
});
