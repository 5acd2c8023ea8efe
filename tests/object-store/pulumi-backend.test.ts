import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { crc32 } from "node:zlib";
import * as pulumi from "@pulumi/pulumi";
import { LocalWorkspace, PulumiCommand } from "@pulumi/pulumi/automation";
import { sendS3Request } from "../../scripts/object-store-s3-request";
import { startObjectStore, type RunningObjectStore } from "../helpers/object-store";
import { ensurePulumiCli, pulumiEnv, repoRoot } from "../../scripts/pulumi-toolchain";

// The first start on a machine builds SeaweedFS (about 4 minutes on 2 cores, more when the machine is busy).
const FIRST_START_TIMEOUT_MS = 20 * 60_000;
const CHECKSUM_WARNING = "Response has no supported checksum";

// A dynamic resource whose outputs depend on its inputs only: state worth keeping, no API behind it.
const echoProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    return { id: `echo-${inputs.word}`, outs: { word: inputs.word } };
  },
};

class Echo extends pulumi.dynamic.Resource {
  declare public readonly word: pulumi.Output<string>;
  constructor(name: string, word: string) {
    super(echoProvider, name, { word }, {}, "vobiz-test", "Echo");
  }
}

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

const crc32Base64 = (text: string): string => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(crc32(text) >>> 0);
  return bytes.toString("base64");
};

describe("the Pulumi CLI with its state in the object store", () => {
  const id = `${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
  const scratch = path.join(repoRoot, ".cache", "e2e", `object-store-${id}`);
  const projectName = "object-store-e2e";
  const passphrase = `passphrase-${id}`;
  let store: RunningObjectStore;

  beforeAll(async () => {
    store = await startObjectStore();
  }, FIRST_START_TIMEOUT_MS);

  afterAll(async () => {
    await store?.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  const cliEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv =>
    pulumiEnv({ PULUMI_BACKEND_URL: store.backendUrl, PULUMI_CONFIG_PASSPHRASE: passphrase, ...store.env, ...extra });

  /** Runs `pulumi <args>` in `cwd`; rejects with its output unless it exits with 0. */
  const cli = (cwd: string, args: string[], env: NodeJS.ProcessEnv = cliEnv()): Promise<CliRun> =>
    new Promise((resolve, reject) => {
      execFile("pulumi", args, { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        const run = { code: error ? Number(error.code ?? 1) : 0, stdout, stderr };
        if (error) reject(new Error(`pulumi ${args.join(" ")} exited with ${run.code}:\n${stdout}\n${stderr}`));
        else resolve(run);
      });
    });

  /** A folder with a Pulumi.yaml of the Node.js runtime, inside the repository so that @pulumi/pulumi resolves. */
  const projectDir = (name: string): string => {
    const dir = path.join(scratch, name);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${name}\nruntime: nodejs\n`);
    return dir;
  };

  /** The stack's checkpoint as the store holds it, read with SeaweedFS asked for the stored checksum. */
  const storedCheckpoint = (project: string, stack: string) =>
    sendS3Request(
      { endpoint: store.endpoint, region: store.region, credentials: { accessKeyId: store.accessKeyId, secretAccessKey: store.secretAccessKey } },
      { method: "GET", path: `/${store.bucket}/.pulumi/stacks/${project}/${stack}.json`, headers: { "x-amz-checksum-mode": "ENABLED" } },
    );

  it("runs stack init and up of an inline program with no checksum warning, and keeps the stack across a restart", async () => {
    const workDir = projectDir(projectName);
    const init = await cli(workDir, ["stack", "init", "shared", "--secrets-provider", "passphrase"]);

    const binDir = ensurePulumiCli();
    const stack = await LocalWorkspace.selectStack(
      { stackName: "shared", projectName, program: async () => ({ word: new Echo("greeting", "hello").word }) },
      {
        workDir,
        pulumiCommand: await PulumiCommand.get({ root: path.dirname(binDir) }),
        envVars: Object.fromEntries(Object.entries(cliEnv()).filter((entry): entry is [string, string] => entry[1] !== undefined)),
      },
    );
    const printed: string[] = [];
    const up = await stack.up({ color: "never", onOutput: (text) => printed.push(text), onError: (text) => printed.push(text) });
    expect(up.summary.resourceChanges).toEqual({ create: 2 });
    expect(up.outputs["word"]?.value).toBe("hello");

    const stored = await storedCheckpoint(projectName, "shared");
    expect(stored.status).toBe(200);
    expect(stored.body).toContain("pulumi-nodejs:dynamic/vobiz-test:Echo");
    // The CLI sent a CRC32 with the upload and SeaweedFS kept it: the reads above were verified against it.
    expect(stored.headers.get("x-amz-checksum-crc32")).toBe(crc32Base64(stored.body));

    const listedBefore = await cli(workDir, ["stack", "ls", "--json"]);
    for (const output of [init.stdout, init.stderr, printed.join(""), listedBefore.stdout, listedBefore.stderr]) {
      expect(output).not.toContain(CHECKSUM_WARNING);
    }

    store = await store.restart();

    const listed = await cli(workDir, ["stack", "ls", "--json"]);
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ name: "shared", resourceCount: 3 })]);
    const exported = await cli(workDir, ["stack", "export", "--stack", "shared"]);
    const resources = (JSON.parse(exported.stdout) as { deployment: { resources: { type: string; id?: string; outputs?: object }[] } }).deployment.resources;
    expect(resources.find((r) => r.type === "pulumi-nodejs:dynamic/vobiz-test:Echo")).toMatchObject({ id: "echo-hello", outputs: { word: "hello" } });
    for (const output of [listed.stderr, exported.stderr]) expect(output).not.toContain(CHECKSUM_WARNING);
  });

  it("without AWS_REQUEST_CHECKSUM_CALCULATION, stores state with no checksum and warns on reading it", async () => {
    const workDir = projectDir("object-store-unchecked");
    const env = cliEnv();
    delete env["AWS_REQUEST_CHECKSUM_CALCULATION"];
    await cli(workDir, ["stack", "init", "unchecked", "--secrets-provider", "passphrase"], env);

    const stored = await storedCheckpoint("object-store-unchecked", "unchecked");
    expect(stored.status).toBe(200);
    expect(stored.headers.get("x-amz-checksum-crc32")).toBeNull();
    const listed = await cli(workDir, ["stack", "ls"], env);
    expect(listed.stderr).toContain(CHECKSUM_WARNING);
  });
});
