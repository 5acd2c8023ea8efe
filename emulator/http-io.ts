import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApiReply } from "./errors";

/** Bodies above this size are refused. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Raised by readBody when a request body exceeds MAX_BODY_BYTES. */
export class BodyTooLargeError extends Error {
  override readonly name = "BodyTooLargeError";
}

/** Reads the whole request body; rejects with BodyTooLargeError past MAX_BODY_BYTES. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError(`request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Parses a JSON body. An empty body is `undefined`; anything that is not valid JSON is reported
 * as `{ invalid: true }` so the caller can answer 400.
 */
export function parseJsonBody(raw: Buffer): { value: unknown } | { invalid: true } {
  const text = raw.toString("utf8").trim();
  if (text === "") return { value: undefined };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return { invalid: true };
  }
}

/** Writes a reply: JSON when it has a body, an empty response otherwise. */
export function sendReply(res: ServerResponse, reply: ApiReply): void {
  const headers: Record<string, string | number> = { ...reply.headers };
  if (reply.body === undefined) {
    res.writeHead(reply.status, headers);
    res.end();
    return;
  }
  const payload = Buffer.from(JSON.stringify(reply.body));
  headers["content-type"] = "application/json; charset=utf-8";
  headers["content-length"] = payload.length;
  res.writeHead(reply.status, headers);
  res.end(payload);
}

/** True for a plain JSON object (not an array or null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
