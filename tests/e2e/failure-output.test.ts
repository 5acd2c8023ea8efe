import * as path from "node:path";
import type { RunningEmulator } from "../../emulator";
import { startEmulator } from "../../emulator";
import { installedProject } from "../../scripts/installed-project";
import { ProjectStack, type CliRun } from "../../scripts/project-stack";
import { repoRoot } from "../../scripts/pulumi-toolchain";

/** The part of the CLI's output under "Diagnostics:", where the engine reports each failure. */
function diagnostics(run: CliRun): string {
  return /\nDiagnostics:\n([\s\S]*?)\n(Outputs|Resources):/.exec(run.stdout)?.[1] ?? "";
}

function occurrences(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

/**
 * A failed run reports the message once for each resource it failed for, under that resource, and has
 * none of what a person reading it should not have to wade through.
 */
function expectReadableFailure(run: CliRun, message: string, failedResources = 1): void {
  const printed = `${run.stdout}\n${run.stderr}`;
  expect(run.code).not.toBe(0);
  expect(occurrences(diagnostics(run), message)).toBe(failedResources);
  expect(printed).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(printed).not.toMatch(/Error: [^\n]+: Error: /);
  expect(printed).not.toContain("failed to deliver log message");
  expect(printed).not.toContain("Channel has been shut down");
}

// A failed command from a project folder says what went wrong once, in words, without stack traces.
describe("failure output of the pulumi command", () => {
  let emulator: RunningEmulator;
  let stack: ProjectStack | undefined;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
  });
  afterEach(async () => {
    await emulator.control.clearFaults();
    await stack?.dispose();
    stack = undefined;
  });
  afterAll(() => emulator.close());

  async function quickstart(settings: Record<string, string> = {}): Promise<ProjectStack> {
    const dir = await installedProject(path.join(repoRoot, "examples", "quickstart"));
    stack = await ProjectStack.init({ dir, name: "failure-output" });
    await stack.configure(
      { "vobiz:baseUrl": emulator.baseUrl, "vobiz:authId": emulator.credentials.master.authId, ...settings },
      { "vobiz:authToken": emulator.credentials.master.authToken },
    );
    return stack;
  }

  it("reports a cool-off refusing destroy once, with no stack trace", async () => {
    const s = await quickstart();
    await s.up();
    const sales = String((await s.outputs())["salesNumber"]);
    await emulator.control.setLastCall(sales, await emulator.control.now());

    const refused = await s.destroy([], { expect: "failure" });
    expectReadableFailure(refused, `Cannot move ${sales} out of sub-account SA_DEMO0001 yet`);
    expect(diagnostics(refused)).toMatch(/cool_off_until=\S+.*Ways out: run the same command again after/);
    expect(s.resourcesOfType("SubAccountAssignment")).toHaveLength(1);
    await emulator.control.advanceClock(15 * 86_400);
  });

  it("reports a failed refresh once, with no stack trace", async () => {
    const s = await quickstart();
    await s.up();
    await emulator.control.injectFault({ match: { method: "GET", path_contains: "/numbers" }, kind: "status", status: 500, times: 20 });

    const failed = await s.refresh([], { expect: "failure" });
    // Each of the three resources' reads fails, on the listing they share.
    expectReadableFailure(failed, "Vobiz answered 500", 3);
  });

  it("reports a failed create once, with no stack trace and no lost log messages", async () => {
    const s = await quickstart({ salesSubAccountId: "SA_NOSUCH01" });
    const failed = await s.up([], { expect: "failure" });
    expectReadableFailure(failed, "to sub-account SA_NOSUCH01 failed: Vobiz answered 404");
  });
});
