import * as fs from "node:fs";
import * as path from "node:path";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { startEmulator } from "../emulator";
import { VobizClient } from "../sdk";
import quickstart from "../quickstart";

const root = path.resolve(__dirname, "../..");

function banner(text: string): void {
  process.stdout.write(`\n\x1b[1m== ${text}\x1b[0m\n`);
}

/**
 * Runs the quickstart program against a fresh local emulator through the real Pulumi CLI: up, an empty
 * preview, drift made behind Pulumi's back and caught by refresh, convergence, and destroy.
 */
async function main(): Promise<void> {
  const emulator = await startEmulator({ port: 0 });
  const { master } = emulator.credentials;
  banner(`Vobiz emulator on ${emulator.baseUrl} (account ${master.authId})`);
  const workDir = path.join(root, ".cache", "demo");
  fs.mkdirSync(path.join(workDir, "state"), { recursive: true });
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: "demo", projectName: "vobiz-quickstart", program: quickstart },
    {
      workDir,
      projectSettings: { name: "vobiz-quickstart", runtime: "nodejs", backend: { url: `file://${path.join(workDir, "state")}` } },
      secretsProvider: "passphrase",
      envVars: { PULUMI_CONFIG_PASSPHRASE: process.env["PULUMI_CONFIG_PASSPHRASE"] ?? "vobiz-demo" },
    },
  );
  const print = (text: string) => process.stdout.write(text);
  try {
    await stack.setAllConfig({
      "vobiz:authId": { value: master.authId },
      "vobiz:authToken": { value: master.authToken, secret: true },
      "vobiz:baseUrl": { value: emulator.baseUrl },
    });

    banner("pulumi up: buy, route and assign the quickstart's numbers");
    const up = await stack.up({ onOutput: print, color: "always" });
    for (const [name, output] of Object.entries(up.outputs)) print(`  ${name}: ${JSON.stringify(output.value)}\n`);
    const ledger = await emulator.control.ledger();
    print(`  emulator ledger: ${ledger.map((e) => `${e.kind} ${e.e164} ${e.amount} ${e.currency}`).join("; ")}\n`);

    banner("pulumi preview --expect-no-changes: the program and the account agree");
    await stack.preview({ onOutput: print, color: "always", expectNoChanges: true });

    banner("Someone detaches the support line's trunk in the Vobiz console...");
    const client = new VobizClient({ authId: master.authId, authToken: master.authToken, baseUrl: emulator.baseUrl });
    await client.unassignTrunk(String(up.outputs["supportNumber"]?.value));
    try {
      await stack.refresh({ onOutput: print, color: "always", previewOnly: true, expectNoChanges: true });
      throw new Error("the drift check did not notice the detached trunk");
    } catch (error) {
      if (error instanceof Error && error.message.startsWith("the drift check")) throw error;
      print("  pulumi refresh --preview-only --expect-no-changes failed: drift detected, as it should\n");
    }

    banner("pulumi up --refresh: converge back to the program");
    await stack.up({ onOutput: print, color: "always", refresh: true });

    banner("pulumi destroy: release the numbers (cancellable for 24 hours)");
    await stack.destroy({ onOutput: print, color: "always" });
    const requests = await emulator.control.requests();
    print(`  the demo made ${requests.total} Vobiz API calls\n`);
  } finally {
    await stack.workspace.removeStack("demo", { force: true }).catch(() => undefined);
    await emulator.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
