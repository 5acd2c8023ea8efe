import { Command, type CommanderError } from "commander";
import { packageVersion } from "./package-version";

/** Where a tool writes text: a stream, or anything with its `write`. */
export interface TextSink {
  write(text: string): unknown;
}

/**
 * The command line of one of the package's tools: `--version` prints the package's version, help and errors
 * go to the given streams, and `--help`, `--version` and bad arguments throw a `CommanderError` (carrying the
 * exit code) instead of ending the process, so the tool decides how it exits.
 */
export function toolCommand(name: string, description: string, io: { stdout: TextSink; stderr: TextSink }): Command {
  return new Command(name)
    .description(description)
    .version(packageVersion(), "-V, --version", "print the version of pulumi-vobiz")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => void io.stdout.write(text),
      writeErr: (text) => void io.stderr.write(text),
      outputError: () => undefined,
    });
}

/** The one line a tool prints for arguments commander refused: `<tool>: <what is wrong> (see --help)`. */
export function argumentErrorLine(tool: string, error: CommanderError): string {
  return `${tool}: ${error.message.replace(/^error: /, "").replace(/\s*\n\s*/g, " ")} (see --help)\n`;
}
