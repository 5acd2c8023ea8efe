import { isMap, isPair, isScalar, LineCounter, parseDocument, visit, type Document, type Node, type Pair, type YAMLMap } from "yaml";
import type { FleetProblem } from "./fleet-file-error";

/** The top-level key that holds the entries. */
export const NUMBERS_KEY = "numbers";

/** A fleet file parsed with positions: its document, its entries and what is wrong with its structure. */
export interface FleetDocument {
  /** The file as messages name it. */
  file: string;
  document: Document;
  /** The `numbers` mapping; undefined when the file has none, or `numbers:` has no value. */
  numbers: YAMLMap | undefined;
  /** YAML syntax errors, duplicate keys and a wrong top-level shape, located. */
  problems: FleetProblem[];
  /** True when YAML itself failed (not only duplicate keys): the entries cannot be trusted then. */
  syntaxFailed: boolean;
  /** Line and column (from 1) of a character offset in the file. */
  position(offset: number): { line: number; column: number };
}

/** One entry as written: its name, its key node (for positions) and its value node. */
export interface EntryNode {
  name: string;
  pair: Pair;
}

/**
 * Parses a fleet file's text, keeping every node's position, comments and formatting. Never throws: YAML
 * syntax errors, duplicate keys and a top level other than one `numbers:` mapping come back as located
 * problems. An empty file (or one holding only comments) has no problems and no `numbers`.
 */
export function parseFleetDocument(text: string, file: string): FleetDocument {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { keepSourceTokens: true, lineCounter, prettyErrors: false, uniqueKeys: true });
  const position = (offset: number): { line: number; column: number } => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const problems: FleetProblem[] = document.errors.map((error) => ({
    file,
    ...position(error.pos[0]),
    ...(error.code === "DUPLICATE_KEY" ? duplicateKey(document, error.pos[0]) : { reason: error.message }),
  }));
  const syntaxFailed = document.errors.some((error) => error.code !== "DUPLICATE_KEY");
  const parsed: FleetDocument = { file, document, numbers: undefined, problems, syntaxFailed, position };
  if (syntaxFailed || document.contents === null) return parsed;

  const top = document.contents;
  if (!isMap(top)) {
    problems.push({ file, ...position(top.range?.[0] ?? 0), reason: `expected a mapping with one key, ${NUMBERS_KEY}; see the fleet file format in the README` });
    return parsed;
  }
  for (const pair of top.items) {
    const key = keyText(pair);
    if (key !== NUMBERS_KEY) {
      problems.push({ file, ...position(startOf(pair)), reason: `unknown top-level key ${JSON.stringify(key)}; the file has one key, ${NUMBERS_KEY}` });
    }
  }
  const numbers = top.get(NUMBERS_KEY, true);
  if (isMap(numbers)) {
    parsed.numbers = numbers;
  } else if (numbers !== undefined && !(isScalar(numbers) && numbers.value === null)) {
    problems.push({
      file,
      ...position((numbers as Node).range?.[0] ?? 0),
      reason: `${NUMBERS_KEY} must be a mapping from entry name to entry, such as "support-line: { country: IN }"`,
    });
  }
  return parsed;
}

/** The entries of the `numbers` mapping, in file order. */
export function entryNodes(parsed: FleetDocument): EntryNode[] {
  return (parsed.numbers?.items ?? []).map((pair) => ({ name: keyText(pair), pair }));
}

/**
 * The offset where a path inside an entry is written: the key of `path[0]`, or the list item of
 * `[property, index]`. Falls back to the entry's own key when the path names something not written.
 */
export function offsetInEntry(entry: EntryNode, path: readonly (string | number)[]): number {
  const [property, index] = path;
  if (property === undefined || !isMap(entry.pair.value)) return startOf(entry.pair);
  const propertyPair = entry.pair.value.items.find((pair) => keyText(pair) === property);
  if (propertyPair === undefined) return startOf(entry.pair);
  const item = typeof index === "number" ? (propertyPair.value as { items?: unknown[] } | null)?.items?.[index] : undefined;
  return (item as Node | undefined)?.range?.[0] ?? startOf(propertyPair);
}

/** A key as text: entry names and property names are written as plain scalars. */
export function keyText(pair: Pair): string {
  const key = pair.key;
  if (isScalar(key)) return typeof key.value === "string" ? key.value : (key.source ?? String(key.value));
  return String(key);
}

function startOf(pair: Pair): number {
  return (pair.key as Node | null)?.range?.[0] ?? 0;
}

function duplicateKey(document: Document, offset: number): Pick<FleetProblem, "entry" | "property" | "reason"> {
  let found: Pick<FleetProblem, "entry" | "property" | "reason"> = {
    reason: "a key appears twice in the same mapping; each entry name, and each property of an entry, may appear once",
  };
  visit(document, {
    Pair(_, pair, path) {
      if (startOf(pair) !== offset) return undefined;
      const key = keyText(pair);
      const [outer, entry, ...deeper] = path.filter(isPair).map(keyText);
      if (outer === NUMBERS_KEY && entry === undefined) {
        found = { entry: key, reason: `entry name "${key}" appears twice; each entry needs its own name` };
      } else if (outer === NUMBERS_KEY && entry !== undefined && deeper.length === 0) {
        found = { entry, property: key, reason: `property "${key}" appears twice in this entry; keep one` };
      } else {
        found = { reason: `key "${key}" appears twice in the same mapping; keep one` };
      }
      return visit.BREAK;
    },
  });
  return found;
}
