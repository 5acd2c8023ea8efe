import { z } from "zod";

// Each field falls back to undefined on its own, so one odd field never hides the others.
const soft = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const text = soft(z.string());
const seconds = soft(z.union([z.number(), z.string().regex(/^\d+(\.\d+)?$/).transform(Number)]));

const nestedErrorSchema = z.object({
  code: soft(z.union([z.string(), z.number().transform(String)])),
  message: text,
  details: soft(z.object({ retryAfter: seconds })),
});

// The shapes docs/api-notes.md "Error bodies" lists: flat `{error, message}`; nested `{error: {code, message}}`
// (cancel-release's 401); the generic `{status: "error", error: {code, message, details}}` envelope; the
// cool-off 409. Read into one shape; each field is undefined when the body does not say it.
const errorBodySchema = z
  .object({
    error: soft(z.union([z.string(), nestedErrorSchema])),
    message: text,
    cool_off_until: text,
    cool_off_remaining_seconds: seconds,
  })
  .transform((body) => {
    const nested = typeof body.error === "object" ? body.error : undefined;
    return {
      /** The API's `error` string, or the nested `error.code` (as a string). */
      code: typeof body.error === "string" ? body.error : nested?.code,
      /** The API's human-readable message (`message`, or the nested `error.message`). */
      message: body.message ?? nested?.message,
      /** `cool_off_until` of the 409 `did_cool_off_in_effect` body. */
      coolOffUntil: body.cool_off_until,
      /** `cool_off_remaining_seconds` of the same body. */
      coolOffRemainingSeconds: body.cool_off_remaining_seconds,
      /** `error.details.retryAfter` (seconds) of the generic 429 envelope. */
      retryAfterSeconds: nested?.details?.retryAfter,
    };
  });

/** What the SDK reads from an error response body, whatever its shape. */
export type ErrorBody = z.infer<typeof errorBodySchema>;

const NOTHING_SAID: ErrorBody = {
  code: undefined,
  message: undefined,
  coolOffUntil: undefined,
  coolOffRemainingSeconds: undefined,
  retryAfterSeconds: undefined,
};

const SNIPPET_LENGTH = 200;

/**
 * Reads the code and message out of an error response body: JSON in any of the
 * documented shapes, or plain text / HTML (its words, shortened, become the
 * message). Never throws; an empty body gives `{}`.
 */
export function parseErrorBody(raw: string): ErrorBody {
  const trimmed = raw.trim();
  if (trimmed === "") return NOTHING_SAID;
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    return { ...NOTHING_SAID, message: snippet(trimmed) };
  }
  const parsed = errorBodySchema.safeParse(json);
  return parsed.success ? parsed.data : { ...NOTHING_SAID, message: snippet(trimmed) };
}

// Proxies and load balancers answer with HTML pages: keep their words, not their markup.
function snippet(text: string): string {
  const words = text.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim();
  return words.length > SNIPPET_LENGTH ? `${words.slice(0, SNIPPET_LENGTH)}…` : words;
}
