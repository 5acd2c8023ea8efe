import type { AxiosInstance } from "axios";
import type { z } from "zod";
import { connectionError, errorFromResponse, invalidResponseError } from "./error-factory";
import type { ErrorHints, RequestContext } from "./errors";
import { createHttp, send, type HttpRequest } from "./http";
import type { ResolvedOptions } from "./options";
import { redact } from "./redact";
import { RetryBudget, withRetries, type RetrySettings } from "./retry";
import { firstProblem } from "./zod-issue";

/** A request plus what it is for, so that its errors can say so. */
export interface Operation extends HttpRequest {
  /** What is attempted, as a sentence start: "Releasing +919876543210 from MA_X". */
  action: string;
  hints?: ErrorHints;
}

/**
 * Sends the requests of one `VobizClient`: signs them, retries them by the rules of retry.ts, and turns
 * every failure into a `VobizError` whose message starts with the operation's `action`. Holds the auth
 * token privately; answers are redacted before any error keeps a word of them.
 */
export class ApiRequester {
  readonly authId: string;
  readonly retry: RetrySettings;
  readonly #authToken: string;
  readonly #http: AxiosInstance;

  constructor(options: ResolvedOptions) {
    this.authId = options.authId;
    this.#authToken = options.authToken;
    this.#http = createHttp(options.baseUrl, options.timeoutMs);
    this.retry = {
      maxRetries: options.maxRetries,
      deadlineMs: options.retryDeadlineMs,
      sleep: options.sleep,
      onRetry: options.onRetry,
      random: Math.random,
    };
  }

  /** A fresh retry budget: one for each call, shared by the requests the call makes. */
  budget(): RetryBudget {
    return new RetryBudget(this.retry.deadlineMs);
  }

  /** What `operation` was doing, as the errors about it need it. */
  context(operation: Operation, attempts?: number): RequestContext {
    const context: RequestContext = { action: operation.action, account: this.authId, method: operation.method, path: operation.path };
    if (attempts !== undefined) context.attempts = attempts;
    if (operation.hints !== undefined) context.hints = operation.hints;
    return context;
  }

  /** Sends `operation` with retries; resolves with a 2xx status and body, throws a `VobizError` otherwise. */
  call(operation: Operation, budget: RetryBudget): Promise<{ status: number; body: string }> {
    return withRetries(
      async (attempt) => {
        const outcome = await send(this.#http, operation, { authId: this.authId, authToken: this.#authToken });
        const context = this.context(operation, attempt);
        if (outcome.kind === "no-response") throw connectionError(context, outcome.code, outcome.reason, outcome.timedOut);
        const body = redact(outcome.body, this.#authToken);
        if (outcome.status >= 200 && outcome.status < 300) return { status: outcome.status, body };
        throw errorFromResponse({ status: outcome.status, headers: outcome.headers, body }, context);
      },
      operation,
      this.retry,
      budget,
    );
  }

  /** Like `call`, then parses the body with `schema`; throws `InvalidResponseError` naming the field that does not fit. */
  async json<S extends z.ZodType>(operation: Operation, schema: S, budget: RetryBudget): Promise<z.output<S>> {
    const { status, body } = await this.call(operation, budget);
    const context = this.context(operation);
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw invalidResponseError(context, status, "(body)", body.trim() === "" ? "empty, expected JSON" : "not valid JSON");
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const { field, problem } = firstProblem(parsed.error);
      throw invalidResponseError(context, status, field, problem);
    }
    return parsed.data;
  }
}
