import { isLoopback } from "./loopback";
import type { RetryEvent } from "./retry";

/** How to reach Vobiz and how hard to try. Only `authId` and `authToken` are required. */
export interface VobizClientOptions {
  /** The account's Auth ID: `MA_…` (master) or `SA_…` (sub-account). */
  authId: string;
  authToken: string;
  /** Default `https://api.vobiz.ai/api`; requests go to `${baseUrl}/v1/...`. Plain http only for loopback hosts. */
  baseUrl?: string;
  /** Per request; default 30 000. */
  timeoutMs?: number;
  /** Retries of one request; default 4. */
  maxRetries?: number;
  /** Overall budget of one call, waits included; default 60 000. */
  retryDeadlineMs?: number;
  /** Told before each retry wait, for progress logs. Never receives the token. */
  onRetry?: (event: RetryEvent) => void;
  /** How to wait between retries; injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
}

/** The options with every default applied and every value checked. */
export interface ResolvedOptions {
  authId: string;
  authToken: string;
  baseUrl: string;
  timeoutMs: number;
  maxRetries: number;
  retryDeadlineMs: number;
  onRetry: ((event: RetryEvent) => void) | undefined;
  sleep: (ms: number) => Promise<void>;
}

/** Where Vobiz is reached unless `baseUrl` says otherwise. */
export const DEFAULT_BASE_URL = "https://api.vobiz.ai/api";

const AUTH_ID = /^(MA|SA)_[A-Za-z0-9]+$/;

/**
 * Applies the defaults and checks every option. Throws an `Error` naming the
 * option when the auth ID or token is missing or malformed, a number is out of
 * range, or `baseUrl` is not https (plain http is allowed for loopback hosts
 * only, so the token never crosses a network in clear text). The token is
 * never quoted in a message.
 */
export function resolveOptions(options: VobizClientOptions): ResolvedOptions {
  const { authId, authToken } = options;
  if (typeof authId !== "string" || !AUTH_ID.test(authId)) {
    throw new Error(`VobizClient: authId must be a Vobiz Auth ID such as "MA_XXXXXXXX" or "SA_XXXXXXXX"; got ${JSON.stringify(authId)}.`);
  }
  if (typeof authToken !== "string" || authToken.trim() === "") {
    throw new Error(`VobizClient: authToken for ${authId} is missing or empty.`);
  }
  return {
    authId,
    authToken,
    baseUrl: checkBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL),
    timeoutMs: checkCount("timeoutMs", options.timeoutMs ?? 30_000, 1),
    maxRetries: checkCount("maxRetries", options.maxRetries ?? 4, 0),
    retryDeadlineMs: checkCount("retryDeadlineMs", options.retryDeadlineMs ?? 60_000, 1),
    onRetry: options.onRetry,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
  };
}

function checkCount(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`VobizClient: ${name} must be an integer of at least ${min}; got ${String(value)}.`);
  }
  return value;
}

function checkBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`VobizClient: baseUrl ${JSON.stringify(raw)} is not a URL; expected something like "${DEFAULT_BASE_URL}".`);
  }
  if (url.username !== "" || url.password !== "" || url.search !== "" || url.hash !== "") {
    throw new Error(`VobizClient: baseUrl must not carry credentials, a query or a fragment; expected something like "${DEFAULT_BASE_URL}".`);
  }
  if (url.protocol === "http:" && !isLoopback(url.hostname)) {
    throw new Error(
      `VobizClient: refusing plain http to ${url.hostname}: the auth token would cross the network unencrypted. Use https, or http only for a local emulator (localhost, 127.0.0.0/8, ::1).`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`VobizClient: baseUrl must use https (got ${url.protocol}).`);
  }
  return url.toString().replace(/\/+$/, "");
}
