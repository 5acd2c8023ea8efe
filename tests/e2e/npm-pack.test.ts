import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { installedProject, packedTarball } from "../../scripts/installed-project";
import { ProjectStack } from "../../scripts/project-stack";
import { node22BinDir, repoRoot } from "../../scripts/pulumi-toolchain";

const run = promisify(execFile);

// What a user does: install the package from its tarball into a project folder outside this repository and
// run that folder with the `pulumi` command. Nothing here resolves to the repository's own sources.
describe("the package installed from its npm pack tarball", () => {
  let tarballEntries: string[];
  let programDir: string;
  let emulator: RunningEmulator;
  let stack: ProjectStack | undefined;

  beforeAll(async () => {
    const tarball = await packedTarball();
    tarballEntries = (await run("tar", ["-tzf", tarball])).stdout.split("\n").filter(Boolean);
    programDir = await installedProject(path.join(__dirname, "npm-pack", "program"));
    emulator = await startEmulator({ port: 0 });
  }, 600_000);

  afterAll(async () => {
    await stack?.dispose();
    await emulator?.close();
  });

  it("ships the compiled entry points and none of the repository's tests, scratch or scripts", () => {
    expect(tarballEntries).toEqual(
      expect.arrayContaining([
        "package/package.json",
        "package/dist/index.js",
        "package/dist/provider/runtime.js",
        "package/dist/sdk/index.js",
        "package/dist/emulator/cli.js",
      ]),
    );
    expect(tarballEntries.filter((entry) => /(^|\/)tests?\/|\.test\.|\.cache|dist\/scripts|dist\/examples/.test(entry))).toEqual([]);
  });

  it("installs as pulumi-vobiz at the packed version, not as a link to the repository", async () => {
    const installed = path.join(programDir, "node_modules", "pulumi-vobiz");
    const repoPackage = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string };
    expect(JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8"))).toMatchObject({ name: "pulumi-vobiz", version: repoPackage.version });
    expect(fs.lstatSync(installed).isSymbolicLink()).toBe(false);
    expect(path.relative(repoRoot, programDir).startsWith("..")).toBe(true);
    // Resolved by a plain Node in the program directory, as the provider plugin resolves it (jest would map it to the sources).
    const resolved = await run(path.join(node22BinDir, "node"), ["-p", 'require.resolve("pulumi-vobiz/provider/runtime")'], { cwd: programDir });
    expect(resolved.stdout.trim()).toBe(path.join(installed, "dist", "provider", "runtime.js"));
  });

  it("loads every module it ships, so none requires a file the package leaves out", async () => {
    const installed = path.join(programDir, "node_modules", "pulumi-vobiz");
    const modules = tarballEntries.filter((entry) => entry.endsWith(".js")).map((entry) => entry.replace(/^package\//, ""));
    expect(modules).toEqual(expect.arrayContaining(["dist/onboard/import-file.js", "dist/recover/cli.js"]));
    // The command-line entries run when loaded, so each is asked for its help instead.
    const bins = Object.values((JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8")) as { bin: Record<string, string> }).bin);
    const libraries = modules.filter((file) => !bins.includes(file));
    const script = `for (const file of ${JSON.stringify(libraries)}) require(require("path").join(${JSON.stringify(installed)}, file));`;
    await run(path.join(node22BinDir, "node"), ["-e", script], { cwd: programDir });
    for (const bin of bins) {
      const help = await run(path.join(node22BinDir, "node"), [path.join(installed, bin), "--help"], { cwd: programDir });
      expect(help.stdout).toMatch(/Usage/);
    }
  });

  it("buys, routes and assigns a number, and releases it on destroy, through the pulumi command", async () => {
    const { authId, authToken } = emulator.credentials.master;
    stack = await ProjectStack.init({ dir: programDir, name: "pack" });
    await stack.configure({ "vobiz:baseUrl": emulator.baseUrl, "vobiz:authId": authId }, { "vobiz:authToken": authToken });
    await stack.up();

    const outputs = await stack.outputs();
    // An Indian number containing "80" (the "91" of the country code cannot form part of it).
    expect(outputs).toEqual({ e164: expect.stringMatching(/^\+91\d*80\d*$/), trunkGroupId: "trunk-pack", subAccountId: "SA_DEMO0001" });
    const e164 = String(outputs["e164"]);
    expect(await emulator.control.getNumber(e164)).toMatchObject({ owner: "SA_DEMO0001", trunk_group_id: "trunk-pack", status: "active" });
    const resources = [...stack.resourcesOfType("PhoneNumber"), ...stack.resourcesOfType("SubAccountAssignment")];
    expect(resources.map((r) => r.type).sort()).toEqual(["pulumi-nodejs:dynamic/vobiz:PhoneNumber", "pulumi-nodejs:dynamic/vobiz:SubAccountAssignment"]);
    // The installed package's provider module is referred to by name, not copied: a few hundred bytes.
    for (const resource of resources) {
      const provider = String(resource.outputs?.["__provider"]);
      expect(provider).toMatch(/require\("pulumi-vobiz\/provider\/(phone-number|sub-account-assignment)-provider"\)/);
      expect(Buffer.byteLength(provider)).toBeLessThan(1024);
    }
    await stack.preview(["--expect-no-changes"]);
    await stack.refresh(["--preview-only", "--expect-no-changes"]);

    const destroyed = await stack.destroy();
    expect(destroyed.stdout).toMatch(/Resources:\s+- 3 deleted/);
    expect(stack.resourcesOfType("PhoneNumber")).toEqual([]);
    expect((await emulator.control.getNumber(e164))?.status).toBe("pending_release");
    expect((await emulator.control.ledger()).filter((row) => row.kind === "purchase").map((row) => row.e164)).toEqual([e164]);

    expect(stack.allOutput()).not.toContain(authToken);
    expect(stack.stateText()).not.toContain(authToken);
    expect(fs.readFileSync(path.join(programDir, `Pulumi.${stack.stackName}.yaml`), "utf8")).not.toContain(authToken);
  });
});
