import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { sendS3Request } from "../../scripts/object-store-s3-request";
import { VobizClient } from "../../sdk";
import { installedProject } from "../../scripts/installed-project";
import { startObjectStore, type RunningObjectStore } from "../helpers/object-store";
import { ProjectStack, type CliRun } from "../../scripts/project-stack";
import { repoRoot } from "../../scripts/pulumi-toolchain";

const SALES = "+14152055457";

// The GitOps kit as a pipeline runs it: examples/fleet/pipeline.sh, with the state in a real S3 object
// store and Vobiz played by the emulator. The workflow files in examples/fleet/ci call nothing else.
describe("the fleet's pipeline steps, with state in an object store", () => {
  let emulator: RunningEmulator;
  let store: RunningObjectStore;
  let dir: string;
  let stack: ProjectStack;
  let summaryFile: string;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    store = await startObjectStore();
    // The steps write numbers.yaml and settings files: a folder of this suite's own.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "vobiz-fleet-pipeline-"));
    fs.cpSync(await installedProject(path.join(repoRoot, "examples", "fleet")), dir, { recursive: true });
    summaryFile = path.join(dir, "summary.md");
    const { authId, authToken } = emulator.credentials.master;
    stack = ProjectStack.create({
      dir,
      name: "pipeline",
      stackName: "prod",
      backendUrl: store.backendUrl,
      ownHome: true,
      env: {
        ...store.env,
        PULUMI_STACK: "prod",
        PREVIEW_SUMMARY: summaryFile,
        VOBIZ_AUTH_ID: authId,
        VOBIZ_AUTH_TOKEN: authToken,
        VOBIZ_BASE_URL: emulator.baseUrl,
      },
    });
  }, 900_000);

  afterAll(async () => {
    await stack?.pulumi(["destroy", "--yes"], { expect: "any" });
    await store?.stop();
    await emulator?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function step(name: "preview" | "up" | "drift", expect: "success" | "failure" = "success"): Promise<CliRun> {
    return stack.script(`./pipeline.sh ${name}`, { expect });
  }

  async function purchases(): Promise<string[]> {
    return (await emulator.control.ledger()).filter((row) => row.kind === "purchase").map((row) => row.e164);
  }

  it("previews the fleet with a summary, applies it, names drift made outside Pulumi, repairs it", async () => {
    await step("preview");
    const summary = fs.readFileSync(summaryFile, "utf8");
    expect(summary).toMatch(/^### Vobiz numbers: `pulumi preview` of stack `prod`/);
    expect(summary).toMatch(/\| buy \| support-bengaluru \| a number in IN containing 9180 \| trunk 2f6b1c3e-4d5a-4b7c-9e8f-0a1b2c3d4e5f \| at most 1000 \|/);
    expect(summary).toContain(`| buy | sales-us | ${SALES} | application 20577609616603585 | known at purchase |`);
    expect(summary).toContain(`| assign | sales-us-sub-account | ${SALES} | hand to SA_DEMO0002 |  |`);
    expect(summary).toMatch(/\*\*Monthly fees:\*\* no known change, plus \d+ new numbers priced when Vobiz picks them\./);
    expect(await purchases()).toEqual([]);

    await step("up");
    const numbers = (await stack.outputs())["numbers"] as Record<string, string>;
    expect((await purchases()).sort()).toEqual(Object.values(numbers).sort());
    expect(await emulator.control.getNumber(SALES)).toMatchObject({ owner: "SA_DEMO0002", application_id: "20577609616603585" });
    await step("drift");

    // Someone changes two numbers in the Vobiz console.
    const console = new VobizClient({ ...emulator.credentials.master, baseUrl: emulator.baseUrl });
    const bengaluru = numbers["support-bengaluru"] ?? "";
    await console.unassignTrunk(bengaluru);
    await console.unassignSubAccount(SALES);
    await console.assignSubAccount(SALES, "SA_DEMO0001");

    const drift = await step("drift", "failure");
    expect(drift.stdout).toContain(`drift: support-bengaluru (${bengaluru}): trunkGroupId 2f6b1c3e-4d5a-4b7c-9e8f-0a1b2c3d4e5f → (none)`);
    expect(drift.stdout).toContain(`drift: sales-us-sub-account (${SALES}): subAccountId SA_DEMO0002 → SA_DEMO0001`);
    expect(drift.stdout.match(/^drift: /gm)).toHaveLength(2);

    await step("up");
    expect(await emulator.control.getNumber(bengaluru)).toMatchObject({ trunk_group_id: "2f6b1c3e-4d5a-4b7c-9e8f-0a1b2c3d4e5f" });
    expect(await emulator.control.getNumber(SALES)).toMatchObject({ owner: "SA_DEMO0002" });
    expect((await step("drift")).stdout).toContain("pipeline: no drift");
    expect((await purchases()).length).toBe(Object.keys(numbers).length);
  });

  it("refuses a second up on the same stack while the first holds the lock, and keeps the state intact", async () => {
    const fleetFile = path.join(dir, "numbers.yaml");
    fs.appendFileSync(fleetFile, "\n  support-delhi:\n    country: IN\n    contains: \"9111\"\n");
    // Purchases answer slowly, so the first run still holds the lock when the second one starts.
    await emulator.control.injectFault({ match: { method: "POST", path_contains: "purchase" }, kind: "latency", latency_ms: 4000, times: 1 });
    const first = step("up", "success");
    await waitForLock();
    const second = await step("up", "failure");
    expect(second.stdout + second.stderr).toMatch(/the stack is currently locked by 1 lock\(s\)/);
    await first;

    const state = JSON.parse((await stack.pulumi(["stack", "export"])).stdout) as { deployment: { resources: { type: string }[] } };
    expect(state.deployment.resources.filter((r) => r.type.endsWith(":PhoneNumber"))).toHaveLength(Object.keys((await stack.outputs())["numbers"] as object).length);
    expect((await purchases()).filter((e164) => e164.startsWith("+9111"))).toHaveLength(1);
    await step("drift");
  });

  it("keeps the state across a restart of the object store", async () => {
    const before = (await stack.pulumi(["stack", "export"])).stdout;
    store = await store.restart();
    const stacks = JSON.parse((await stack.pulumi(["stack", "ls", "--json"])).stdout) as { name: string }[];
    expect(stacks.map((s) => s.name)).toEqual(["prod"]);
    expect((await stack.pulumi(["stack", "export"])).stdout).toBe(before);
    await step("drift");
  });

  it("reports every bad entry of numbers.yaml with its line and column, before any API call", async () => {
    const fleetFile = path.join(dir, "numbers.yaml");
    const good = fs.readFileSync(fleetFile, "utf8");
    fs.writeFileSync(
      fleetFile,
      [
        "numbers:",
        "  both-routings:",
        "    country: IN",
        "    trunkGroupId: t-1",
        "    applicationId: a-1",
        "  adopt-without-number:",
        "    country: US",
        "    adopt: true",
        "  bad-number:",
        '    e164: "12345"',
        "",
      ].join("\n"),
    );
    await emulator.control.resetRequests();
    try {
      const refused = await step("preview", "failure");
      const located = new Set([...(refused.stdout + refused.stderr).matchAll(/numbers\.yaml:(\d+):\d+/g)].map((m) => Number(m[1])));
      // The engine shows the program's error twice (progress and diagnostics); the places are the same three.
      expect([...located].sort((a, b) => a - b)).toEqual([5, 8, 10]);
      expect(refused.stdout + refused.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
      expect((await emulator.control.requests()).total).toBe(0);
    } finally {
      fs.writeFileSync(fleetFile, good);
    }
  });

  /** Waits until the bucket holds a lock file for the stack, as the first `up` takes it. */
  async function waitForLock(): Promise<void> {
    const target = { endpoint: store.endpoint, region: store.region, credentials: store };
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const listing = await sendS3Request(target, { method: "GET", path: `/${store.bucket}`, query: { "list-type": "2", prefix: ".pulumi/locks/" } });
      if (listing.body.includes("<Key>.pulumi/locks/")) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error("the first `pipeline.sh up` never took the stack's lock");
  }
});
