import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as readline from "node:readline";
import { VobizClient } from "../../sdk";

const cli = path.resolve(__dirname, "../../dist/emulator/cli.js");

interface StartLine {
  baseUrl: string;
  authId: string;
  authToken: string;
}

/** Starts `vobiz-emulator` as its own process and resolves with the JSON line it prints. */
function startCli(args: string[]): Promise<{ child: ChildProcess; start: StartLine }> {
  if (!fs.existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first (npm test does)`);
  const child = spawn(process.execPath, [cli, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.once("line", (line) => resolve({ child, start: JSON.parse(line) as StartLine }));
    child.once("exit", (code) => reject(new Error(`vobiz-emulator exited with ${code} before starting`)));
  });
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
}

describe("vobiz-emulator as a process", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vobiz-emulator-"));
  const stateFile = path.join(dir, "state.json");
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("loses nothing it answered when killed with SIGKILL right after a purchase", async () => {
    const first = await startCli(["--port", "0", "--state", stateFile]);
    const client = new VobizClient({ authId: first.start.authId, authToken: first.start.authToken, baseUrl: first.start.baseUrl });
    const [candidate] = (await client.listInventory({ country: "IN", perPage: 1 })).items;
    const bought = await client.purchaseNumber(candidate?.e164 ?? "");
    const exited = exitOf(first.child);
    first.child.kill("SIGKILL");
    expect((await exited).signal).toBe("SIGKILL");

    const second = await startCli(["--port", "0", "--state", stateFile]);
    try {
      const again = new VobizClient({ authId: second.start.authId, authToken: second.start.authToken, baseUrl: second.start.baseUrl });
      expect(await again.findOwnedNumber(bought.e164)).toMatchObject({ e164: bought.e164, account_id: first.start.authId, status: "active" });
    } finally {
      const stopped = exitOf(second.child);
      second.child.kill("SIGTERM");
      expect((await stopped).code).toBe(0);
    }
  });

  it("refuses a corrupt state file with exit code 2 and a message naming it", async () => {
    const corrupt = path.join(dir, "corrupt.json");
    fs.writeFileSync(corrupt, "{ not json");
    const child = spawn(process.execPath, [cli, "--state", corrupt], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    expect((await exitOf(child)).code).toBe(2);
    expect(stderr).toContain(corrupt);
    expect(fs.readFileSync(corrupt, "utf8")).toBe("{ not json");
  });
});
