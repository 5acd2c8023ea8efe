import { z } from "zod";

/** What the SDK reads from an error response body, whatever its shape. */
export interface ErrorBody {
  /** The API's `error` string, or the nested `error.code` (as a string). */
  code?: string;
  /** The API's human-readable message (`message`, or the nested `error.message`). */
  message?: string;
  /** `cool_off_until` of the 409 `did_cool_off_in_effect` body. */
  coolOffUntil?: string;
  /** `cool_off_remaining_seconds` of the same body. */
  coolOffRemainingSeconds?: number;
  /** `error.details.retryAfter` (seconds) of the generic 429 envelope. */
  retryAfterSeconds?: number;
}

// Each field falls back to undefined on its own, so one odd field never hides the others.
const soft = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const text = soft(z.string());
const seconds = soft(z.union([z.number(), z.string().regex(/^\d+(\.\d+)?$/).transform(Number)]));

const nestedErrorSchema = z.object({
  code: soft(z.union([z.string(), z.number().transform(String)])),
  message: text,
  details: soft(z.object({ retryAfter: seconds })),
});

// Shapes seen (reference §0): flat `{error, message}`; nested
// `{error: {code, message}}` (cancel-release 401); the generic
// `{status: "error", error: {code, message, details}}` envelope; the cool-off 409.
const errorBodySchema = z.object({
  error: soft(z.union([z.string(), nestedErrorSchema])),
  message: text,
  cool_off_until: text,
  cool_off_remaining_seconds: seconds,
});

const SNIPPET_LENGTH = 200;

/**
 * Reads the code and message out of an error response body: JSON in any of the
 * documented shapes, or plain text / HTML (its words, shortened, become the
 * message). Never throws; an empty body gives `{}`.
 */
export function parseErrorBody(raw: string): ErrorBody {
  const trimmed = raw.trim();
  if (trimmed === "") return {};
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    return { message: snippet(trimmed) };
  }
  const parsed = errorBodySchema.safeParse(json);
  if (!parsed.success) return { message: snippet(trimmed) };
  const body = parsed.data;
  const nested = typeof body.error === "object" ? body.error : undefined;
  const result: ErrorBody = {};
  const code = typeof body.error === "string" ? body.error : nested?.code;
  const message = body.message ?? nested?.message;
  if (code !== undefined) result.code = code;
  if (message !== undefined) result.message = message;
  if (body.cool_off_until !== undefined) result.coolOffUntil = body.cool_off_until;
  if (body.cool_off_remaining_seconds !== undefined) result.coolOffRemainingSeconds = body.cool_off_remaining_seconds;
  if (nested?.details?.retryAfter !== undefined) result.retryAfterSeconds = nested.details.retryAfter;
  return result;
}

// Proxies and load balancers answer with HTML pages: keep their words, not their markup.
function snippet(text: string): string {
  const words = text.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim();
  return words.length > SNIPPET_LENGTH ? `${words.slice(0, SNIPPET_LENGTH)}…` : words;
}
