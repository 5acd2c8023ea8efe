import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main, type CliOutcome } from "../../emulator/cli";

interface Captured {
  outcome: CliOutcome;
  stdout: string;
  stderr: string;
}

async function runCli(args: string[]): Promise<Captured> {
  let stdout = "";
  let stderr = "";
  const outcome = await main(args, {
    stdout: { write: (chunk: string) => ((stdout += chunk), true) },
    stderr: { write: (chunk: string) => ((stderr += chunk), true) },
  });
  return { outcome, stdout, stderr };
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
    const { outcome, stdout, stderr } = await runCli(["--port", "0"]);
    try {
      expect(outcome.exitCode).toBe(0);
      expect(stderr).toBe("");
      expect(stdout.endsWith("\n")).toBe(true);
      const lines = stdout.trimEnd().split("\n");
      expect(lines).toHaveLength(1);
      const line = JSON.parse(lines[0] ?? "");
      expect(line).toEqual({
        baseUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/api$/),
        controlUrl: line.baseUrl.replace(/\/api$/, "/__emulator"),
        authId: "MA_DEMO0001",
        authToken: "emu-token-MA_DEMO0001",
        subAccounts: ["SA_DEMO0001", "SA_DEMO0002"],
        adminAuthId: "MA_ADMIN001",
        adminAuthToken: "emu-token-MA_ADMIN001",
        stateFile: null,
      });
      const res = await fetch(`${line.baseUrl}/v1/Account/${line.authId}/balance/INR`, {
        headers: { "X-Auth-ID": line.authId, "X-Auth-Token": line.authToken },
      });
      expect(res.status).toBe(200);
      expect((await fetch(`${line.controlUrl}/clock`)).status).toBe(200);
    } finally {
      await outcome.emulator?.close();
    }
  });

  it("prints null credentials for --seed empty and names the state file given with --state", async () => {
    const file = join(dir, "cli-state.json");
    const { outcome, stdout } = await runCli(["--seed", "empty", "--state", file]);
    try {
      expect(JSON.parse(stdout)).toMatchObject({ authId: null, authToken: null, subAccounts: [], adminAuthId: null, stateFile: file });
      expect(existsSync(file)).toBe(true);
    } finally {
      await outcome.emulator?.close();
    }
  });

  it.each([
    [["--bogus"], /Unknown option '--bogus'/],
    [["--port", "abc"], /--port must be an integer/],
    [["--port", "70000"], /--port must be an integer/],
    [["--port"], /argument missing/],
    [["--seed", "full"], /--seed must be "default" or "empty"/],
    [["stray"], /positional/i],
  ])("exits with 2 and one line on stderr for %j", async (args, message) => {
    const { outcome, stdout, stderr } = await runCli(args);
    expect(outcome.exitCode).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    expect(stderr.trimEnd().split("\n")).toHaveLength(1);
  });

  it("exits with 2 and names the file when the state file is corrupt", async () => {
    const file = join(dir, "corrupt.json");
    writeFileSync(file, "{ corrupt");
    const { outcome, stdout, stderr } = await runCli(["--state", file]);
    expect(outcome.exitCode).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(file);
    expect(stderr.trimEnd().split("\n")).toHaveLength(1);
  });
});
