import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { node22BinDir, repoRoot } from "./pulumi-toolchain";

const run = promisify(execFile);
const npmEnv = { ...process.env, PATH: [node22BinDir, process.env["PATH"] ?? ""].join(path.delimiter) };
// Outside the repository, so that nothing a program needs can resolve to the repository's node_modules.
const scratchRoot = path.join(os.tmpdir(), "vobiz-projects");
const LOCK_STALE_MS = 10 * 60_000;

/** The `npm pack` tarball of the package as built in dist/, made once per content and shared by test files. */
export async function packedTarball(): Promise<string> {
  const { stdout } = await run("npm", ["pack", "--dry-run", "--json"], { cwd: repoRoot, env: npmEnv });
  const [{ files }] = JSON.parse(stdout) as [{ files: { path: string }[] }];
  const hash = createHash("sha256");
  for (const file of files.map((f) => f.path).sort()) hash.update(file).update(fs.readFileSync(path.join(repoRoot, file)));
  const dir = path.join(scratchRoot, "pack", hash.digest("hex").slice(0, 16));
  await once(dir, async () => {
    await run("npm", ["pack", "--pack-destination", dir], { cwd: repoRoot, env: npmEnv });
  });
  const tarball = fs.readdirSync(dir).find((name) => name.endsWith(".tgz"));
  if (!tarball) throw new Error(`npm pack left no tarball in ${dir}`);
  return path.join(dir, tarball);
}

/**
 * A copy of the Pulumi project folder `source` (e.g. examples/quickstart) outside the repository, with its
 * packages installed as a user's `npm install` would, except that `pulumi-vobiz` comes from the packed
 * tarball and packages the repository also uses are pinned to the repository's versions (so they come
 * from the npm cache). Shared by every test that asks for the same folder and package content; tests keep
 * apart by stack name.
 */
export async function installedProject(source: string): Promise<string> {
  const tarball = await packedTarball();
  const hash = createHash("sha256").update(tarball);
  for (const file of projectFiles(source)) hash.update(file).update(fs.readFileSync(path.join(source, file)));
  const dir = path.join(scratchRoot, `${path.basename(source)}-${hash.digest("hex").slice(0, 16)}`);
  await once(dir, async () => {
    for (const file of projectFiles(source)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.copyFileSync(path.join(source, file), path.join(dir, file));
    }
    await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", tarball, ...pinnedDependencies(dir)], {
      cwd: dir,
      env: npmEnv,
      maxBuffer: 16 * 1024 * 1024,
    });
  });
  return dir;
}

/** The files of a project folder as a user copies it: no installed packages, no stack settings. */
function projectFiles(source: string): string[] {
  return fs
    .readdirSync(source, { recursive: true, encoding: "utf8" })
    .filter((file) => !file.split(path.sep).includes("node_modules") && !/^Pulumi\.[^/]+\.yaml$/.test(file) && file !== "Pulumi.yaml.lock")
    .filter((file) => fs.statSync(path.join(source, file)).isFile())
    .sort();
}

function pinnedDependencies(projectDir: string): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(projectDir, "package.json"), "utf8")) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  return Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })
    .filter((name) => name !== "pulumi-vobiz")
    .flatMap((name) => {
      const installed = path.join(repoRoot, "node_modules", name, "package.json");
      if (!fs.existsSync(installed)) return [];
      return [`${name}@${(JSON.parse(fs.readFileSync(installed, "utf8")) as { version: string }).version}`];
    });
}

/**
 * Runs `make` once for `dir` across concurrent test workers: the first creates it under a lock, the
 * others wait for its completion marker. A failed or abandoned attempt is cleared for the next one.
 */
async function once(dir: string, make: () => Promise<void>): Promise<void> {
  const done = path.join(dir, ".complete");
  const lock = `${dir}.lock`;
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  for (;;) {
    if (fs.existsSync(done)) return;
    try {
      fs.mkdirSync(lock);
    } catch {
      const held = fs.statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > LOCK_STALE_MS) fs.rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 500));
      continue;
    }
    try {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir, { recursive: true });
      await make();
      fs.writeFileSync(done, "");
      return;
    } catch (error) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw error;
    } finally {
      fs.rmSync(lock, { recursive: true, force: true });
    }
  }
}
