import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { repoRoot } from "../../scripts/pulumi-toolchain";

const cli = path.join(repoRoot, "dist", "pipeline", "cli.js");
const report = (args: string[], input = "") => spawnSync(process.execPath, [cli, ...args], { input, encoding: "utf8" });

// The command the fleet's pipeline.sh runs; its own tests of the steps are tests/e2e/fleet-pipeline.test.ts.
describe("vobiz-pipeline-report as a command", () => {
  it("writes the Markdown summary of a preview read from standard input", () => {
    const preview = { steps: [{ op: "create", urn: "urn:pulumi:prod::fleet::pulumi-nodejs:dynamic/vobiz:PhoneNumber::line", newState: { type: "pulumi-nodejs:dynamic/vobiz:PhoneNumber", inputs: { e164: "+14155550123" } } }] };
    const run = report(["summary", "--stack", "prod", "-"], JSON.stringify(preview));
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("| buy | line | +14155550123 | not routed | known at purchase |");
  });

  it("exits 1 with the refusal at the top of the summary when the plan breaks a stack cap", () => {
    const create = (name: string) => ({
      op: "create",
      urn: `urn:pulumi:prod::fleet::pulumi-nodejs:dynamic/vobiz:PhoneNumber::${name}`,
      newState: { type: "pulumi-nodejs:dynamic/vobiz:PhoneNumber", inputs: { country: "IN", maxMonthlyFee: 500 } },
    });
    const preview = { config: { "vobiz:maxNumbers": "1" }, steps: [create("one"), create("two")] };
    const refused = report(["summary", "--stack", "prod", "-"], JSON.stringify(preview));
    expect(refused.status).toBe(1);
    expect(refused.stdout).toMatch(/^### .*\n\n\*\*Refused:\*\* .*\n\n- The plan leaves the stack with 2 numbers, more than the stack's vobiz:maxNumbers \(1\)\.\n/);
    const allowed = report(["summary", "--stack", "prod", "-"], JSON.stringify({ ...preview, config: { "vobiz:maxNumbers": "2" } }));
    expect(allowed.status).toBe(0);
    expect(allowed.stdout).toContain("| vobiz:maxNumbers | 2 | 2 numbers after this plan |");
  });

  it("prints one line per drift and exits 1, or exits 0 when nothing drifted", () => {
    const drifted = JSON.stringify({
      resOutputsEvent: {
        metadata: {
          op: "update",
          urn: "urn:pulumi:prod::fleet::pulumi-nodejs:dynamic/vobiz:PhoneNumber::line",
          old: { type: "pulumi-nodejs:dynamic/vobiz:PhoneNumber", inputs: { applicationId: "app-1" }, outputs: { e164: "+14155550123" } },
          new: { type: "pulumi-nodejs:dynamic/vobiz:PhoneNumber", inputs: {} },
        },
      },
    });
    expect(report(["drift", "-"], drifted)).toMatchObject({ status: 1, stdout: "drift: line (+14155550123): applicationId app-1 → (none)\n" });
    expect(report(["drift", "-"], JSON.stringify({ preludeEvent: {} }))).toMatchObject({ status: 0, stdout: "" });
  });

  it("says what it expected when the input is not the engine's output, and documents itself", () => {
    const broken = report(["summary", "--stack", "prod", "-"], "error: stack not found");
    expect(broken.status).toBe(2);
    expect(broken.stderr).toBe("vobiz-pipeline-report: expected the JSON that `pulumi preview --json` prints, got: error: stack not found\n");
    expect(report(["--help"]).stdout).toMatch(/summary .*\n.*drift /s);
    expect(report(["--version"]).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
