import { main } from "@pulumi/pulumi/provider";
import { interceptConfigure, PluginSettings } from "./configuration";
import { acceptingDynamicState } from "./dynamic-state";
import { vobizProvider } from "./vobiz-provider";

// The package version, written in by the bundler (scripts/build-plugin.sh); the engine checks that the
// plugin reports the version it was installed as.
declare const VOBIZ_PLUGIN_VERSION: string | undefined;
const version = typeof VOBIZ_PLUGIN_VERSION === "string" ? VOBIZ_PLUGIN_VERSION : "0.0.0-dev";

/**
 * `pulumi-resource-vobiz`: serves the provider to the engine, which passes its own address as the argument.
 * `main()` prints the port the engine connects to, and nothing may be printed to stdout before it.
 */
async function servePlugin(args: string[]): Promise<void> {
  const settings = new PluginSettings();
  interceptConfigure(settings);
  await main(acceptingDynamicState(vobizProvider(version, settings)), args);
}

servePlugin(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`pulumi-resource-vobiz: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
