import type { Clock } from "./clock";
import type { DeploymentTimings } from "./timings";

/**
 * What the program of one deployment declares, learnt from its registrations.
 *
 * The engine generates steps one resource at a time, as the program registers them, and starts creating a
 * resource as soon as its step is generated: the `check` of a later resource can come after the `create` of
 * an earlier one. Every resource of a deployment is checked and created in one provider process, so the
 * numbers the program names exactly are collected here from `check`, and a pick by criteria first waits for
 * the burst of registrations to settle (`settled`). That wait only makes a pick avoid a number a sibling
 * names; which resource owns a number never depends on it (see number-claims.ts).
 */
export class Registrations {
  private readonly declaredExactly = new Set<string>();
  private readonly handedOver = new Set<string>();
  private readonly declaredAssignments = new Map<string, string>();
  private lastRegistrationAt = Number.NEGATIVE_INFINITY;
  // Registrations up to this time were judged complete by a pick; picks waiting on the same registrations go too.
  private settledThrough = Number.NEGATIVE_INFINITY;
  private stepsRunning = 0;
  private picksWaiting = 0;

  constructor(
    private readonly clock: Clock,
    private readonly timings: DeploymentTimings,
  ) {}

  /** Records that the engine is still registering resources (any `check` of this deployment). */
  noteRegistration(): void {
    this.lastRegistrationAt = this.clock.now();
  }

  /** Runs one step of the deployment (a create, update or delete), counted for `settled`. */
  async runningStep<T>(step: () => Promise<T>): Promise<T> {
    this.stepsRunning += 1;
    try {
      return await step();
    } finally {
      this.stepsRunning -= 1;
    }
  }

  /** Records that a resource of this deployment wants exactly this number, so no pick by criteria takes it. */
  declareExactNumber(e164: string): void {
    this.declaredExactly.add(e164);
  }

  /** Whether a resource of this deployment wants exactly this number. */
  isDeclaredExactly(e164: string): boolean {
    return this.declaredExactly.has(e164);
  }

  /**
   * Records that a delete of this deployment kept the number rather than release it, because another resource
   * of the deployment declares it (a resource renamed, or a number moved under new management).
   */
  handOver(e164: string): void {
    this.handedOver.add(e164);
  }

  /** Whether a delete of this deployment kept this number for the resource that declares it. */
  wasHandedOver(e164: string): boolean {
    return this.handedOver.has(e164);
  }

  /** Records that a `SubAccountAssignment` of this deployment wants the number held by this sub-account. */
  declareAssignment(e164: string, subAccountId: string): void {
    this.declaredAssignments.set(e164, subAccountId);
  }

  /** Whether a `SubAccountAssignment` of this deployment wants the number held by this sub-account. */
  isAssignmentDeclared(e164: string, subAccountId: string): boolean {
    return this.declaredAssignments.get(e164) === subAccountId;
  }

  /**
   * Resolves once no resource has been registered for `registrationQuietMs` (at most `registrationMaxWaitMs`
   * from now), or for `stalledQuietMs` while every running step is a pick waiting here. Resolves at once when
   * nothing was registered in this deployment.
   */
  async settled(): Promise<void> {
    const { registrationQuietMs, stalledQuietMs, registrationMaxWaitMs } = this.timings;
    const giveUpAt = this.clock.now() + registrationMaxWaitMs;
    this.picksWaiting += 1;
    try {
      for (;;) {
        const now = this.clock.now();
        const quietFor = now - this.lastRegistrationAt;
        const stalled = this.picksWaiting >= this.stepsRunning;
        if (
          this.lastRegistrationAt <= this.settledThrough ||
          quietFor >= registrationQuietMs ||
          (stalled && quietFor >= stalledQuietMs) ||
          now >= giveUpAt
        ) {
          this.settledThrough = Math.max(this.settledThrough, this.lastRegistrationAt);
          return;
        }
        const wait = stalled ? stalledQuietMs - quietFor : Math.min(registrationQuietMs - quietFor, stalledQuietMs);
        await this.clock.sleep(Math.max(1, Math.min(wait, giveUpAt - now)));
      }
    } finally {
      this.picksWaiting -= 1;
    }
  }
}
