import { isDeepStrictEqual } from "node:util";
import { Document, isMap, isScalar, parse, YAMLMap, type Scalar } from "yaml";
import { entryNodes, NUMBERS_KEY, parseFleetDocument, type FleetDocument } from "./fleet-document";
import { fleetEntryKeys, type FleetEntry } from "./fleet-entry-schema";
import { FleetFileError } from "./fleet-file-error";

/** What a merge did, entry by entry. */
export interface FleetMerge {
  /** The new text of the file; exactly the old text when nothing was added. */
  text: string;
  changed: boolean;
  /** Entries added, in the order given. */
  added: string[];
  /** Entries not added because the file already has an entry for their number, under any name. */
  alreadyPresent: { name: string; e164: string; existingEntry: string }[];
  /** Entries not added because the file uses their name for another number or for criteria. */
  nameTaken: string[];
}

// Long values are never folded onto a second line: a fleet file is read by people and diffed in reviews.
const toStringOptions = { lineWidth: 0 } as const;

/**
 * Renders entries as a new fleet file: an optional comment `header`, then `numbers:` with one entry per
 * element in the order given, properties in the documented order, quoted where YAML would otherwise read a
 * number. Renders what it is given: validate entries first when they do not come from the API.
 */
export function renderFleetFile(entries: readonly FleetEntry[], header?: string): string {
  const document = new Document({ [NUMBERS_KEY]: {} });
  if (header !== undefined) document.commentBefore = header;
  const numbers = document.get(NUMBERS_KEY, true) as YAMLMap;
  for (const entry of entries) addEntry(document, numbers, entry);
  return document.toString(toStringOptions);
}

/**
 * Adds to an existing fleet file's text the entries it does not have yet, through the YAML document, so
 * hand-written entries, comments and order stay. An entry is skipped when the file already declares its
 * number (`e164`, under any name) or uses its name. When nothing is added the text is returned unchanged,
 * byte for byte; when entries are added below a block `numbers:` mapping, the text before them is kept
 * byte for byte too. Throws a `FleetFileError` when the file is not valid YAML, has duplicate keys, or has a
 * top level other than `numbers:`; the entries already in it are not otherwise judged.
 */
export function mergeFleetFile(existingText: string, file: string, entries: readonly FleetEntry[]): FleetMerge {
  const parsed = parseFleetDocument(existingText, file);
  if (parsed.problems.length > 0) throw new FleetFileError(file, parsed.problems);

  const existing = entryNodes(parsed);
  const entryByNumber = new Map<string, string>();
  for (const node of existing) {
    const e164 = isMap(node.pair.value) ? node.pair.value.get("e164") : undefined;
    if (typeof e164 === "string" || typeof e164 === "number") entryByNumber.set(normalizeE164(String(e164)), node.name);
  }
  const names = new Set(existing.map((node) => node.name));

  const merge: FleetMerge = { text: existingText, changed: false, added: [], alreadyPresent: [], nameTaken: [] };
  const toAdd: FleetEntry[] = [];
  for (const entry of entries) {
    const existingEntry = entry.e164 === undefined ? undefined : entryByNumber.get(normalizeE164(entry.e164));
    if (existingEntry !== undefined && entry.e164 !== undefined) merge.alreadyPresent.push({ name: entry.name, e164: entry.e164, existingEntry });
    else if (names.has(entry.name)) merge.nameTaken.push(entry.name);
    else {
      toAdd.push(entry);
      names.add(entry.name);
      if (entry.e164 !== undefined) entryByNumber.set(normalizeE164(entry.e164), entry.name);
    }
  }
  if (toAdd.length === 0) return merge;

  const appended = appendedText(parsed, existingText, toAdd);
  const numbers = numbersMapOf(parsed.document);
  for (const entry of toAdd) addEntry(parsed.document, numbers, entry);
  const rendered = parsed.document.toString(toStringOptions);
  // Appending keeps every hand-written byte; the document's own rendering is the reference it must match.
  const text = appended !== undefined && sameData(appended, rendered) ? appended : rendered;
  return { ...merge, text, changed: true, added: toAdd.map((entry) => entry.name) };
}

// The new entries as text after the last entry of a block `numbers:` mapping that ends the file, indented
// like the entries already there; undefined when the file is shaped otherwise.
function appendedText(parsed: FleetDocument, existingText: string, entries: readonly FleetEntry[]): string | undefined {
  const top = parsed.document.contents;
  const numbers = parsed.numbers;
  const first = numbers?.items[0];
  if (!isMap(top) || numbers === undefined || numbers.flow === true || first === undefined || top.items.length !== 1) return undefined;
  const indent = parsed.position((first.key as Scalar).range?.[0] ?? 0).column - 1;
  if (indent < 1) return undefined;
  const block = entries
    .map((entry) => {
      const document = new Document({ [entry.name]: entryFields(entry) });
      const lines = document.toString({ ...toStringOptions, indent }).trimEnd().split("\n");
      return lines.map((line) => `${" ".repeat(indent)}${line}`).join("\n");
    })
    .join("\n\n");
  return `${existingText}${existingText.endsWith("\n") ? "" : "\n"}\n${block}\n`;
}

function sameData(a: string, b: string): boolean {
  try {
    return isDeepStrictEqual(parse(a), parse(b));
  } catch {
    return false;
  }
}

function entryFields(entry: FleetEntry): Record<string, unknown> {
  return Object.fromEntries(fleetEntryKeys.filter((key) => entry[key] !== undefined).map((key) => [key, entry[key]]));
}

function addEntry(document: Document, numbers: YAMLMap, entry: FleetEntry): void {
  const pair = document.createPair(entry.name, entryFields(entry));
  if (numbers.items.length > 0 && isScalar(pair.key)) pair.key.spaceBefore = true;
  numbers.flow = false;
  numbers.items.push(pair);
}

// A file that is empty, or whose `numbers:` has no value yet, gets a `numbers` mapping to add to.
function numbersMapOf(document: Document): YAMLMap {
  if (document.contents === null) document.contents = new YAMLMap();
  const top = document.contents as YAMLMap;
  const numbers = top.get(NUMBERS_KEY, true);
  if (isMap(numbers)) return numbers;
  const created = new YAMLMap();
  top.set(NUMBERS_KEY, created);
  return created;
}

function normalizeE164(value: string): string {
  return value.startsWith("+") ? value : `+${value}`;
}
