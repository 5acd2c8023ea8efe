import type { RunningEmulator } from "../../../emulator";

/**
 * Bursts of server errors while a deployment runs: each time 15 more requests have been answered and the
 * last burst is spent, the next 5 requests are answered 503, 502, 504 or 500 in turn. `stop` ends the
 * outage and drops what is left of the last burst.
 */
export function burstsOf5xx(emulator: RunningEmulator): { stop(): Promise<void>; count(): number } {
  const statuses = [503, 502, 504, 500];
  let bursts = 0;
  let stopped = false;
  const loop = (async () => {
    let answeredAtLastBurst = 0;
    while (!stopped) {
      const [{ total }, queued] = await Promise.all([emulator.control.requests(), emulator.control.faults()]);
      if (queued.length === 0 && total >= answeredAtLastBurst + 15) {
        await emulator.control.injectFault({ kind: "status", status: statuses[bursts % statuses.length] ?? 500, times: 5 });
        bursts += 1;
        answeredAtLastBurst = total + 5;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    count: () => bursts,
    stop: async () => {
      stopped = true;
      await loop;
      await emulator.control.clearFaults();
    },
  };
}
