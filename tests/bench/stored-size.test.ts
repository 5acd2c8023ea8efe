import * as path from "node:path";
import type { RunningEmulator } from "../../emulator";
import { accountStocking, NUMBER_PREFIX } from "../../scripts/refresh-workload";
import { installedProject } from "../../scripts/installed-project";
import { ProjectStack } from "../../scripts/project-stack";
import type { StateResource } from "../helpers/pulumi-stack";
import { repoRoot } from "../../scripts/pulumi-toolchain";

const COUNT = 3;

// What each resource costs in the checkpoint, which the engine rewrites after every step of an `up`. A
// program that installed the package stores the provider as a `require` of one of its modules, not a copy.
describe("state per resource, from project folders that installed the package", () => {
  let emulator: RunningEmulator;
  const stacks: ProjectStack[] = [];
  let ours: StateResource[];
  let noOp: StateResource[];

  beforeAll(async () => {
    ({ emulator } = await accountStocking(COUNT));
    const settings = { count: String(COUNT), prefix: NUMBER_PREFIX };
    const [numbersDir, noOpDir] = await Promise.all(["phone-numbers", "no-op"].map((folder) => installedProject(path.join(repoRoot, "bench", folder))));
    const numbers = await ProjectStack.init({ dir: numbersDir as string, name: "size-numbers" });
    const floor = await ProjectStack.init({ dir: noOpDir as string, name: "size-no-op" });
    stacks.push(numbers, floor);
    const { master } = emulator.credentials;
    await numbers.configure({ ...settings, mode: "exact", "vobiz:authId": master.authId, "vobiz:baseUrl": emulator.baseUrl }, { "vobiz:authToken": master.authToken });
    await floor.configure(settings);
    await Promise.all([numbers.up(["--skip-preview"]), floor.up(["--skip-preview"])]);
    ours = numbers.resourcesOfType("PhoneNumber");
    noOp = floor.resourcesOfType("NoOp");
  });
  afterAll(async () => {
    for (const stack of stacks) await stack.dispose();
    await emulator.close();
  });

  const bytes = (value: unknown) => Buffer.byteLength(typeof value === "string" ? value : JSON.stringify(value));

  it("stores __provider as a require of the package's provider module, under 1 KB, in the inputs and the outputs", () => {
    expect(ours).toHaveLength(COUNT);
    for (const resource of ours) {
      for (const props of [resource.inputs, resource.outputs]) {
        const provider = String(props?.["__provider"]);
        expect(provider).toContain('require("pulumi-vobiz/provider/phone-number-provider")');
        expect(provider).not.toContain("function /*create*/");
        expect(bytes(provider)).toBeLessThanOrEqual(1024);
      }
    }
  });

  it("stores at most 1.5 times what the no-op dynamic resource stores, per resource", () => {
    expect(noOp).toHaveLength(COUNT);
    const perResource = (resources: StateResource[]) => resources.reduce((sum, r) => sum + bytes(r), 0) / resources.length;
    expect(perResource(ours)).toBeLessThanOrEqual(1.5 * perResource(noOp));
  });
});
