import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import { ensurePulumiCli, repoRoot } from "../helpers/pulumi-stack";

// `npm run demo` is one of the README's two commands: it must keep working as written.
describe("the demo", () => {
  it("runs the quickstart on a fresh emulator: up, an empty preview, drift caught, converged, destroyed", async () => {
    const binDir = ensurePulumiCli();
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(repoRoot, "dist/scripts/demo.js")], {
      cwd: repoRoot,
      env: { ...process.env, PATH: `${binDir}${path.delimiter}${process.env["PATH"] ?? ""}`, PULUMI_HOME: path.join(repoRoot, ".cache", "pulumi-home") },
      maxBuffer: 32 * 1024 * 1024,
    });
    expect(stdout).toMatch(/emulator ledger: purchase \+\d+ -\d+ INR; purchase \+\d+ -\d+ INR/);
    expect(stdout).toContain("drift detected, as it should");
    expect(stdout).toMatch(/- 4 deleted/);
    expect(stdout).toMatch(/the demo made \d+ Vobiz API calls/);
  });
});
