import type { PulumiFn } from "@pulumi/pulumi/automation";
import type { RunningEmulator } from "../../emulator";
import { PhoneNumber, SubAccountAssignment, type PhoneNumberArgs, type SubAccountAssignmentArgs } from "../../index";
import type { TestStack } from "./pulumi-stack";
import type { TestRandom } from "./test-seed";
import { startSeededEmulator, vobizClient, vobizStack } from "./vobiz-stack";

/** The inputs of a `SubAccountAssignment` other than its number. */
export type AssignmentArgs = Omit<SubAccountAssignmentArgs, "e164">;

/**
 * One seeded emulator for an end-to-end suite (started in beforeAll, closed in afterAll) and one stack per
 * test, disposed after it. `afterEachTest` runs first, to undo what a test changed in the emulator.
 */
export function e2eSuite(options: { afterEachTest?: (emulator: RunningEmulator) => Promise<unknown> } = {}) {
  let running: RunningEmulator | undefined;
  let stack: TestStack | undefined;
  const emulator = (): RunningEmulator => {
    if (running === undefined) throw new Error("e2eSuite(): the emulator starts in beforeAll; read it inside a test or hook");
    return running;
  };
  beforeAll(async () => {
    running = await startSeededEmulator();
  });
  afterEach(async () => {
    await options.afterEachTest?.(emulator());
    await stack?.dispose();
    stack = undefined;
  });
  afterAll(async () => {
    await running?.close();
  });

  return {
    emulator,

    /** This test's stack, running `program`. */
    async programStack(name: string, program: PulumiFn) {
      stack = await vobizStack(name, emulator(), program);
      return stack;
    },

    /** This test's stack: one `PhoneNumber` named "number", whose inputs `setArgs` changes for the next run. */
    async numberStack(name: string, initial: PhoneNumberArgs) {
      let args = initial;
      stack = await vobizStack(name, emulator(), async () => {
        const number = new PhoneNumber("number", args);
        return { e164: number.e164 };
      });
      return { stack, setArgs: (next: PhoneNumberArgs) => (args = next) };
    },

    /**
     * This test's stack after its first `up`: a number picked at random from the Indian inventory, bought
     * and assigned with `initial`; `reassign` changes the assignment's inputs for the next run.
     */
    async assignedNumberStack(name: string, random: TestRandom, initial: AssignmentArgs) {
      const e164 = random.pick((await vobizClient(emulator()).listInventory({ country: "IN", perPage: 100 })).items).e164;
      let assignment = initial;
      const s = await vobizStack(name, emulator(), async () => {
        const number = new PhoneNumber("number", { e164 });
        new SubAccountAssignment("assignment", { e164: number.e164, ...assignment });
        return {};
      });
      stack = s;
      await s.up();
      return { e164, stack: s, reassign: (next: AssignmentArgs) => (assignment = next) };
    },
  };
}
