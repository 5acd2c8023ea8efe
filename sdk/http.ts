import axios, { type AxiosInstance } from "axios";
import { redact } from "./redact";

/** One request to Vobiz, relative to the base URL. */
export interface HttpRequest {
  method: "GET" | "POST" | "DELETE";
  /** From `paths`; starts with `/v1/`. */
  path: string;
  query?: URLSearchParams;
  /** Sent as JSON when present. */
  body?: unknown;
}

/** What came back: an HTTP answer of any status, or no answer at all. */
export type HttpOutcome =
  | { kind: "response"; status: number; headers: Record<string, string | undefined>; body: string }
  | { kind: "no-response"; timedOut: boolean; code: string; reason: string };

/** The credentials sent with every request. */
export interface Credentials {
  authId: string;
  authToken: string;
}

const MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * Creates the axios instance of one client. Every status is returned, not
 * thrown (`validateStatus`), bodies stay raw text so that a malformed body can
 * be reported precisely, and redirects are not followed: axios would forward
 * X-Auth-Token to whatever host a redirect names. Never throws.
 */
export function createHttp(baseUrl: string, timeoutMs: number): AxiosInstance {
  return axios.create({
    baseURL: baseUrl,
    allowAbsoluteUrls: false,
    timeout: timeoutMs,
    validateStatus: () => true,
    maxRedirects: 0,
    maxContentLength: MAX_BODY_BYTES,
    responseType: "text",
    transformResponse: [(data: unknown) => data],
    transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: false },
    headers: { Accept: "application/json" },
  });
}

/**
 * Sends one request with the credentials in the X-Auth-ID / X-Auth-Token
 * headers. Never throws: a failure without an HTTP answer comes back as
 * `no-response` with a readable reason that holds no request data.
 */
export async function send(http: AxiosInstance, request: HttpRequest, credentials: Credentials): Promise<HttpOutcome> {
  const query = request.query?.toString() ?? "";
  const headers: Record<string, string> = { "X-Auth-ID": credentials.authId, "X-Auth-Token": credentials.authToken };
  if (request.body !== undefined) headers["Content-Type"] = "application/json";
  try {
    const response = await http.request<unknown>({
      method: request.method,
      url: query === "" ? request.path : `${request.path}?${query}`,
      headers,
      data: request.body === undefined ? undefined : JSON.stringify(request.body),
    });
    return {
      kind: "response",
      status: response.status,
      headers: plainHeaders(response.headers),
      body: typeof response.data === "string" ? response.data : "",
    };
  } catch (error) {
    // Keep only the code and a redacted message: the error object itself holds
    // the request config, headers included.
    return noResponse(error, credentials.authToken);
  }
}

function plainHeaders(headers: unknown): Record<string, string | undefined> {
  const plain: Record<string, string | undefined> = {};
  if (headers !== null && typeof headers === "object") {
    for (const [name, value] of Object.entries(headers)) {
      if (typeof value === "string") plain[name.toLowerCase()] = value;
    }
  }
  return plain;
}

const REASONS: Record<string, string> = {
  ECONNRESET: "the connection was reset",
  ECONNREFUSED: "the connection was refused",
  ENOTFOUND: "the host name could not be resolved",
  EAI_AGAIN: "the host name could not be resolved (temporary DNS failure)",
  EPIPE: "the connection was closed while sending",
};

function noResponse(error: unknown, authToken: string): HttpOutcome {
  const code = errorCode(error);
  const message = error instanceof Error ? redact(error.message, authToken) : "unknown failure";
  if (code === "ETIMEDOUT" || code === "ECONNABORTED") {
    return { kind: "no-response", timedOut: true, code: "ETIMEDOUT", reason: `the request timed out (${message})` };
  }
  return { kind: "no-response", timedOut: false, code, reason: REASONS[code] ?? message };
}

function errorCode(error: unknown): string {
  if (error !== null && typeof error === "object" && "code" in error && typeof error.code === "string") return error.code;
  return "ERR_NETWORK";
}
