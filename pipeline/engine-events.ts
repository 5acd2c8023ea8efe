import { z } from "zod";
import { resourceStateSchema, type ResourceState } from "./engine-json";

// The events a command prints one per line with `--json` and PULUMI_ENABLE_STREAMING_JSON_PREVIEW=true:
// for a refresh preview, only these carry the refreshed state next to the recorded one.
const outputsEventSchema = z.looseObject({
  metadata: z.looseObject({ op: z.string(), urn: z.string(), old: resourceStateSchema.optional(), new: resourceStateSchema.optional() }),
});
const diagnosticEventSchema = z.looseObject({ message: z.string().default(""), severity: z.string().default("") });
const eventSchema = z.looseObject({ resOutputsEvent: outputsEventSchema.optional(), diagnosticEvent: diagnosticEventSchema.optional() });

/** A resource the command settled: what the engine did to it, and its state before and after. */
export interface SettledResource {
  op: string;
  urn: string;
  old?: ResourceState;
  new?: ResourceState;
}

/** What a streamed run reported: the resources it settled and its error messages. */
export interface EngineEvents {
  resources: SettledResource[];
  errors: string[];
}

/**
 * Reads the event stream of a command run with `--json` and PULUMI_ENABLE_STREAMING_JSON_PREVIEW=true.
 * Lines that are not events are skipped; throws when there is no event at all, naming the command.
 */
export function parseEngineEvents(text: string, command: string): EngineEvents {
  const events = { resources: [] as SettledResource[], errors: [] as string[] };
  let seen = 0;
  for (const line of text.split("\n")) {
    if (!line.startsWith("{")) continue;
    const parsed = eventSchema.safeParse(safeJson(line));
    if (!parsed.success) continue;
    seen += 1;
    const { resOutputsEvent, diagnosticEvent } = parsed.data;
    if (resOutputsEvent) {
      const { op, urn, old, new: after } = resOutputsEvent.metadata;
      events.resources.push({ op, urn, ...(old ? { old } : {}), ...(after ? { new: after } : {}) });
    }
    if (diagnosticEvent?.severity === "error" && diagnosticEvent.message.trim() !== "") events.errors.push(diagnosticEvent.message.trim());
  }
  if (seen === 0) throw new Error(`expected the JSON events that \`${command}\` prints, got: ${text.trim().slice(0, 200) || "(nothing)"}`);
  return events;
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
