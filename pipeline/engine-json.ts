import { z } from "zod";

// What `pulumi preview --json` and `pulumi refresh --preview-only --json` print, as far as the pipeline
// reads it. Lenient: the engine adds fields between releases.
/** A resource's recorded or proposed state, as far as the pipeline reads it. */
export const resourceStateSchema = z.looseObject({
  type: z.string(),
  id: z.string().optional(),
  inputs: z.record(z.string(), z.unknown()).optional(),
  outputs: z.record(z.string(), z.unknown()).optional(),
  retainOnDelete: z.boolean().optional(),
});

const stepSchema = z.looseObject({
  op: z.string(),
  urn: z.string(),
  oldState: resourceStateSchema.optional(),
  newState: resourceStateSchema.optional(),
});

const diagnosticSchema = z.looseObject({ message: z.string(), severity: z.string().optional(), urn: z.string().optional() });

/**
 * The engine's JSON account of a preview: one step per resource, the stack's config (secrets shown as
 * `[secret]`), and the diagnostics, which hold the errors of a preview that was refused.
 */
export const engineJsonSchema = z.looseObject({
  config: z.record(z.string(), z.string()).default({}),
  steps: z.array(stepSchema).default([]),
  diagnostics: z.array(diagnosticSchema).default([]),
});

export type EngineStep = z.infer<typeof stepSchema>;
export type ResourceState = z.infer<typeof resourceStateSchema>;

/** The placeholder the engine prints for a value a preview cannot know yet. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** The resource's name in the program (the last part of its URN). */
export function resourceName(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}

/** The resource's type token (the part of its URN before the name). */
export function resourceType(urn: string): string {
  const parts = urn.split("::");
  return parts[parts.length - 2] ?? "";
}

/**
 * Parses the engine's JSON output. Throws an error that says which command's output was expected when the
 * text is not that JSON (the command failed before printing it, say).
 */
export function parseEngineJson(text: string, command: string): z.infer<typeof engineJsonSchema> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`expected the JSON that \`${command}\` prints, got: ${text.trim().slice(0, 200) || "(nothing)"}`);
  }
  const parsed = engineJsonSchema.safeParse(json);
  if (!parsed.success) throw new Error(`the output of \`${command}\` is not the engine's JSON: ${parsed.error.issues[0]?.message ?? "unexpected shape"}`);
  return parsed.data;
}
