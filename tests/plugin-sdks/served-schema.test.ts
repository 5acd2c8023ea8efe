import { execFile, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { ensurePulumiCli, pulumiEnv, repoRoot } from "../../scripts/pulumi-toolchain";

const run = promisify(execFile);

// The SDKs are generated from plugin-sdks/schema.json; this holds them to the schema the plugin itself serves
// once installed the Pulumi way, so an SDK never names a property the plugin does not know.

const version = (JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string }).version;
const tarball = path.join(repoRoot, "dist", "plugin", `pulumi-resource-vobiz-v${version}-linux-amd64.tar.gz`);

describe("the schema the installed vobiz plugin serves", () => {
  let home: string;

  beforeAll(async () => {
    // Built once per change of its sources (scripts/build-plugin.sh keeps a hash of them).
    execFileSync("bash", [path.join(repoRoot, "scripts", "build-plugin.sh")], { stdio: ["ignore", "ignore", "inherit"] });
    home = fs.mkdtempSync(path.join(os.tmpdir(), "vobiz-schema-home-"));
    await run("pulumi", ["plugin", "install", "resource", "vobiz", version, "--file", tarball], { env: pulumiEnv({ PULUMI_HOME: home, PATH: ensurePulumiCli() }) });
  }, 600_000);

  afterAll(() => {
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  it("is the committed plugin-sdks/schema.json the SDKs were generated from", async () => {
    // PATH holds the Pulumi CLI and no Node.js: the schema comes from the plugin's own executable.
    const { stdout } = await run("pulumi", ["package", "get-schema", `vobiz@${version}`], { env: pulumiEnv({ PULUMI_HOME: home, PATH: ensurePulumiCli() }), maxBuffer: 16 * 1024 * 1024 });
    const committed: unknown = JSON.parse(fs.readFileSync(path.join(repoRoot, "plugin-sdks", "schema.json"), "utf8"));
    expect(JSON.parse(stdout)).toEqual(committed);
  });
});
