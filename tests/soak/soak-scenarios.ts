import type { RunningEmulator } from "../../emulator";
import type { FaultSpec } from "../../emulator/control-types";
import { burstsOf5xx } from "../e2e/reliability/fault-bursts";

/**
 * A money scenario of the soak: the faults Vobiz answers with while a deployment buys, and whether they last
 * through the `up` runs a user makes (a storm that has passed by the next run is cleared before it).
 */
export interface SoakScenario {
  name: string;
  /** Starts the faults for one run of the scenario, drawn from `seed`; returns how to end them. */
  start(emulator: RunningEmulator, seed: number): Promise<{ stop(): Promise<void> }>;
  /** Whether the faults are over before the user's next `up`. */
  passesBeforeRerun: boolean;
}

const purchases = { method: "POST", path_contains: "purchase-from-inventory" };

function queued(name: string, passesBeforeRerun: boolean, faults: (seed: number) => FaultSpec[]): SoakScenario {
  return {
    name,
    passesBeforeRerun,
    async start(emulator, seed) {
      for (const fault of faults(seed)) await emulator.control.injectFault(fault);
      return { stop: () => emulator.control.clearFaults() };
    },
  };
}

/** The scenarios that put money at stake: every one of them buys while Vobiz misbehaves. */
export const soakScenarios: SoakScenario[] = [
  {
    name: "bursts of 5xx",
    passesBeforeRerun: true,
    async start(emulator) {
      return burstsOf5xx(emulator);
    },
  },
  queued("random 503s", false, (seed) => [{ kind: "status", status: 503, probability: 0.1, seed, times: 100_000 }]),
  queued("connection resets", true, (seed) => [{ kind: "reset", probability: 0.1, seed, times: 100_000 }]),
  queued("429 storms", false, (seed) => [{ kind: "status", status: 429, retry_after_seconds: 1, probability: 0.3, seed, times: 100_000 }]),
  queued("purchase committed, then 502", false, (seed) => [{ kind: "commit-then-502", match: purchases, probability: 0.3, seed, times: 100_000 }]),
  queued("slow answers", false, (seed) => [{ kind: "latency", latency_ms: 2000, probability: 0.1, seed, times: 100_000 }]),
];
