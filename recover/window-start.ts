import { z } from "zod";

const historySchema = z.array(
  z.looseObject({ kind: z.string(), result: z.string().optional(), endTime: z.string().optional() }),
);

// The kinds of update that can buy a number and always finish before the next one starts: a refresh buys
// nothing, and one run after the interruption would move the window past the purchases to be found.
const BUYING_KINDS = new Set(["update", "destroy", "import"]);

/** Where the window of an interrupted update's purchases starts, and why there. */
export interface WindowStart {
  /** Undefined when nothing bounds it: every number counts. */
  since: Date | undefined;
  /** How the start was chosen, for the plan's heading. */
  source: string;
}

/**
 * The start of the window in which the interrupted update bought its numbers: the end of the last update
 * (or destroy, or import) the stack's history records as finished. The history of a file or object-store
 * backend records an update only when it ends, so the interrupted one is not in it. Throws when the text is
 * not the JSON of `pulumi stack history --json`.
 */
export function windowStartFromHistory(text: string): WindowStart {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`expected the JSON that \`pulumi stack history --json\` prints, got: ${text.trim().slice(0, 200) || "(nothing)"}`);
  }
  const parsed = historySchema.safeParse(json ?? []);
  if (!parsed.success) throw new Error("the output of `pulumi stack history --json` is not a list of updates");
  const ends = parsed.data
    .filter((entry) => BUYING_KINDS.has(entry.kind) && entry.result !== "in-progress" && entry.endTime !== undefined)
    .map((entry) => ({ kind: entry.kind, end: new Date(entry.endTime as string) }))
    .filter((entry) => !Number.isNaN(entry.end.getTime()))
    .sort((a, b) => b.end.getTime() - a.end.getTime());
  const last = ends[0];
  if (last === undefined) return { since: undefined, source: "the stack's history has no finished update, so every number of the account counts" };
  return { since: last.end, source: `the end of the last ${last.kind} in the stack's history` };
}

/**
 * Reads `--since`: an ISO 8601 time with a date and a time zone (`2026-03-25T06:58:00Z`). Throws a message
 * naming the flag when the value is not one.
 */
export function parseSince(value: string): WindowStart {
  const since = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || !/(Z|[+-]\d{2}:?\d{2})$/i.test(value) || Number.isNaN(since.getTime())) {
    throw new Error(`--since must be an ISO 8601 time with a time zone, such as 2026-03-25T06:58:00Z; got ${JSON.stringify(value)}.`);
  }
  return { since, source: "--since" };
}
