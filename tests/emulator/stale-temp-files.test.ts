import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator } from "../../emulator";

/** The pid of a process that has already exited. */
function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  return new Promise((resolve) => child.once("exit", () => resolve(child.pid!)));
}

describe("temporary files a killed emulator left beside its state file", () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "vobiz-stale-"));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("are removed when an emulator starts on the file, unless their writer is still running", async () => {
    const stateFile = join(dir, "state.json");
    const halfWritten = `.state.json.${await deadPid()}.3.tmp`;
    const stillBeingWritten = `.state.json.${process.ppid}.1.tmp`;
    const unrelated = ".other.json.1.1.tmp";
    for (const name of [halfWritten, stillBeingWritten, unrelated]) writeFileSync(join(dir, name), '{"version":1,"trunc');

    const emulator = await startEmulator({ port: 0, stateFile });
    await emulator.close();

    expect(readdirSync(dir).sort()).toEqual([stillBeingWritten, unrelated, "state.json"].sort());
  });
});
