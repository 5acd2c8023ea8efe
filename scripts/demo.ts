import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as readline from "node:readline";
import { VobizClient } from "../sdk";
import { freePort } from "./free-port";
import { numberTable } from "./number-table";

const root = path.resolve(__dirname, "../..");
const STACK = "demo";
const FIFTEEN_DAYS = 15 * 86_400;

interface EmulatorStart {
  baseUrl: string;
  controlUrl: string;
  authId: string;
  authToken: string;
}

const say = (text: string): void => void process.stdout.write(`\n\x1b[1m== ${text}\x1b[0m\n`);
const show = (command: string): void => void process.stdout.write(`\x1b[36m$ ${command}\x1b[0m\n`);

/**
 * `npm run demo`: the quickstart folder (examples/quickstart, which the root Pulumi.yaml runs) on a local
 * emulator, through the `pulumi` command. Every command is printed before it runs, so it can be typed
 * again by hand from the repository root: up, drift caught and repaired, the sub-account cool-off refusing
 * a destroy and how it resolves, then destroy and clean-up. It can be re-run; it ends with how to run the
 * same folder against the real Vobiz API.
 */
async function main(): Promise<void> {
  say("A local Vobiz emulator: no credentials, no network");
  const port = await freePort();
  show(`npx vobiz-emulator --port ${port} &`);
  const { child: emulatorProcess, start } = await startEmulator(port);
  try {
    await demo(start);
  } finally {
    emulatorProcess.kill("SIGINT");
  }
  say("Against the real Vobiz API");
  process.stdout.write(
    [
      "The same folder runs against Vobiz itself; the API root defaults to https://api.vobiz.ai/api:",
      "  cd examples/quickstart && npm install",
      "  pulumi stack init prod",
      "  pulumi config set vobiz:authId MA_XXXXXXXX",
      "  pulumi config set --secret vobiz:authToken",
      "  pulumi config set supportTrunkGroupId <trunk group id>",
      "  pulumi config set salesApplicationId <application id>",
      "  pulumi config set salesSubAccountId SA_XXXXXXXX",
      "  pulumi up",
      "",
    ].join("\n"),
  );
}

async function demo(start: EmulatorStart): Promise<void> {
  const client = new VobizClient({ authId: start.authId, authToken: start.authToken, baseUrl: start.baseUrl });
  const control = new URL(start.controlUrl);

  say("A stack of the quickstart, configured for the emulator");
  if (!process.env["PULUMI_CONFIG_PASSPHRASE"]) {
    show("export PULUMI_CONFIG_PASSPHRASE=vobiz-demo");
    process.env["PULUMI_CONFIG_PASSPHRASE"] = "vobiz-demo";
  }
  await removeLeftoverStack();
  await pulumi(["stack", "init", STACK]);
  await pulumi(["config", "set", "vobiz:baseUrl", start.baseUrl]);
  await pulumi(["config", "set", "vobiz:authId", start.authId]);
  await pulumi(["config", "set", "--secret", "vobiz:authToken", start.authToken]);

  say("pulumi up: buy a support line and a sales line, route them, hand the sales line to a sub-account");
  await pulumi(["up", "--yes"]);
  const outputs = JSON.parse((await pulumi(["stack", "output", "--json"], { quiet: true })).output) as Record<string, string>;
  const support = outputs["supportNumber"] ?? "";
  const sales = outputs["salesNumber"] ?? "";
  await printNumbers(client);

  say("Someone detaches the support line's trunk in the Vobiz console");
  await httpCall("DELETE", `${start.baseUrl}/v1/Account/${start.authId}/numbers/${encodeURIComponent(support)}/assign`, start);
  say("The drift check notices: it exits non-zero and names what changed");
  const drift = await pulumi(["refresh", "--preview-only", "--expect-no-changes"], { expect: "failure" });
  process.stdout.write(`(exit code ${drift.code}: drift detected)\n`);
  say("pulumi up --refresh: put the number back as the program declares it");
  await pulumi(["up", "--refresh", "--yes"]);
  await printNumbers(client);

  say("The sales line takes a call; Vobiz keeps it with its sub-account for 15 days after a call");
  const { now } = (await (await fetch(new URL("/__emulator/clock", control))).json()) as { now: string };
  await httpCall("POST", `${control.origin}/__emulator/numbers/${encodeURIComponent(sales)}/last-call`, undefined, { at: now });
  say("pulumi destroy: Vobiz refuses to take the sales line back from its sub-account, and the error says until when");
  const refused = await pulumi(["destroy", "--yes"], { expect: "failure" });
  process.stdout.write(`(exit code ${refused.code}: nothing was released, and the stack still holds everything)\n`);
  say("Once the cool-off is over (here the emulator's clock moves 15 days), the same command finishes the job");
  await httpCall("POST", `${control.origin}/__emulator/clock`, undefined, { advance_seconds: FIFTEEN_DAYS });
  await pulumi(["destroy", "--yes"]);
  await pulumi(["stack", "rm", STACK, "--yes"]);
  await printNumbers(client);
}

/** A stack of an interrupted earlier run would hold numbers of an emulator that is gone: start clean. */
async function removeLeftoverStack(): Promise<void> {
  const stacks = await pulumi(["stack", "ls", "--json"], { quiet: true, expect: "any" });
  if (stacks.code === 0 && (JSON.parse(stacks.output) as { name: string }[]).some((s) => s.name === STACK)) {
    await pulumi(["stack", "rm", STACK, "--yes", "--force"]);
  }
  const leftoverSettings = path.join(root, `Pulumi.${STACK}.yaml`);
  if (fs.existsSync(leftoverSettings)) {
    show(`rm Pulumi.${STACK}.yaml`);
    fs.rmSync(leftoverSettings);
  }
}

async function printNumbers(client: VobizClient): Promise<void> {
  const numbers = [];
  for await (const number of client.numbers()) if (number.status === "active") numbers.push(number);
  process.stdout.write(`\nThe numbers the account holds, as Vobiz reports them:\n${numberTable(numbers)}\n`);
}

interface PulumiOptions {
  /** What the exit code must be: zero (the default), non-zero, or either. */
  expect?: "success" | "failure" | "any";
  /** Keep the output to the caller (it is read, not shown). */
  quiet?: boolean;
}

/** Runs `npm run pulumi -- <args>` (what npm runs: scripts/pulumi.sh, from the repository root) and shows it. */
async function pulumi(args: string[], options: PulumiOptions = {}): Promise<{ code: number | null; output: string }> {
  if (!options.quiet) show(`npm run pulumi -- ${args.map(shellWord).join(" ")}`);
  const child = spawn("bash", [path.join(root, "scripts/pulumi.sh"), ...args], {
    cwd: root,
    env: { ...process.env, INIT_CWD: root },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const chunks: string[] = [];
  const collect = (chunk: string): void => {
    chunks.push(chunk);
    if (!options.quiet) process.stdout.write(chunk);
  };
  child.stdout.setEncoding("utf8").on("data", collect);
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (options.quiet ? undefined : collect(chunk)));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", resolve);
  });
  const expected = options.expect ?? "success";
  if ((expected === "success" && code !== 0) || (expected === "failure" && code === 0)) {
    throw new Error(`\`pulumi ${args.join(" ")}\` ${code === 0 ? "succeeded where it should have failed" : `failed with exit code ${code}`}`);
  }
  return { code, output: chunks.join("") };
}

/** Sends one HTTP request, shown as the curl command that does the same. */
async function httpCall(method: string, url: string, credentials?: { authId: string; authToken: string }, body?: unknown): Promise<void> {
  const headers: Record<string, string> = {};
  if (credentials) Object.assign(headers, { "X-Auth-ID": credentials.authId, "X-Auth-Token": credentials.authToken });
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const parts = [`curl -s -X ${method} '${url}'`, ...Object.entries(headers).map(([k, v]) => `-H '${k}: ${v}'`)];
  if (body !== undefined) parts.push(`-d '${JSON.stringify(body)}'`);
  show(parts.join(" "));
  const response = await fetch(url, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${await response.text()}`);
}

function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}


/** Starts `vobiz-emulator` (what `npx vobiz-emulator` runs in this repository) and reads its start line. */
function startEmulator(port: number): Promise<{ child: ChildProcess; start: EmulatorStart }> {
  const child = spawn(process.execPath, [path.join(root, "dist/emulator/cli.js"), "--port", String(port)], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once("line", (line) => {
      const start = JSON.parse(line) as EmulatorStart;
      process.stdout.write(`${line}\n`);
      resolve({ child, start });
    });
    child.once("exit", (code) => reject(new Error(`vobiz-emulator exited with code ${code} before it started`)));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
