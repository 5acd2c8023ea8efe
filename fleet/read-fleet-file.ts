import { readFileSync } from "node:fs";
import * as path from "node:path";
import { isMap, isNode } from "yaml";
import { checkAcrossEntries, checkFleetEntry, type EntryProblem } from "./check-fleet-entries";
import { entryNodes, NUMBERS_KEY, offsetInEntry, parseFleetDocument, type EntryNode, type FleetDocument } from "./fleet-document";
import type { FleetEntry } from "./fleet-entry-schema";
import { FleetFileError, type FleetProblem } from "./fleet-file-error";

/** A valid fleet file: its entries in file order. */
export interface FleetFile {
  /** The file as messages name it. */
  file: string;
  entries: FleetEntry[];
}

/**
 * Reads and validates a fleet file (`numbers.yaml`). Throws a `FleetFileError` listing every problem, each
 * with `file:line:column`, the entry, the property and the reason (YAML syntax, duplicate keys, unknown or
 * mistyped properties, and the rules the resources' `check` enforces), and a plain `Error` when the file
 * cannot be read. Reads nothing else and calls no API, so a bad file fails before anything happens.
 */
export function readFleetFile(file: string): FleetFile {
  const shown = displayName(file);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      code === "ENOENT"
        ? `The fleet file ${shown} does not exist. Write one (the README describes the format), or create it from the account with \`npx vobiz-onboard --out ${shown}\`.`
        : `The fleet file ${shown} cannot be read: ${(error as Error).message}`,
      { cause: error },
    );
  }
  return parseFleetFile(text, shown);
}

/** Validates a fleet file's text; `file` names it in messages. Throws like `readFleetFile`. */
export function parseFleetFile(text: string, file: string): FleetFile {
  const parsed = parseFleetDocument(text, file);
  if (parsed.syntaxFailed) throw new FleetFileError(file, parsed.problems);
  const problems = [...parsed.problems];
  if (lacksNumbersKey(parsed)) {
    problems.push({ file, line: 1, column: 1, reason: `no top-level ${NUMBERS_KEY}: mapping; the file lists its entries under ${NUMBERS_KEY}:` });
  }

  const nodes = entryNodes(parsed);
  const entries: FleetEntry[] = [];
  for (const node of nodes) {
    const value = isNode(node.pair.value) ? node.pair.value.toJS(parsed.document) : node.pair.value;
    const checked = checkFleetEntry(node.name, value);
    problems.push(...checked.problems.map((problem) => locate(parsed, nodes, problem)));
    if (checked.entry !== undefined) entries.push(checked.entry);
  }
  problems.push(...checkAcrossEntries(entries).map((problem) => locate(parsed, nodes, problem)));

  if (problems.length > 0) throw new FleetFileError(file, problems.sort((a, b) => a.line - b.line || a.column - b.column));
  return { file, entries };
}

// An empty file, or a mapping without `numbers`; any other top level is already reported by the parser.
function lacksNumbersKey(parsed: FleetDocument): boolean {
  const top = parsed.document.contents;
  return top === null || (isMap(top) && !top.has(NUMBERS_KEY));
}

function locate(parsed: FleetDocument, nodes: readonly EntryNode[], problem: EntryProblem): FleetProblem {
  const node = nodes.find((candidate) => candidate.name === problem.entry);
  const [property, ...rest] = problem.path;
  return {
    file: parsed.file,
    ...parsed.position(node === undefined ? 0 : offsetInEntry(node, problem.path)),
    entry: problem.entry,
    ...(property === undefined ? {} : { property: `${property}${rest.map((index) => `[${index}]`).join("")}` }),
    reason: problem.reason,
  };
}

// Messages name the file as the user would: relative to the working directory when it is inside it.
function displayName(file: string): string {
  const relative = path.relative(process.cwd(), path.resolve(file));
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : file;
}
