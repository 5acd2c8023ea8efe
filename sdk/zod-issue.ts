import type { z } from "zod";

/** The first problem of a failed parse, in words. */
export interface ParseProblem {
  /** Where: `items[0].e164`, or `(body)` for the value as a whole. */
  field: string;
  /** What: zod's message, e.g. "Invalid input: expected string, received undefined". */
  problem: string;
}

/**
 * Describes the first issue of a failed zod parse, for messages that name the field at fault. Used by the
 * SDK for answers that break the contract and by the emulator for bodies and state files it refuses.
 */
export function firstProblem(error: z.ZodError): ParseProblem {
  const issue = error.issues[0];
  const path = issue?.path ?? [];
  const field =
    path.length === 0 ? "(body)" : path.map((key, i) => (typeof key === "number" ? `[${key}]` : `${i === 0 ? "" : "."}${String(key)}`)).join("");
  return { field, problem: issue?.message ?? "does not match the schema" };
}
