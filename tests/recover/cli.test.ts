import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { StackExport } from "../../recover/stack-deployment";
import { VobizClient } from "../../sdk";
import { useEmulator } from "../helpers/emulator";
import { deployment, numberCreate, urnOf } from "./recovery-fixture";

// The built command, run as a user runs it in a project folder, with a `pulumi` on PATH that serves a
// stack's export, history and config from files and keeps what `pulumi stack import` is given.
const cli = path.resolve(__dirname, "../../dist/recover/cli.js");
const emulator = useEmulator();
const TOKEN = `tok-${randomBytes(12).toString("hex")}`;
const MASTER = "MA_RECCLI01";
const FAKE_PULUMI = `#!/usr/bin/env node
const fs = require("node:fs");
const path = require("node:path");
const dir = process.env.FAKE_PULUMI_DIR;
const args = process.argv.slice(2);
fs.appendFileSync(path.join(dir, "calls"), args.join(" ") + "\\n");
const serve = (file) => process.stdout.write(fs.readFileSync(path.join(dir, file), "utf8"));
const command = args.slice(0, 2).join(" ");
if (command === "stack export") serve("export.json");
else if (command === "stack history") serve("history.json");
else if (command === "config --json") serve("config.json");
else if (command === "stack import") {
  if (fs.existsSync(path.join(dir, "import-error"))) {
    process.stderr.write(fs.readFileSync(path.join(dir, "import-error"), "utf8"));
    process.exit(255);
  }
  fs.copyFileSync(args[3], path.join(dir, "imported.json"));
} else process.exit(3);
`;

let bought: string[];
let windowStart: string;
let bin: string;

beforeAll(async () => {
  if (!fs.existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first (npm test does)`);
  bin = fs.mkdtempSync(path.join(os.tmpdir(), "vobiz-recover-bin-"));
  fs.writeFileSync(path.join(bin, "pulumi"), FAKE_PULUMI, { mode: 0o755 });
  await emulator().control.seedAccount({ auth_id: MASTER, auth_token: TOKEN, balances: { INR: 100_000 } });
  windowStart = new Date(Date.now() - 1000).toISOString();
  const client = new VobizClient({ authId: MASTER, authToken: TOKEN, baseUrl: emulator().baseUrl });
  const inventory = await client.listInventory({ country: "IN", search: "9180", perPage: 2 });
  bought = [];
  for (const number of inventory.items) bought.push((await client.purchaseNumber(number.e164)).e164);
});

afterAll(() => fs.rmSync(bin, { recursive: true, force: true }));

interface RecoverOptions {
  exported: StackExport;
  config?: Record<string, unknown>;
  env?: Record<string, string>;
  importFails?: string;
  /** The project folder; a fresh empty one by default. */
  dir?: string;
}

/** Runs the command in a project folder against the fake `pulumi`; returns what it printed and was asked. */
async function recover(args: string[], options: RecoverOptions) {
  const state = fs.mkdtempSync(path.join(os.tmpdir(), "vobiz-recover-stack-"));
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), "vobiz-recover-project-"));
  const config = options.config ?? {
    "vobiz:authId": { value: MASTER, secret: false },
    "vobiz:authToken": { value: TOKEN, secret: true },
    "vobiz:baseUrl": { value: emulator().baseUrl, secret: false },
  };
  fs.writeFileSync(path.join(state, "export.json"), JSON.stringify(options.exported));
  fs.writeFileSync(path.join(state, "history.json"), JSON.stringify([{ kind: "update", result: "succeeded", endTime: windowStart }]));
  fs.writeFileSync(path.join(state, "config.json"), JSON.stringify(config));
  fs.writeFileSync(path.join(state, "calls"), "");
  if (options.importFails !== undefined) fs.writeFileSync(path.join(state, "import-error"), options.importFails);
  const child = spawn(process.execPath, [cli, ...args], {
    cwd: dir,
    stdio: ["ignore", "pipe", "pipe"],
    env: { PATH: [bin, path.dirname(process.execPath), process.env["PATH"] ?? ""].join(path.delimiter), FAKE_PULUMI_DIR: state, ...options.env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((done) => child.once("close", done));
  const calls = fs.readFileSync(path.join(state, "calls"), "utf8").split("\n").filter(Boolean);
  const importedFile = path.join(state, "imported.json");
  const imported = fs.existsSync(importedFile) ? (JSON.parse(fs.readFileSync(importedFile, "utf8")) as StackExport) : undefined;
  fs.rmSync(state, { recursive: true, force: true });
  return { code, stdout, stderr, calls, imported };
}

const twoCreates = (): StackExport => ({
  version: 3,
  deployment: deployment([], [numberCreate("line-1", { country: "IN", contains: "9180" }), numberCreate("line-2", { country: "IN", contains: "9180" })]),
});

describe("vobiz-recover", () => {
  it("prints the plan from the stack, its history, its config and the account's numbers, and writes nothing", async () => {
    const run = await recover([], { exported: twoCreates() });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`stack dev: 2 pending creates of an interrupted update; numbers bought since ${windowStart} (the end of the last update in the stack's history) count as its purchases.`);
    expect(run.stdout.match(/^record line-\d as \+9180\d+: bought .*, meets its criteria \(country IN, containing 9180\), held by no resource$/gm)).toHaveLength(2);
    expect(run.stdout).toContain("Nothing was written.");
    expect(run.calls).toEqual(["stack export", "stack history --json", "config --json --show-secrets"]);
  });

  it("writes the plan into the stack with pulumi stack import when asked to", async () => {
    const run = await recover(["--apply"], { exported: twoCreates() });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Wrote the plan into stack dev: 2 recorded, 0 dropped. Now run `pulumi up --refresh`");
    const recorded = run.imported?.deployment.resources.filter((r) => r.type.endsWith(":PhoneNumber")) ?? [];
    expect(recorded.map((r) => r.id).sort()).toEqual([...bought].sort());
    expect(run.imported?.deployment.pending_operations).toEqual([]);
  });

  it("takes the credentials the stack lacks from the environment, as the provider does", async () => {
    const config = { "vobiz:authId": { value: MASTER, secret: false } };
    const run = await recover([], { exported: twoCreates(), config, env: { VOBIZ_AUTH_TOKEN: TOKEN, VOBIZ_BASE_URL: emulator().baseUrl } });
    expect(run.code).toBe(0);
    expect(run.stdout.match(/^record /gm)).toHaveLength(2);
  });

  it("refuses to write while a provider process of the folder is still running, before reading anything", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vobiz-recover-project-"));
    const providerPath = path.join(dir, "node_modules", "@pulumi", "pulumi", "cmd", "dynamic-provider", "index.js");
    fs.mkdirSync(path.dirname(providerPath), { recursive: true });
    fs.writeFileSync(path.join(dir, "node_modules", "@pulumi", "pulumi", "package.json"), '{"name":"@pulumi/pulumi","version":"3.276.0"}');
    fs.writeFileSync(providerPath, "setTimeout(() => undefined, 120000);");
    const provider = spawn(process.execPath, [providerPath, "127.0.0.1:1"], { stdio: "ignore" });
    try {
      const run = await recover(["--apply"], { exported: twoCreates(), dir });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(new RegExp(`^vobiz-recover: not writing anything: a provider process of this stack is still running \\(pid ${provider.pid}: a dynamic-provider process of this folder\\)\\..*\\(kill ${provider.pid}\\)`));
      expect(run.calls).toEqual([]);

      const plan = await recover([], { exported: twoCreates(), dir });
      expect(plan.code).toBe(0);
      expect(plan.stderr).toContain(`vobiz-recover: warning: a provider process of this stack is still running (pid ${provider.pid}: a dynamic-provider process of this folder)`);
    } finally {
      provider.kill("SIGKILL");
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses to write while a vobiz plugin process runs in the folder, and lets one of another folder be", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vobiz-recover-project-"));
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), "vobiz-recover-elsewhere-"));
    const plugin = path.join(dir, ".pulumi-home", "plugins", "resource-vobiz-v0.1.0", "pulumi-resource-vobiz");
    fs.mkdirSync(path.dirname(plugin), { recursive: true });
    fs.symlinkSync(execFileSync("sh", ["-c", "command -v sleep"], { encoding: "utf8" }).trim(), plugin);
    const here = spawn(plugin, ["120"], { cwd: dir, stdio: "ignore" });
    const other = spawn(plugin, ["120"], { cwd: elsewhere, stdio: "ignore" });
    try {
      const run = await recover(["--apply"], { exported: twoCreates(), dir });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`vobiz-recover: not writing anything: a provider process of this stack is still running (pid ${here.pid}: the vobiz plugin).`);
      expect(run.stderr).not.toContain(String(other.pid));
      expect(run.calls).toEqual([]);
    } finally {
      here.kill("SIGKILL");
      other.kill("SIGKILL");
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it("refuses to write while creates are undecided, and says how to decide them", async () => {
    const one: StackExport = { version: 3, deployment: deployment([], [numberCreate("line-1", { country: "IN", contains: "9180" })]) };
    const run = await recover(["--apply"], { exported: one });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`  create    ${urnOf("line-1")}`);
    expect(run.stdout.match(/^ {2}candidate \+9180/gm)).toHaveLength(2);
    expect(run.stderr).toContain("not writing anything: some pending creates are undecided");
    expect(run.calls.some((c) => c.startsWith("stack import"))).toBe(false);

    const decided = await recover(["--apply", "--assign", `${urnOf("line-1")}=${bought[0]}`], { exported: one });
    expect(decided.code).toBe(0);
    expect(decided.imported?.deployment.resources.find((r) => r.urn === urnOf("line-1"))?.id).toBe(bought[0]);
  });

  it("exits 2 on an --assign it cannot parse or that cannot be right", async () => {
    const unparsable = await recover(["--assign", "line-1"], { exported: twoCreates() });
    expect(unparsable.code).toBe(2);
    expect(unparsable.stderr).toMatch(/--assign takes URN=E164 or URN=none/);
    const wrong = await recover(["--assign", `${urnOf("line-1")}=+14155550100`], { exported: twoCreates() });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("the account does not hold +14155550100");
  });

  it("never prints the auth token, even when a command fails saying it", async () => {
    const run = await recover(["--apply"], { exported: twoCreates(), importFails: `backend refused a file holding ${TOKEN}` });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("backend refused a file holding [redacted]");
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
  });
});
