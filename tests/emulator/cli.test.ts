import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import * as readline from "node:readline";

// The built command, run as a user runs it: its argument parsing, its start line and its exit codes.
const cli = resolve(__dirname, "../../dist/emulator/cli.js");
const packageVersion = (JSON.parse(readFileSync(resolve(__dirname, "../../package.json"), "utf8")) as { version: string }).version;

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

function spawnCli(args: string[]): ChildProcess {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first (npm test does)`);
  return spawn(process.execPath, [cli, ...args], { stdio: ["ignore", "pipe", "pipe"] });
}

/** Runs the command to its end; for arguments that make it exit without serving. */
function runToExit(args: string[]): Promise<Finished> {
  const child = spawnCli(args);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done) => child.once("close", (code) => done({ code, stdout, stderr })));
}

/** Starts a serving emulator, hands its start line to `use`, then stops it with SIGTERM and reports how it ended. */
async function whileServing(args: string[], use: (line: Record<string, unknown>) => Promise<void>): Promise<Finished> {
  const child = spawnCli(args);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const closed = new Promise<number | null>((done) => child.once("close", (code) => done(code)));
  const firstLine = await new Promise<string>((done, fail) => {
    readline.createInterface({ input: child.stdout! }).once("line", done);
    child.once("exit", (code) => fail(new Error(`vobiz-emulator exited with ${code} before starting: ${stderr}`)));
  });
  try {
    await use(JSON.parse(firstLine) as Record<string, unknown>);
  } finally {
    child.kill("SIGTERM");
  }
  return { code: await closed, stdout, stderr };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "vobiz-emulator-cli-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("vobiz-emulator CLI", () => {
  it("starts with a #!/usr/bin/env node line so the built file runs as a bin", () => {
    expect(readFileSync(join(__dirname, "../../emulator/cli.ts"), "utf8").split("\n")[0]).toBe("#!/usr/bin/env node");
  });

  it("prints exactly one JSON line with the base URL and the seed's credentials, and serves them", async () => {
    const finished = await whileServing(["--port", "0"], async (line) => {
      expect(line).toEqual({
        baseUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/api$/),
        controlUrl: String(line["baseUrl"]).replace(/\/api$/, "/__emulator"),
        authId: "MA_DEMO0001",
        authToken: "emu-token-MA_DEMO0001",
        subAccounts: ["SA_DEMO0001", "SA_DEMO0002"],
        adminAuthId: "MA_ADMIN001",
        adminAuthToken: "emu-token-MA_ADMIN001",
        stateFile: null,
      });
      const res = await fetch(`${String(line["baseUrl"])}/v1/Account/MA_DEMO0001/balance/INR`, {
        headers: { "X-Auth-ID": "MA_DEMO0001", "X-Auth-Token": "emu-token-MA_DEMO0001" },
      });
      expect(res.status).toBe(200);
      expect((await fetch(`${String(line["controlUrl"])}/clock`)).status).toBe(200);
    });
    expect(finished.code).toBe(0);
    expect(finished.stderr).toBe("");
    expect(finished.stdout.endsWith("\n")).toBe(true);
    expect(finished.stdout.trimEnd().split("\n")).toHaveLength(1);
  });

  it("holds every request for --latency-ms before answering it, and answers it as without", async () => {
    await whileServing(["--latency-ms", "400"], async (line) => {
      const headers = { "X-Auth-ID": String(line["authId"]), "X-Auth-Token": String(line["authToken"]) };
      const sent = performance.now();
      const res = await fetch(`${String(line["baseUrl"])}/v1/Account/MA_DEMO0001/balance/INR`, { headers });
      // A lower bound only: a timer never fires early, while a busy machine may answer later still.
      expect(performance.now() - sent).toBeGreaterThanOrEqual(395);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ account_id: "MA_DEMO0001", currency: "INR" });
    });
  });

  it("prints null credentials for --seed empty and names the state file given with --state", async () => {
    const file = join(dir, "cli-state.json");
    await whileServing(["--seed", "empty", "--state", file], async (line) => {
      expect(line).toMatchObject({ authId: null, authToken: null, subAccounts: [], adminAuthId: null, stateFile: file });
      expect(existsSync(file)).toBe(true);
    });
  });

  it.each([
    [["--bogus"], /unknown option '--bogus'/],
    [["--port", "abc"], /--port must be an integer/],
    [["--port", "70000"], /--port must be an integer/],
    [["--port"], /argument missing/],
    [["--seed", "full"], /--seed <name>' argument 'full' is invalid\. Allowed choices are default, empty/],
    [["--state", ""], /--state needs a file path/],
    [["stray"], /too many arguments/],
    [["--latency-ms", "-5"], /--latency-ms must be an integer from 0 to 600000/],
    [["--latency-ms", "1.5"], /--latency-ms must be an integer from 0 to 600000/],
    [["--latency-ms", "600001"], /--latency-ms must be an integer from 0 to 600000/],
  ])("exits with 2 and one line on stderr for %j", async (args, message) => {
    const { code, stdout, stderr } = await runToExit(args);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/^vobiz-emulator: .* usage: vobiz-emulator \[--port N\] \[--state FILE\] \[--seed default\|empty\] \[--latency-ms N\]\n$/);
  });

  it("exits with 2 and names the file when the state file is corrupt", async () => {
    const file = join(dir, "corrupt.json");
    writeFileSync(file, "{ corrupt");
    const { code, stdout, stderr } = await runToExit(["--state", file]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(file);
    expect(stderr.trimEnd().split("\n")).toHaveLength(1);
  });

  it("prints the options and the start line's fields for --help, exits with 0 and serves nothing", async () => {
    const { code, stdout, stderr } = await runToExit(["--help"]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toMatch(/^Usage: vobiz-emulator \[options\]/);
    for (const option of ["--port <N>", "--state <FILE>", "--seed <name>", "--latency-ms <N>", "--version", "--help"]) expect(stdout).toContain(option);
    expect(stdout).toContain("one JSON line");
  });

  it("prints the package version for --version and exits with 0", async () => {
    const { code, stdout, stderr } = await runToExit(["--version"]);
    expect(code).toBe(0);
    expect(stdout).toBe(`${packageVersion}\n`);
    expect(stderr).toBe("");
  });
});
