import * as fs from "node:fs";

/**
 * The first fenced `sh` block of a README that contains `marker`, with the documented emulator address
 * (`http://127.0.0.1:4010`) replaced by `origin`, so a test runs the commands exactly as written against
 * its own emulator. Throws when no block has the marker, so a README that drifts fails its test.
 */
export function readmeCommands(readmePath: string, marker: string, origin: string): string {
  const blocks = [...fs.readFileSync(readmePath, "utf8").matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1] ?? "");
  const block = blocks.find((text) => text.includes(marker));
  if (block === undefined) throw new Error(`${readmePath} has no \`sh\` block containing ${JSON.stringify(marker)}`);
  return block.replaceAll("http://127.0.0.1:4010", origin);
}
