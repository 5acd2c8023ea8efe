import { execFileSync } from "node:child_process";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { repoRoot, TestStack } from "../helpers/pulumi-stack";

// The smallest dynamic resource that exercises every engine step: its outputs depend on its inputs only.
const echoProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    return { id: `echo-${inputs.word}`, outs: { word: inputs.word, length: String(inputs.word).length } };
  },
  async diff(_id, olds, news) {
    return { changes: olds.word !== news.word, replaces: olds.word !== news.word ? ["word"] : [] };
  },
  async read(id, props) {
    return { id, props: props ?? {} };
  },
  async delete() {},
};

class Echo extends pulumi.dynamic.Resource {
  declare public readonly length: pulumi.Output<number>;
  constructor(name: string, word: string) {
    super(echoProvider, name, { word, length: undefined }, {}, "vobiz-test", "Echo");
  }
}

describe("the Pulumi engine in the test loop", () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await TestStack.create({
      name: "smoke",
      program: async () => ({ length: new Echo("hello", "hello").length }),
    });
  });

  afterAll(() => stack?.dispose());

  it("runs a dynamic resource through up, an empty preview, refresh and destroy with the real CLI", async () => {
    const up = await stack.up();
    expect(up.summary.resourceChanges).toEqual({ create: 2 });
    expect(up.outputs["length"]?.value).toBe(5);
    const [echo] = stack.resourcesOfType("Echo");
    expect(echo?.type).toBe("pulumi-nodejs:dynamic/vobiz-test:Echo");
    expect(echo?.id).toBe("echo-hello");

    const preview = await stack.preview({ expectNoChanges: true });
    expect(preview.changeSummary).toEqual({ same: 2 });

    const refresh = await stack.refresh({ previewOnly: true, expectNoChanges: true });
    expect(refresh.summary.result).toBe("succeeded");

    const destroy = await stack.destroy();
    expect(destroy.summary.resourceChanges).toEqual({ delete: 2 });
    expect(stack.resourcesOfType("Echo")).toEqual([]);
  });

  it("serves `npm run pulumi -- version` from the repository's own CLI", () => {
    const printed = execFileSync("bash", [path.join(repoRoot, "scripts/pulumi.sh"), "version"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
    expect(printed).toMatch(/^v3\.\d+\.\d+/);
  });
});
