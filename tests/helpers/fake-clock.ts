import type { Clock } from "../../provider/session/clock";

/** A clock that moves only when a test says so; `sleep` resolves as `advance` passes its deadline. */
export class FakeClock implements Clock {
  private time = 0;
  private sleepers: { at: number; wake: () => void }[] = [];

  now(): number {
    return this.time;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((wake) => this.sleepers.push({ at: this.time + ms, wake }));
  }

  /** Moves the clock forward by `ms`, waking each sleeper at its deadline and letting it run before the next. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      await settle();
      const due = this.sleepers.filter((s) => s.at <= target).sort((a, b) => a.at - b.at)[0];
      if (due === undefined) break;
      this.sleepers = this.sleepers.filter((s) => s !== due);
      this.time = Math.max(this.time, due.at);
      due.wake();
    }
    this.time = target;
    await settle();
  }
}

/** Lets every promise callback that is ready run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Tracks whether a promise has settled, for assertions on "not yet". */
export function track<T>(promise: Promise<T>): { done: () => boolean; promise: Promise<T> } {
  let done = false;
  const tracked = promise.finally(() => (done = true));
  return { done: () => done, promise: tracked };
}
