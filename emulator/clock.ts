/** What the state file keeps of the clock: its distance from real time, or the instant it is frozen at. */
export interface ClockState {
  offset_ms: number;
  frozen_at_ms: number | null;
}

/** Raised when a caller tries to move the virtual clock backwards. */
export class ClockError extends Error {
  override readonly name = "ClockError";
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

  /** Moves the clock forward; throws ClockError for a negative or non-finite amount. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new ClockError(`the clock only moves forward; cannot advance by ${ms} ms`);
    }
    this.setTo(this.now() + ms);
  }

  /** Sets the clock to an instant; throws ClockError when that instant is before the current time. */
  setTo(ms: number): void {
    const current = this.now();
    if (!Number.isFinite(ms) || ms < current) {
      throw new ClockError(
        `the clock only moves forward; ${new Date(ms).toISOString()} is before ${new Date(current).toISOString()}`,
      );
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
