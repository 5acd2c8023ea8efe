import { RateLimitedError, VobizError } from "./errors";

/** Reported to `onRetry` before each wait; never holds credentials. */
export interface RetryEvent {
  /** Which retry is about to be sent: 1 for the first retry. */
  attempt: number;
  /** How long the SDK waits before sending it. */
  delayMs: number;
  /** Why: the status and code (`429 RATE_LIMIT_EXCEEDED`), or the socket error (`ECONNRESET`). */
  reason: string;
  method: string;
  path: string;
}

/** How one client retries; resolved once from `VobizClientOptions`. */
export interface RetrySettings {
  maxRetries: number;
  deadlineMs: number;
  sleep: (ms: number) => Promise<void>;
  onRetry: ((event: RetryEvent) => void) | undefined;
  random: () => number;
}

const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 8_000;

/**
 * The time budget of one public call (all its requests, retries and waits).
 * Time is counted as measured request time plus the waits the SDK asked for,
 * so an injected `sleep` that returns at once still spends the budget.
 */
export class RetryBudget {
  #spentMs = 0;

  constructor(readonly deadlineMs: number) {}

  /** Milliseconds spent so far. */
  get spentMs(): number {
    return this.#spentMs;
  }

  /** Records `ms` as spent. */
  charge(ms: number): void {
    this.#spentMs += Math.max(0, ms);
  }

  /** Whether waiting `delayMs` more still leaves time to send a request. */
  allows(delayMs: number): boolean {
    return this.#spentMs + delayMs < this.deadlineMs;
  }
}

/**
 * The wait before retry number `retry` (1-based): capped exponential backoff
 * with full jitter, never shorter than Vobiz's `Retry-After`. Never throws.
 */
export function backoffDelay(retry: number, retryAfterMs: number | undefined, random: () => number): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (retry - 1));
  return Math.max(Math.floor(random() * ceiling), retryAfterMs ?? 0);
}

/**
 * Whether a failed request may be sent again as is. A 429 means Vobiz refused
 * before acting, so any method may be resent. Any other failure of a write has
 * an unknown outcome and is never resent here (purchase and release reconcile
 * by a lookup instead). Reads are resent whenever the error is retryable.
 */
export function shouldRetry(error: VobizError, method: string): boolean {
  if (error instanceof RateLimitedError) return true;
  return method === "GET" && error.retryable;
}

/** The `reason` of a retry event: status and code, or the socket error code. */
export function retryReason(error: VobizError): string {
  return [error.status, error.code].filter((part) => part !== undefined).join(" ") || "no response";
}

/**
 * Runs `send` (given the 1-based attempt number) until it resolves, retrying
 * as `shouldRetry` allows, at most `maxRetries` times and within `budget`.
 * Rethrows the last error when it may not be retried or the budget is spent.
 */
export async function withRetries<T>(
  send: (attempt: number) => Promise<T>,
  request: { method: string; path: string },
  settings: RetrySettings,
  budget: RetryBudget,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const started = Date.now();
    let result: T;
    try {
      result = await send(attempt);
    } catch (error) {
      budget.charge(Date.now() - started);
      if (!(error instanceof VobizError) || !shouldRetry(error, request.method) || attempt > settings.maxRetries) throw error;
      const retryAfterMs = error instanceof RateLimitedError ? error.retryAfterMs : undefined;
      const delayMs = backoffDelay(attempt, retryAfterMs, settings.random);
      if (!budget.allows(delayMs)) throw error;
      notify(settings, { attempt, delayMs, reason: retryReason(error), method: request.method, path: request.path });
      budget.charge(delayMs);
      await settings.sleep(delayMs);
      continue;
    }
    budget.charge(Date.now() - started);
    return result;
  }
}

/**
 * Before resending a write whose first outcome was reconciled by a lookup:
 * reports the wait to `onRetry` and sleeps, with the same backoff as
 * `withRetries`. Returns false, without waiting, when resend number `resend`
 * would pass `maxRetries` or the budget.
 */
export async function waitToResend(
  resend: number,
  reason: string,
  request: { method: string; path: string },
  settings: RetrySettings,
  budget: RetryBudget,
): Promise<boolean> {
  const delayMs = backoffDelay(resend, undefined, settings.random);
  if (resend > settings.maxRetries || !budget.allows(delayMs)) return false;
  notify(settings, { attempt: resend, delayMs, reason, method: request.method, path: request.path });
  budget.charge(delayMs);
  await settings.sleep(delayMs);
  return true;
}

/** Calls `onRetry`, if any; a progress logger that throws must not break the call it reports on. */
export function notify(settings: RetrySettings, event: RetryEvent): void {
  try {
    settings.onRetry?.(event);
  } catch {
    // Ignored on purpose: see above.
  }
}
