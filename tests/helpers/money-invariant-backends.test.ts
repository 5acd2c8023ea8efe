import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { onStackCreated, ProjectStack, type CreatedStack } from "../../scripts/project-stack";
import { ensurePulumiCli } from "../../scripts/pulumi-toolchain";
import { expectOneOwnerPerNumber } from "./money-invariant";

const phoneNumber = (name: string, e164: string) => ({
  urn: `urn:pulumi:records::invariant-backends::vobiz:index:PhoneNumber::${name}`,
  type: "vobiz:index:PhoneNumber",
  custom: false,
  outputs: { e164, status: "active" },
});

// The invariant reads every stack a test makes, also one whose backend is not a folder of its own (an object
// store, or a file backend another stack shares), through `pulumi stack export`.
describe("the one-owner check, on a stack of a backend given by URL", () => {
  let dir: string;
  let stack: ProjectStack;
  let created: CreatedStack | undefined;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "vobiz-invariant-backends-"));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: invariant-backends\nruntime: yaml\n");
    fs.mkdirSync(path.join(dir, "backend"));
    onStackCreated((made) => (created = made));
    stack = await ProjectStack.init({ dir, name: "records", stackName: "records", backendUrl: `file://${path.join(dir, "backend")}`, env: { PATH: ensurePulumiCli() } });
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("reads it through pulumi stack export and names a number two of its resources record, until the stack is removed", async () => {
    const deployment = { version: 3, deployment: { manifest: { time: new Date().toISOString(), magic: "", version: "" }, resources: [phoneNumber("a", "+15550100"), phoneNumber("b", "+15550100")] } };
    fs.writeFileSync(path.join(dir, "deployment.json"), JSON.stringify(deployment));
    await stack.pulumi(["stack", "import", "--file", "deployment.json"]);
    expect(created).toBeDefined();
    await expect(expectOneOwnerPerNumber([created as CreatedStack])).rejects.toThrow("+15550100 is recorded by 2 resources: urn:pulumi:records::invariant-backends::vobiz:index:PhoneNumber::a");

    await stack.pulumi(["stack", "rm", "--yes", "--force"]);
    expect(await (created as CreatedStack).checkpoint()).toBeUndefined();
  });
});
