import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApiReply } from "./errors";

/**
 * Bodies above this size are refused with 413 (docs/api-notes.md "Smaller choices the emulator makes"). The
 * largest body an API operation takes is a few hundred bytes; the largest a test sends is a control-API
 * inventory of a few thousand numbers, about 120 bytes each.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Raised by readBody when a request body exceeds MAX_BODY_BYTES. */
export class BodyTooLargeError extends Error {
  override readonly name = "BodyTooLargeError";
}

/**
 * Reads the whole request body. Rejects with BodyTooLargeError as soon as the body is known to exceed
 * MAX_BODY_BYTES: at once when Content-Length says so, else when the bytes received pass it. Whatever
 * arrives after that is read and dropped, so the client can take the answer while it is still sending, and
 * the connection stays usable.
 */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const tooLarge = (): void => reject(new BodyTooLargeError(`request body over ${MAX_BODY_BYTES} bytes`));
    if (Number(req.headers["content-length"]) > MAX_BODY_BYTES) {
      req.resume();
      tooLarge();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      if (size > MAX_BODY_BYTES) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge();
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
    req.on("close", () => {
      if (!req.complete) reject(new Error("the client closed the connection before sending the whole body"));
    });
  });
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
