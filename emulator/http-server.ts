import { createServer, STATUS_CODES, type RequestListener, type Server } from "node:http";
import type { Duplex } from "node:stream";
import { apiErrors, type ApiReply } from "./errors";
import { sendReply } from "./http-io";

// What Node's parser reports, in words a client can act on (llhttp error codes).
const PARSER_PROBLEMS: Readonly<Record<string, string>> = {
  HPE_INVALID_METHOD: "unknown HTTP method (methods are upper case, e.g. GET)",
  HPE_INVALID_CONSTANT: "the request line must be the method, the target and the HTTP version, separated by single spaces",
  HPE_INVALID_URL: "the request target has characters that must be percent-encoded",
  HPE_INVALID_VERSION: "the HTTP version is not 1.0 or 1.1",
  HPE_PAUSED_H2_UPGRADE: "HTTP/2 is not supported",
  HPE_INVALID_HEADER_TOKEN: "a header name or value has invalid characters",
  HPE_INVALID_CONTENT_LENGTH: "Content-Length is not a number",
  HPE_UNEXPECTED_CONTENT_LENGTH: "Content-Length is given twice",
  HPE_INVALID_TRANSFER_ENCODING: "Transfer-Encoding is not valid, or comes with Content-Length",
  HPE_INVALID_CHUNK_SIZE: "a chunk size is not hexadecimal",
};

/**
 * Creates the emulator's HTTP server around its request listener. Requests that never reach a route (Node's
 * parser refuses them, a CONNECT, an `Expect` other than 100-continue, a request without `Host`) get a 4xx
 * with a JSON body in the API's envelope, as routed requests do, instead of Node's bare status line.
 */
export function createHttpServer(listener: RequestListener): Server {
  // Keep-alive connections idle for a second are closed, so a client that forgets them does not hold the
  // server open. `Host` is not needed to route anything.
  const server = createServer({ keepAliveTimeout: 1000, requireHostHeader: false }, listener);
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => {
    // After a response has started on this socket (a bad pipelined request), nothing well-formed can follow.
    const answering = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
    if (!socket.writable || answering || error.code === "ECONNRESET") {
      socket.destroy();
      return;
    }
    endWith(socket, clientErrorReply(error));
  });
  server.on("connect", (_req, socket: Duplex) => endWith(socket, apiErrors.connectNotAllowed));
  server.on("checkExpectation", (_req, res) => sendReply(res, apiErrors.expectationFailed));
  return server;
}

function clientErrorReply(error: NodeJS.ErrnoException): ApiReply {
  if (error.code === "HPE_HEADER_OVERFLOW") return apiErrors.headersTooLarge;
  if (error.code === "ERR_HTTP_REQUEST_TIMEOUT") return apiErrors.requestTimeout;
  return apiErrors.malformedHttp(PARSER_PROBLEMS[error.code ?? ""] ?? `it cannot be parsed (${error.code ?? "unknown error"})`);
}

// No request or response object exists here: the answer is written to the socket as raw HTTP.
function endWith(socket: Duplex, reply: ApiReply): void {
  const payload = JSON.stringify(reply.body ?? {});
  socket.end(
    `HTTP/1.1 ${reply.status} ${STATUS_CODES[reply.status] ?? ""}\r\n` +
      "content-type: application/json; charset=utf-8\r\n" +
      `content-length: ${Buffer.byteLength(payload)}\r\n` +
      "connection: close\r\n\r\n" +
      payload,
  );
}
