import { z } from "zod";

// What `pulumi stack export` prints, as far as recovery reads and rewrites it. Loose objects: every field the
// engine writes and recovery does not read is kept as it is when the deployment is imported again.

/** One resource of the checkpoint, or the resource a pending operation was working on. */
const stateResourceSchema = z.looseObject({
  urn: z.string(),
  type: z.string(),
  custom: z.boolean().optional(),
  id: z.string().optional(),
  inputs: z.record(z.string(), z.unknown()).optional(),
  outputs: z.record(z.string(), z.unknown()).optional(),
  parent: z.string().optional(),
  provider: z.string().optional(),
  dependencies: z.array(z.string()).optional(),
  propertyDependencies: z.record(z.string(), z.array(z.string())).optional(),
});

/** An operation the engine started and never saw finish: `creating`, `updating`, `deleting`, `reading`, `importing`. */
const pendingOperationSchema = z.looseObject({ resource: stateResourceSchema, type: z.string() });

const deploymentSchema = z.looseObject({
  resources: z.array(stateResourceSchema).nullish().transform((resources) => resources ?? []),
  pending_operations: z.array(pendingOperationSchema).nullish().transform((operations) => operations ?? []),
});

const stackExportSchema = z.looseObject({ version: z.number(), deployment: deploymentSchema });

export type StateResource = z.infer<typeof stateResourceSchema>;
export type PendingOperation = z.infer<typeof pendingOperationSchema>;
export type Deployment = z.infer<typeof deploymentSchema>;
/** The whole of `pulumi stack export`, which `pulumi stack import` takes back. */
export type StackExport = z.infer<typeof stackExportSchema>;

/**
 * Parses the output of `pulumi stack export`. Throws an error naming the command when the text is not a
 * deployment of version 3, the one this code reads.
 */
export function parseStackExport(text: string): StackExport {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`expected the JSON that \`pulumi stack export\` prints, got: ${text.trim().slice(0, 200) || "(nothing)"}`);
  }
  const parsed = stackExportSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`the output of \`pulumi stack export\` is not a deployment: ${issue ? `${issue.path.join(".")}: ${issue.message}` : "unexpected shape"}`);
  }
  if (parsed.data.version !== 3) {
    throw new Error(`\`pulumi stack export\` printed a deployment of version ${parsed.data.version}; this version of vobiz-recover reads version 3.`);
  }
  return parsed.data;
}

/** The name a resource has in the program: the last part of its URN. */
export function resourceName(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}
