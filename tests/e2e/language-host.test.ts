import * as path from "node:path";
import { installedProject } from "../../scripts/installed-project";
import { ProjectStack } from "../../scripts/project-stack";
import { repoRoot } from "../../scripts/pulumi-toolchain";

// The Node.js language host the toolchain builds is v3.68.0 (see scripts/ensure-pulumi.sh). It predates
// parts of the engine's protocol; these are the places where that shows to a user, pinned so that a
// different host is noticed.
describe("the Node.js language host", () => {
  let stack: ProjectStack;

  beforeAll(async () => {
    stack = await ProjectStack.init({ dir: await installedProject(path.join(__dirname, "language-host", "program")), name: "host" });
  }, 300_000);
  afterAll(() => stack.dispose());

  it("is the one the toolchain provides, and installs a folder's dependencies for `pulumi install`", async () => {
    const about = await stack.pulumi(["about"]);
    expect(about.stdout).toMatch(/^language\s+nodejs\s+3\.68\.0$/m);
    const install = await stack.script("pulumi install");
    expect(install.stdout + install.stderr).toMatch(/Finished installing dependencies/);
  });

  it("is what `npm run pulumi` runs, from any project folder", async () => {
    const preview = await stack.script(`npm --prefix ${JSON.stringify(repoRoot)} run --silent pulumi -- preview --stack ${stack.stackName}`);
    expect(preview.stdout).toMatch(/Previewing update \(host-/);
    expect(preview.stdout).toMatch(/pulumi:pulumi:Stack +vobiz-language-host-host-\S+ +create/);
  });

  it("runs a project without the runtime options of Pulumi.yaml, which only newer hosts read", async () => {
    await stack.up();
    // Pulumi.yaml asks for `nodeargs` and `typescript: false`; this host passes neither on. The README says
    // to use NODE_OPTIONS and PULUMI_NODEJS_TSCONFIG_PATH in the environment instead.
    const plain = await stack.outputs();
    expect(plain).toMatchObject({ nodeArguments: "", typescriptRegistered: true });
    expect(Math.abs(Number(plain["heapLimitMb"]) - 321)).toBeGreaterThan(100);
    await stack.up([], { env: { NODE_OPTIONS: "--max-old-space-size=321" } });
    expect(Number((await stack.outputs())["heapLimitMb"])).toBeGreaterThanOrEqual(321);
    expect(Number((await stack.outputs())["heapLimitMb"])).toBeLessThan(421);
  });
});
