import { execFile, spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as readline from "node:readline";
import type { ObjectStoreStartLine } from "../../scripts/object-store";
import { objectStoreLauncher } from "../helpers/object-store";
import { repoRoot } from "../../scripts/pulumi-toolchain";

// The first start on a machine builds SeaweedFS (about 4 minutes on 2 cores, more when the machine is busy).
const FIRST_START_TIMEOUT_MS = 20 * 60_000;

interface ProcessEntry {
  pid: number;
  ppid: number;
  pgid: number;
  state: string;
  argv: string[];
}

/** Every live (not zombie) process, from /proc. */
function processes(): ProcessEntry[] {
  return fs.readdirSync("/proc").flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name in parentheses may hold spaces: the fields that follow are state, ppid, pgid.
      const [state = "", ppid, pgid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const argv = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").filter(Boolean);
      return state === "Z" ? [] : [{ pid: Number(entry), ppid: Number(ppid), pgid: Number(pgid), state, argv }];
    } catch {
      return []; // It exited while being read.
    }
  });
}

/** The processes left by a store: those of its process group and any `weed` serving its data dir. */
function leftBehind(pgid: number, dataDir: string): ProcessEntry[] {
  return processes().filter((p) => p.pgid === pgid || p.argv.includes(`-dir=${dataDir}`));
}

/** Polls until `leftBehind` is empty, or 60 seconds passed; resolves to what is left. */
async function waitUntilGone(pgid: number, dataDir: string): Promise<ProcessEntry[]> {
  const deadline = Date.now() + 60_000;
  let left = leftBehind(pgid, dataDir);
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    left = leftBehind(pgid, dataDir);
  }
  return left;
}

/** Spawns `command` in a process group of its own and resolves with the JSON line it prints. */
function launch(command: string, args: string[]): Promise<{ child: ChildProcess; line: ObjectStoreStartLine; exit: Promise<number | null> }> {
  const child = spawn(command, args, { cwd: repoRoot, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once("line", (text) => resolve({ child, line: JSON.parse(text) as ObjectStoreStartLine, exit }));
    void exit.then((code) => reject(new Error(`${command} ${args.join(" ")} exited (${code}) before starting:\n${stderr}`)));
  });
}

describe("stopping the object store", () => {
  const dirs: string[] = [];
  beforeAll(
    () =>
      new Promise<void>((resolve, reject) =>
        execFile("bash", [path.join(repoRoot, "scripts", "ensure-seaweedfs.sh")], (error, _stdout, stderr) =>
          error ? reject(new Error(`scripts/ensure-seaweedfs.sh failed:\n${stderr}`)) : resolve(),
        ),
      ),
    FIRST_START_TIMEOUT_MS,
  );
  afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it("stops weed and removes its temporary data dir on Ctrl-C, leaving no process of `npm run object-store` behind", async () => {
    const { child, line, exit } = await launch("npm", ["run", "--silent", "object-store"]);
    const pgid = child.pid ?? -1;
    dirs.push(line.dataDir);
    const group = leftBehind(pgid, line.dataDir);
    expect(group.map((p) => path.basename(p.argv[0] ?? ""))).toEqual(expect.arrayContaining(["node", "weed"]));
    const weed = group.find((p) => p.argv.includes("mini"));
    expect(weed?.argv).toContain(`-dir=${line.dataDir}`);

    // What a terminal does on Ctrl-C: SIGINT to every process of the foreground group.
    process.kill(-pgid, "SIGINT");
    await exit;
    expect(await waitUntilGone(pgid, line.dataDir)).toEqual([]);
    expect(fs.existsSync(line.dataDir)).toBe(false);
  });

  it("stops weed on SIGTERM to the launcher alone, exits with 0 and keeps a data dir it was given", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "object-store-stop-"));
    dirs.push(dir);
    const { child, line, exit } = await launch(process.execPath, [objectStoreLauncher, "--dir", dir]);
    expect(line.dataDir).toBe(dir);
    expect(leftBehind(child.pid ?? -1, dir).filter((p) => p.argv.includes("mini"))).toHaveLength(1);

    child.kill("SIGTERM");
    expect(await exit).toBe(0);
    expect(await waitUntilGone(child.pid ?? -1, dir)).toEqual([]);
    expect(fs.readdirSync(dir)).toEqual(expect.arrayContaining(["weed.log", "s3-identities.json", "filerldb2"]));
  });
});
