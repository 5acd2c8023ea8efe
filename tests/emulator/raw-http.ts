import { connect } from "node:net";

/** What came back on the socket: the final (non-1xx) response, or nothing when the server hung up silently. */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One request as bytes go on the wire; `target` is sent exactly as given, so fetch's URL normalization never hides a trick. */
export interface RawRequest {
  method: string;
  target: string | Buffer;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/**
 * Sends one HTTP/1.1 request over a fresh connection (`Connection: close`) and resolves with the response,
 * or undefined when the connection closed without one. Adds `Host` and, with a body, `Content-Length`,
 * unless the caller gives them.
 */
export function sendRaw(port: number, request: RawRequest): Promise<RawResponse | undefined> {
  const headers: Record<string, string> = {
    Host: `127.0.0.1:${port}`,
    Connection: "close",
    ...(request.body === undefined ? {} : { "Content-Length": String(Buffer.byteLength(request.body)) }),
    ...request.headers,
  };
  const head = Buffer.concat([
    Buffer.from(`${request.method} `, "latin1"),
    Buffer.isBuffer(request.target) ? request.target : Buffer.from(request.target, "utf8"),
    Buffer.from(` HTTP/1.1\r\n${Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join("")}\r\n`, "latin1"),
  ]);
  return sendBytes(port, request.body === undefined ? head : Buffer.concat([head, Buffer.from(request.body)]));
}

/** Writes raw bytes to the emulator and parses what it answers; see `sendRaw`. */
export function sendBytes(port: number, bytes: Buffer): Promise<RawResponse | undefined> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    // The server may answer and hang up before it has read everything (a refused body): what it sent still counts.
    socket.on("error", () => undefined);
    socket.on("close", () => {
      try {
        resolve(parseResponse(Buffer.concat(chunks)));
      } catch (error) {
        reject(error as Error);
      }
    });
    socket.end(bytes);
  });
}

function parseResponse(raw: Buffer): RawResponse | undefined {
  let rest = raw;
  for (;;) {
    if (rest.length === 0) return undefined;
    const end = rest.indexOf("\r\n\r\n");
    if (end === -1) throw new Error(`incomplete HTTP response: ${JSON.stringify(rest.toString("latin1").slice(0, 200))}`);
    const [statusLine = "", ...lines] = rest.subarray(0, end).toString("latin1").split("\r\n");
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1]);
    if (!Number.isInteger(status)) throw new Error(`not an HTTP response: ${JSON.stringify(statusLine)}`);
    rest = rest.subarray(end + 4);
    if (status >= 100 && status < 200) continue;
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(":");
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const body = headers["transfer-encoding"] === "chunked" ? unchunk(rest) : rest.subarray(0, Number(headers["content-length"] ?? rest.length));
    return { status, headers, body: body.toString("utf8") };
  }
}

function unchunk(raw: Buffer): Buffer {
  const parts: Buffer[] = [];
  let rest = raw;
  for (;;) {
    const lineEnd = rest.indexOf("\r\n");
    const size = parseInt(rest.subarray(0, lineEnd).toString("latin1"), 16);
    if (!(size > 0)) return Buffer.concat(parts);
    parts.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
    rest = rest.subarray(lineEnd + 2 + size + 2);
  }
}
