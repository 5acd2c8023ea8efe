// A user's program, as it would be written against the package installed from its `npm pack` tarball:
// plain JavaScript, this directory's own @pulumi/pulumi, and `require("pulumi-vobiz")` by name.
// npm-pack.test.ts copies it into a fresh directory outside the repository and runs it there.
//
// stdout carries exactly two JSON lines (after `up`, after `destroy`); the CLI's own output goes to stderr.
// Between the two the driver waits for a line (or end of input) on stdin, so the test can look at the
// emulator while the stack is up.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const readline = require("node:readline");
const { LocalWorkspace } = require("@pulumi/pulumi/automation");

const workDir = __dirname;
const stateDir = path.join(workDir, "state");
const backendUrl = `file://${stateDir}`;

function env(name) {
  const value = process.env[name];
  if (!value) throw new Error(`driver.js needs ${name} in the environment`);
  return value;
}

async function program() {
  const { PhoneNumber, SubAccountAssignment } = require("pulumi-vobiz");
  const number = new PhoneNumber("main-line", { country: "IN", contains: "80", trunkGroupId: "trunk-pack" });
  const assignment = new SubAccountAssignment("main-line-to-demo", { e164: number.e164, subAccountId: "SA_DEMO0001" });
  return { e164: number.e164, trunkGroupId: number.trunkGroupId, subAccountId: assignment.subAccountId };
}

async function nextLineOfInput() {
  const lines = readline.createInterface({ input: process.stdin });
  for await (const _line of lines) break;
  lines.close();
}

// exportStack() runs `pulumi stack export --show-secrets`, so the default provider's inputs in it carry the
// auth token in plain text; only the dynamic resources (which hold no secret) are printed.
async function vobizResources(stack) {
  const resources = (await stack.exportStack()).deployment.resources ?? [];
  return resources
    .filter((resource) => resource.type.startsWith("pulumi-nodejs:dynamic"))
    .map(({ urn, type, id, outputs }) => ({ urn, type, id, outputs }));
}

async function main() {
  fs.mkdirSync(stateDir, { recursive: true });
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: "pack", projectName: "vobiz-pack", program },
    {
      workDir,
      // The environment's backend (if any) would win over the project's; this program keeps its state here.
      envVars: { PULUMI_BACKEND_URL: backendUrl },
      projectSettings: { name: "vobiz-pack", runtime: "nodejs", backend: { url: backendUrl } },
      secretsProvider: "passphrase",
    },
  );
  await stack.setAllConfig({
    "vobiz:authId": { value: env("VOBIZ_TEST_AUTH_ID") },
    "vobiz:authToken": { value: env("VOBIZ_TEST_AUTH_TOKEN"), secret: true },
    "vobiz:baseUrl": { value: env("VOBIZ_TEST_BASE_URL") },
  });
  const cli = { color: "never", onOutput: (text) => process.stderr.write(text) };

  const up = await stack.up(cli);
  await stack.preview({ ...cli, expectNoChanges: true });
  await stack.refresh({ ...cli, previewOnly: true, expectNoChanges: true });
  const outputs = Object.fromEntries(Object.entries(up.outputs).map(([key, output]) => [key, output.value]));
  console.log(JSON.stringify({ step: "up", outputs, resources: await vobizResources(stack) }));

  await nextLineOfInput();
  const destroy = await stack.destroy(cli);
  console.log(JSON.stringify({ step: "destroy", changes: destroy.summary.resourceChanges, remaining: await vobizResources(stack) }));
}

main().catch((error) => {
  process.stderr.write(`driver.js failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
