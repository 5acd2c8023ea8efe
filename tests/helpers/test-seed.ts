import { randomInt } from "node:crypto";
import { SeededRandom } from "../../emulator/prng";

/** A seeded random source for one test file, and the seed that reproduces it. */
export interface TestRandom {
  readonly seed: number;
  /** One item of a non-empty list, chosen by the seeded source. */
  pick<T>(items: readonly T[]): T;
  /** Put in the suite's name, so that every failure report shows how to reproduce the run. */
  readonly label: string;
}

/**
 * A random source for tests that pick inventory at random. The seed comes from `VOBIZ_TEST_SEED` when
 * it is set, so a failed run can be repeated exactly, and is fresh otherwise. Throws when asked to pick
 * from an empty list.
 */
export function testRandom(): TestRandom {
  const fromEnv = process.env["VOBIZ_TEST_SEED"];
  const seed = fromEnv !== undefined && /^\d+$/.test(fromEnv) ? Number(fromEnv) : randomInt(2 ** 31);
  const random = new SeededRandom(seed);
  return {
    seed,
    label: `(seed ${seed}: rerun with VOBIZ_TEST_SEED=${seed})`,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error("testRandom().pick: nothing to pick from");
      return items[random.integer(0, items.length - 1)] as T;
    },
  };
}
