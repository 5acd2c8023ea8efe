import { execFile, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { node22BinDir, repoRoot } from "../../scripts/pulumi-toolchain";

const run = promisify(execFile);

// The generated Node.js SDK as a user gets it: the package `npm run build:sdks` packs, installed from the
// tarball into a folder outside the repository, its @pulumi/pulumi from the npm registry. A TypeScript
// program is type-checked against it, so a property the schema gets wrong shows up as a compile error.

const version = (JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string }).version;
const tarball = path.join(repoRoot, "dist", "sdks", "nodejs", `vobiz-pulumi-${version}.tgz`);
const tsc = path.join(repoRoot, "node_modules", "typescript", "bin", "tsc");
const env = { ...process.env, PATH: [node22BinDir, process.env["PATH"] ?? ""].join(path.delimiter) };
const nodeTypesVersion = (JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { devDependencies: Record<string, string> }).devDependencies["@types/node"];

const program = `
import * as pulumi from "@pulumi/pulumi";
import * as vobiz from "@vobiz/pulumi";

const account = new vobiz.Provider("account", { authId: "MA_DEMO0001", authToken: pulumi.secret("emu-token-MA_DEMO0001") });
const support = new vobiz.PhoneNumber("x", { country: "IN" }, { provider: account });
const sales = new vobiz.PhoneNumber("sales", { e164: "+14155550123", releaseMode: "immediate", excludePrefixes: ["1415"], maxMonthlyFee: 5 });
new vobiz.SubAccountAssignment("sales-team", { e164: sales.e164, subAccountId: "SA_DEMO0001" });

export const supportNumber: pulumi.Output<string> = support.e164;
export const voice: pulumi.Output<boolean> = support.capabilities.voice;
`;

const wrongType = `
import * as vobiz from "@vobiz/pulumi";

new vobiz.PhoneNumber("x", { country: "IN", maxMonthlyFee: "cheap" });
`;

/** Runs the repository's TypeScript compiler on one file of the project; its exit code and output. */
async function typeCheck(dir: string, file: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await run(process.execPath, [tsc, "-p", path.join(dir, `tsconfig.${file}.json`)], { cwd: dir, env });
    return { code: 0, output: stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string };
    return { code: failed.code ?? 1, output: failed.stdout ?? "" };
  }
}

describe("the Node.js SDK installed from its npm tarball", () => {
  let dir: string;

  beforeAll(async () => {
    // Built once per change of plugin-sdks/ (scripts/build-sdks.sh keeps a hash of its inputs).
    execFileSync("bash", [path.join(repoRoot, "scripts", "build-sdks.sh")], { stdio: ["ignore", "ignore", "inherit"] });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "vobiz-sdk-nodejs-"));
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "vobiz-sdk-program", private: true }));
    await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", tarball, `@types/node@${nodeTypesVersion}`], { cwd: dir, env, maxBuffer: 16 * 1024 * 1024 });
    for (const [name, source] of [["program", program], ["wrong-type", wrongType]] as const) {
      fs.writeFileSync(path.join(dir, `${name}.ts`), source);
      const compilerOptions = { strict: true, target: "ES2022", module: "commonjs", moduleResolution: "node10", types: ["node"], noEmit: true, skipLibCheck: true };
      fs.writeFileSync(path.join(dir, `tsconfig.${name}.json`), JSON.stringify({ compilerOptions, files: [`${name}.ts`] }));
    }
  }, 600_000);

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("installs as @vobiz/pulumi of the plugin's version, asking the engine for the vobiz plugin of that version", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "node_modules", "@vobiz", "pulumi", "package.json"), "utf8")) as Record<string, unknown>;
    expect(manifest).toMatchObject({ name: "@vobiz/pulumi", version, dependencies: { "@pulumi/pulumi": "^3.276.0" }, pulumi: { resource: true, name: "vobiz", version } });
    expect(fs.existsSync(path.join(dir, "node_modules", "@pulumi", "pulumi", "package.json"))).toBe(true);
  });

  it("type-checks a program that declares a provider, numbers by criteria and exactly, and an assignment", async () => {
    const result = await typeCheck(dir, "program");
    expect(result.output).toBe("");
    expect(result.code).toBe(0);
  });

  it("refuses to compile a property of the wrong type, naming it", async () => {
    const result = await typeCheck(dir, "wrong-type");
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/wrong-type\.ts\(4,45\): error TS2322: Type 'string' is not assignable to type 'Input<number \| undefined>'/);
  });

  it("loads its compiled resource classes at run time", async () => {
    const { stdout } = await run(process.execPath, ["-e", 'const v = require("@vobiz/pulumi"); console.log([typeof v.PhoneNumber, typeof v.SubAccountAssignment, typeof v.Provider].join())'], { cwd: dir, env });
    expect(stdout.trim()).toBe("function,function,function");
  });
});
