import type { CustomResourceOptions } from "@pulumi/pulumi";
import { PhoneNumber, SubAccountAssignment, type PhoneNumberArgs } from "../../index";
import { e2eSuite } from "../helpers/e2e-suite";
import { testRandom } from "../helpers/test-seed";
import { purchasesByNumber, vobizClient } from "../helpers/vobiz-stack";

const random = testRandom();

// A number that leaves one resource of the program for another in the same `up` stays with the account:
// the delete of the old resource must not release what the new one declares.
describe(`a number handed from one resource to another in one up ${random.label}`, () => {
  const suite = e2eSuite();
  const emulator = () => suite.emulator();

  async function freshNumber(): Promise<string> {
    return random.pick((await vobizClient(emulator()).listInventory({ country: "IN", perPage: 100 })).items).e164;
  }

  /** A stack whose program declares one PhoneNumber, under the name and with the inputs of the moment. */
  async function oneNumberStack(name: string, initial: { name: string; args: PhoneNumberArgs; opts?: CustomResourceOptions }) {
    let declared = initial;
    const stack = await suite.programStack(name, async () => {
      new PhoneNumber(declared.name, declared.args, declared.opts);
      return {};
    });
    await stack.up();
    return { stack, declare: (next: typeof initial) => (declared = next) };
  }

  it("keeps the number when a resource is renamed and the new name adopts it", async () => {
    const e164 = await freshNumber();
    const { stack: s, declare } = await oneNumberStack("hand-over-rename", { name: "old", args: { e164 } });
    declare({ name: "new", args: { e164, adopt: true } });
    await emulator().control.resetRequests();

    const result = await s.up();

    expect(result.summary.resourceChanges).toMatchObject({ create: 1, delete: 1 });
    expect(s.resourcesOfType("PhoneNumber").map((r) => [r.urn.split("::").pop(), r.id])).toEqual([["new", e164]]);
    const routes = (await emulator().control.requests()).requests.map((r) => r.route);
    expect(routes).not.toContain("releaseNumber");
    expect(routes).not.toContain("purchaseNumber");
    expect(await emulator().control.getNumber(e164)).toMatchObject({ owner: "MA_DEMO0001", status: "active" });
    expect((await purchasesByNumber(emulator()))[e164]).toBe(1);
    expect(s.output.join("")).toContain(`${e164} was not released: another PhoneNumber of this deployment declares it`);
    await s.preview({ expectNoChanges: true });
  });

  it("keeps the number through a replacement that deletes first, and records it again without buying", async () => {
    const e164 = await freshNumber();
    const { stack: s } = await oneNumberStack("hand-over-replace", { name: "number", args: { e164 }, opts: { deleteBeforeReplace: true } });
    const [recorded] = s.resourcesOfType("PhoneNumber");
    await emulator().control.resetRequests();

    // A forced replacement of a resource that deletes before it replaces: the same number is wanted again.
    await s.up({ replace: [recorded?.urn ?? ""] });

    const routes = (await emulator().control.requests()).requests.map((r) => r.route);
    expect(routes).not.toContain("releaseNumber");
    expect(await emulator().control.getNumber(e164)).toMatchObject({ owner: "MA_DEMO0001", status: "active" });
    expect((await purchasesByNumber(emulator()))[e164]).toBe(1);
    expect(s.resourcesOfType("PhoneNumber").map((r) => r.id)).toEqual([e164]);
    await s.preview({ expectNoChanges: true });
  });

  it("leaves a number with its sub-account when the assignment is renamed", async () => {
    const e164 = await freshNumber();
    let assignmentName = "old-assignment";
    const stack = await suite.programStack("hand-over-assignment", async () => {
      const number = new PhoneNumber("number", { e164 });
      new SubAccountAssignment(assignmentName, { e164: number.e164, subAccountId: "SA_DEMO0001" });
      return {};
    });
    await stack.up();
    assignmentName = "new-assignment";
    await emulator().control.resetRequests();

    await stack.up();

    const routes = (await emulator().control.requests()).requests.map((r) => r.route);
    expect(routes).not.toContain("unassignSubAccount");
    expect(routes).not.toContain("assignSubAccount");
    expect(await emulator().control.getNumber(e164)).toMatchObject({ owner: "SA_DEMO0001", status: "active" });
    expect(stack.resourcesOfType("SubAccountAssignment").map((r) => [r.urn.split("::").pop(), r.outputs?.["subAccountId"]])).toEqual([
      ["new-assignment", "SA_DEMO0001"],
    ]);
    await stack.preview({ expectNoChanges: true });
  });
});
