import { redact } from "../sdk/redact";
import type { RequestLogEntry, RequestLogReport } from "./control-types";

/** The log keeps at most this many entries (the oldest go first); counters are never trimmed. */
export const MAX_LOG_ENTRIES = 10_000;

/** What the server knows about a finished request, before redaction. */
export type RequestRecord = Omit<RequestLogEntry, "seq">;

/**
 * Every request the emulator answered (public and control), plus counters of public calls keyed
 * `METHOD routeName`. Tokens are scrubbed from the path before it is stored, so the log can be
 * printed or asserted on freely.
 */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private counters: Record<string, number> = {};
  private total = 0;
  private seq = 0;

  /** Records a request; `secrets` are replaced by `[redacted]` wherever they appear in the path or auth id. */
  record(request: RequestRecord, secrets: readonly string[]): void {
    // A client may present any string as a token: hiding a one- to three-letter guess would garble the
    // path without keeping anything secret.
    const hideable = secrets.filter((secret) => secret.length >= 4);
    const entry: RequestLogEntry = {
      seq: ++this.seq,
      ...request,
      path: redact(request.path, hideable),
      auth_id: request.auth_id === null ? null : redact(request.auth_id, hideable),
    };
    this.entries.push(entry);
    if (this.entries.length > MAX_LOG_ENTRIES) this.entries.shift();
    if (request.api === "public") {
      const key = `${request.method} ${request.route}`;
      this.counters[key] = (this.counters[key] ?? 0) + 1;
      this.total += 1;
    }
  }

  /** A copy of the log and counters, as `GET /__emulator/requests` returns it. */
  report(): RequestLogReport {
    return { requests: this.entries.map((e) => ({ ...e })), counters: { ...this.counters }, total: this.total };
  }

  /** Empties the log and zeroes the counters. */
  reset(): void {
    this.entries = [];
    this.counters = {};
    this.total = 0;
  }
}
