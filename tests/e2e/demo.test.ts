import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify, stripVTControlCharacters } from "node:util";
import { node22BinDir, repoRoot } from "../../scripts/pulumi-toolchain";

const run = promisify(execFile);

// `npm run demo` is one of the README's two commands: it runs the quickstart folder through the `pulumi`
// command, printing each command so it can be typed again by hand.
describe("the demo", () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "vobiz-demo-"));
  const env = {
    ...process.env,
    PATH: [node22BinDir, process.env["PATH"] ?? ""].join(path.delimiter),
    // A backend and Pulumi home of the test's own; the demo's stack is then the only one they know.
    PULUMI_BACKEND_URL: `file://${scratch}`,
    PULUMI_HOME: path.join(scratch, "home"),
    PULUMI_CONFIG_PASSPHRASE: "demo-test",
  };
  const pulumi = (args: string[]) => run("bash", [path.join(repoRoot, "scripts/pulumi.sh"), ...args], { cwd: repoRoot, env });
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it("buys, routes and assigns, catches and repairs drift, shows the cool-off refusal resolve, and cleans up after an interrupted run", async () => {
    // What an interrupted earlier run leaves: a stack named demo, and its settings file.
    await pulumi(["stack", "init", "demo"]);
    await pulumi(["config", "set", "vobiz:authId", "MA_LEFTOVER"]);

    const { stdout } = await run(process.execPath, [path.join(repoRoot, "dist/scripts/demo.js")], { cwd: repoRoot, env, maxBuffer: 32 * 1024 * 1024 });
    const text = stripVTControlCharacters(stdout);

    const commands = text.split("\n").filter((line) => line.startsWith("$ "));
    expect(commands).toEqual([
      expect.stringMatching(/^\$ npx vobiz-emulator --port \d+ &$/),
      "$ npm run pulumi -- stack rm demo --yes --force",
      "$ npm run pulumi -- stack init demo",
      expect.stringMatching(/^\$ npm run pulumi -- config set vobiz:baseUrl http:\/\/127\.0\.0\.1:\d+\/api$/),
      "$ npm run pulumi -- config set vobiz:authId MA_DEMO0001",
      "$ npm run pulumi -- config set --secret vobiz:authToken emu-token-MA_DEMO0001",
      "$ npm run pulumi -- up --yes",
      expect.stringMatching(/^\$ curl -s -X DELETE '.*\/numbers\/%2B91\d+\/assign' -H 'X-Auth-ID: MA_DEMO0001' -H 'X-Auth-Token: emu-token-MA_DEMO0001'$/),
      "$ npm run pulumi -- refresh --preview-only --expect-no-changes",
      "$ npm run pulumi -- up --refresh --yes",
      expect.stringMatching(/^\$ curl -s -X POST '.*\/__emulator\/numbers\/%2B1\d+\/last-call' .* -d '\{"at":"[^"]+"\}'$/),
      "$ npm run pulumi -- destroy --yes",
      expect.stringMatching(/^\$ curl -s -X POST '.*\/__emulator\/clock' .* -d '\{"advance_seconds":1296000\}'$/),
      "$ npm run pulumi -- destroy --yes",
      "$ npm run pulumi -- stack rm demo --yes",
    ]);

    // The table after up: both numbers with owner, routing and fee, and the monthly total.
    const table = /number +owner +routing +monthly fee\n-+.*\n(\+\d+ +MA_DEMO0001 +trunk 2f6b1c3e\S* +\d+ INR\n\+1\d+ +SA_DEMO0001 +application 20577609616603585 +\d+ INR|\+1\d+ +SA_DEMO0001 +application 20577609616603585 +\d+ INR\n\+\d+ +MA_DEMO0001 +trunk 2f6b1c3e\S* +\d+ INR)\n-+.*\nmonthly total +(\d+) INR/.exec(text);
    expect(table).not.toBeNull();
    const fees = [...(table?.[1] ?? "").matchAll(/(\d+) INR/g)].map((m) => Number(m[1]));
    expect(Number(table?.[2])).toBe(fees.reduce((a, b) => a + b, 0));

    expect(text).toMatch(/support-line update \[diff: -trunkGroupId\]\n[\s\S]*error: no changes were expected for refresh but changes were proposed\n\(exit code \d+: drift detected\)/);
    expect(text).toMatch(/support-line updated \(.*\) \[diff: \+trunkGroupId\]/);
    expect(text).toMatch(/error: Cannot move \+1\d+ out of sub-account SA_DEMO0001 yet: Vobiz refused with did_cool_off_in_effect.*cool_off_until=/);
    expect(text).toMatch(/Resources:\n\s+- 4 deleted/);
    expect(text).toMatch(/Stack 'demo' has been removed!/);
    expect(text.trimEnd()).toMatch(/Against the real Vobiz API[\s\S]*cd examples\/quickstart && npm install[\s\S]*pulumi config set --secret vobiz:authToken[\s\S]*pulumi up$/);

    expect(fs.existsSync(path.join(repoRoot, "Pulumi.demo.yaml"))).toBe(false);
    const stacks = await pulumi(["stack", "ls", "--json"]);
    expect(JSON.parse(stacks.stdout)).toEqual([]);
  });
});
