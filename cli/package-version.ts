import { readFileSync } from "node:fs";

/**
 * The version of this package, from its own package.json (found by the package's name, so the same from
 * the sources, the build and an installed copy). The command-line tools print it for `--version`.
 */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(require.resolve("pulumi-vobiz/package.json"), "utf8")) as { version: string }).version;
}
