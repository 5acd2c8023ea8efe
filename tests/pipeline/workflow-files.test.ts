import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { repoRoot } from "../../scripts/pulumi-toolchain";

interface WorkflowStep {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, unknown>;
  env: Record<string, string>;
  concurrency?: { group: string; "cancel-in-progress": boolean };
  jobs: Record<string, { steps: WorkflowStep[] }>;
}

const ciDir = path.join(repoRoot, "examples", "fleet", "ci");
const workflows = Object.fromEntries(
  fs.readdirSync(ciDir).map((file) => [file, parse(fs.readFileSync(path.join(ciDir, file), "utf8")) as Workflow]),
);
const steps = (workflow: Workflow): WorkflowStep[] => Object.values(workflow.jobs).flatMap((job) => job.steps);
// The setup a runner needs before the pipeline: the repository, Node.js, the Pulumi CLI. Nothing else runs.
const SETUP_ACTIONS = ["actions/checkout@v4", "actions/setup-node@v4", "pulumi/actions@v6"];

// The workflow files only set up a runner and call pipeline.sh, whose every step
// tests/e2e/fleet-pipeline.test.ts runs: so a test of the script is a test of the pipeline.
describe("the fleet's GitHub Actions workflow files", () => {
  it("are the three pipeline steps, each on its own trigger", () => {
    expect(Object.keys(workflows).sort()).toEqual(["drift.yml", "preview.yml", "up.yml"]);
    expect(Object.keys(workflows["preview.yml"]?.on ?? {})).toEqual(["pull_request"]);
    expect(workflows["up.yml"]?.on).toMatchObject({ push: { branches: ["main"] } });
    expect(workflows["drift.yml"]?.on).toMatchObject({ schedule: [{ cron: expect.any(String) }] });
  });

  it("run nothing but the setup, npm install and pipeline.sh, and every step they call is tested end to end", () => {
    const e2e = fs.readFileSync(path.join(repoRoot, "tests", "e2e", "fleet-pipeline.test.ts"), "utf8");
    for (const [file, workflow] of Object.entries(workflows)) {
      const commands = steps(workflow).flatMap((step) => (step.run === undefined ? [] : [step.run]));
      const actions = steps(workflow).flatMap((step) => (step.uses === undefined ? [] : [step.uses]));
      expect({ file, actions }).toEqual({ file, actions: SETUP_ACTIONS });
      expect({ file, commands }).toEqual({ file, commands: ["npm install", `./pipeline.sh ${file.replace(".yml", "")}`] });
      expect(e2e).toContain(`step("${file.replace(".yml", "")}"`);
    }
  });

  it("never run two applies at once and take every secret from the CI's secret store", () => {
    for (const file of ["up.yml", "drift.yml"]) expect(workflows[file]?.concurrency).toEqual({ group: "vobiz-fleet-prod", "cancel-in-progress": false });
    for (const [file, workflow] of Object.entries(workflows)) {
      for (const name of ["VOBIZ_AUTH_TOKEN", "PULUMI_CONFIG_PASSPHRASE", "AWS_SECRET_ACCESS_KEY", "AWS_ACCESS_KEY_ID"]) {
        expect({ file, name, value: workflow.env[name] }).toEqual({ file, name, value: expect.stringMatching(/^\$\{\{ secrets\.[A-Z_]+ \}\}$/) });
      }
    }
  });
});
