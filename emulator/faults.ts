import type { ActiveFault, FaultSpec } from "./control-types";
import { SeededRandom } from "./prng";

const DEFAULT_SEED = 1;

/**
 * Faults a test has asked for, consumed one matching public request at a time, oldest first.
 * A fault with `times: n` hits the next n matching requests and is then gone; with `probability: p` it
 * hits each matching request with chance p (drawn from its own seeded sequence) and leaves the others
 * to the faults queued after it.
 */
export class FaultQueue {
  private faults: ActiveFault[] = [];
  private readonly draws = new Map<number, SeededRandom>();
  private nextId = 1;

  /** Queues a fault; the spec has been validated by the control API. */
  add(spec: FaultSpec): ActiveFault {
    const fault: ActiveFault = { ...spec, id: this.nextId++, remaining: spec.times ?? 1 };
    this.faults.push(fault);
    if (spec.probability !== undefined) this.draws.set(fault.id, new SeededRandom(spec.seed ?? DEFAULT_SEED));
    return fault;
  }

  /** Copies of the queued faults, oldest first. */
  list(): ActiveFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /** Drops every queued fault. */
  clear(): void {
    this.faults = [];
    this.draws.clear();
  }

  /** Takes one use of the first fault that matches the request and hits it, or returns undefined when none does. */
  take(method: string, rawUrl: string): ActiveFault | undefined {
    const fault = this.faults.find((f) => matches(f, method, rawUrl) && this.hits(f));
    if (fault === undefined) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) {
      this.faults = this.faults.filter((f) => f !== fault);
      this.draws.delete(fault.id);
    }
    return { ...fault };
  }

  private hits(fault: ActiveFault): boolean {
    const draw = this.draws.get(fault.id);
    return draw === undefined || draw.next() < (fault.probability ?? 1);
  }
}

function matches(fault: ActiveFault, method: string, rawUrl: string): boolean {
  const wanted = fault.match ?? {};
  if (wanted.method !== undefined && wanted.method.toUpperCase() !== method.toUpperCase()) return false;
  if (wanted.path_contains === undefined) return true;
  return rawUrl.includes(wanted.path_contains) || safeDecode(rawUrl).includes(wanted.path_contains);
}

function safeDecode(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}
