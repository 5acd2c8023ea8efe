import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { EmulatorControl } from "../../emulator";
import { freePort } from "../../scripts/free-port";
import { node22BinDir, repoRoot } from "../../scripts/pulumi-toolchain";
import { readmeCommands } from "../helpers/readme-commands";

const settingsFile = path.join(repoRoot, "Pulumi.dev.yaml");


// The README's quickstart, typed as written into a fresh shell at the root of the repository.
describe("the README's quickstart commands", () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "vobiz-readme-"));
  const env = {
    ...process.env,
    PATH: [node22BinDir, process.env["PATH"] ?? ""].join(path.delimiter),
    PULUMI_BACKEND_URL: `file://${scratch}/state`,
    PULUMI_HOME: path.join(scratch, "home"),
  };
  let shellGroup: number | undefined;
  let ownSettings: string | undefined;

  beforeAll(() => {
    fs.mkdirSync(path.join(scratch, "state"));
    // A developer's own stack settings of the same name are put back afterwards.
    if (fs.existsSync(settingsFile)) ownSettings = fs.readFileSync(settingsFile, "utf8");
  });
  afterAll(() => {
    if (shellGroup !== undefined) process.kill(-shellGroup, "SIGINT");
    if (ownSettings !== undefined) fs.writeFileSync(settingsFile, ownSettings);
    else fs.rmSync(settingsFile, { force: true });
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  /**
   * Runs commands in a shell of its own process group, so the emulator it starts in the background can be
   * stopped. Output goes to a file: the background emulator keeps the shell's streams open after it exits.
   */
  function shell(script: string): Promise<{ code: number | null; output: string }> {
    const outputFile = path.join(scratch, `shell-${Date.now()}.log`);
    const fd = fs.openSync(outputFile, "a");
    const child = spawn("bash", ["-euo", "pipefail", "-c", script], { cwd: repoRoot, env, detached: true, stdio: ["ignore", fd, fd] });
    fs.closeSync(fd);
    shellGroup ??= child.pid;
    return new Promise((resolve, reject) => {
      child.once("error", reject);
      child.once("exit", (code) => resolve({ code, output: fs.readFileSync(outputFile, "utf8") }));
    });
  }

  it("start the emulator and create the two numbers they promise", async () => {
    const port = await freePort();
    const block = readmeCommands(path.join(repoRoot, "README.md"), "vobiz:baseUrl", `http://127.0.0.1:${port}`).replaceAll("--port 4010", `--port ${port}`);
    // The test command has installed and built everything already; building again would rewrite dist/
    // under the feet of the suites running alongside.
    const commands = block
      .split("\n")
      .filter((line) => !/^npm (ci|run build)\b/.test(line))
      .join("\n");
    expect(commands).toMatch(/^npx vobiz-emulator --port \d+ &$/m);
    const first = await shell(commands);
    expect({ code: first.code, output: first.output }).toEqual({ code: 0, output: expect.stringMatching(/Resources:\s+\+ 4 created/) });
    // Later commands run in the same shell session a person keeps typing in: with the passphrase exported.
    const exported = commands.split("\n").filter((line) => line.startsWith("export ")).join("\n");

    const control = new EmulatorControl(`http://127.0.0.1:${port}`);
    const bought = (await control.ledger()).filter((row) => row.kind === "purchase").map((row) => row.e164);
    expect(bought).toHaveLength(2);
    const outputs = JSON.parse((await shell(`${exported}\nnpm run --silent pulumi -- stack output --json`)).output.replace(/^[^{]*/, "")) as Record<string, string>;
    expect(bought.sort()).toEqual([outputs["supportNumber"], outputs["salesNumber"]].sort());
    expect(await control.getNumber(outputs["salesNumber"] ?? "")).toMatchObject({ owner: "SA_DEMO0001" });

    const cleanup = await shell(`${exported}\nnpm run pulumi -- destroy --yes\nnpm run pulumi -- stack rm dev --yes`);
    expect(cleanup.code).toBe(0);
    expect((await control.ledger()).filter((row) => row.kind === "release_fee")).toHaveLength(2);
  });
});
