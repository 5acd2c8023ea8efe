import { z } from "zod";

/** What the state file keeps of the clock: its distance from real time, or the instant it is frozen at. */
export const clockStateSchema = z.object({ offset_ms: z.number().finite(), frozen_at_ms: z.number().finite().nullable() });
export type ClockState = z.infer<typeof clockStateSchema>;

/** Raised when a caller tries to move the virtual clock backwards, or past `LATEST_TIME_MS`. */
export class ClockError extends Error {
  override readonly name = "ClockError";
}

/**
 * The latest instant the clock, or a time a test sets, may reach: the end of year 9999. A `Date` ends in year
 * 275760, and every window the emulator adds (24 hours, 15 and 45 days) must still land inside it, or every
 * later answer that shows a time would fail.
 */
export const LATEST_TIME_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * Reads an ISO 8601 time a test gives the control API. Returns undefined when it is not a time, or lies
 * before 1970 or after `LATEST_TIME_MS`.
 */
export function parseInstant(text: string): number | undefined {
  const ms = Date.parse(text);
  return Number.isFinite(ms) && ms >= 0 && ms <= LATEST_TIME_MS ? ms : undefined;
}

/**
 * The emulator's notion of "now": real time plus an offset that only grows, so tests can jump a
 * number through its 24-hour and 45-day windows. It can be frozen so that boundary tests see an
 * exact instant rather than one that drifts by the milliseconds a request takes.
 */
export class VirtualClock {
  private offsetMs: number;
  private frozenAtMs: number | null;

  constructor(
    state: ClockState = { offset_ms: 0, frozen_at_ms: null },
    private readonly realNow: () => number = Date.now,
  ) {
    this.offsetMs = state.offset_ms;
    this.frozenAtMs = state.frozen_at_ms;
  }

  /** The current virtual time in epoch milliseconds. */
  now(): number {
    return this.frozenAtMs ?? this.realNow() + this.offsetMs;
  }

  /** True while the clock is stopped. */
  get frozen(): boolean {
    return this.frozenAtMs !== null;
  }

  /** Moves the clock forward; throws ClockError for a negative or non-finite amount, or one past `LATEST_TIME_MS`. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new ClockError(`the clock only moves forward; cannot advance by ${ms} ms`);
    }
    this.setTo(this.now() + ms);
  }

  /** Sets the clock to an instant; throws ClockError when that instant is before the current time or past `LATEST_TIME_MS`. */
  setTo(ms: number): void {
    const current = this.now();
    if (!Number.isFinite(ms) || ms > LATEST_TIME_MS) {
      throw new ClockError(`the clock cannot go past ${isoTime(LATEST_TIME_MS)}`);
    }
    if (ms < current) {
      throw new ClockError(`the clock only moves forward; ${isoTime(ms)} is before ${isoTime(current)}`);
    }
    if (this.frozenAtMs !== null) this.frozenAtMs = ms;
    else this.offsetMs = ms - this.realNow();
  }

  /** Stops the clock at the current instant, or lets it run again from where it stopped. */
  setFrozen(frozen: boolean): void {
    if (frozen && this.frozenAtMs === null) {
      this.frozenAtMs = this.now();
    } else if (!frozen && this.frozenAtMs !== null) {
      this.offsetMs = this.frozenAtMs - this.realNow();
      this.frozenAtMs = null;
    }
  }

  /** What a state file needs to restore this clock. */
  toState(): ClockState {
    return { offset_ms: this.offsetMs, frozen_at_ms: this.frozenAtMs };
  }
}

/** Formats epoch milliseconds as an RFC 3339 UTC timestamp. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** Formats nullable epoch milliseconds, keeping null. */
export function isoTimeOrNull(ms: number | null): string | null {
  return ms === null ? null : isoTime(ms);
}
