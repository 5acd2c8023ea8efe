import { randomBytes } from "node:crypto";
import type { RunningEmulator } from "../../emulator";
import { PhoneNumber, SubAccountAssignment } from "../../index";
import type { TestStack } from "../helpers/pulumi-stack";
import { startSeededEmulator, vobizStack } from "../helpers/vobiz-stack";

const TOKEN = `tok-${randomBytes(18).toString("hex")}`;
const WRONG_TOKEN = `wrong-${randomBytes(18).toString("hex")}`;
const MASTER = "MA_LEAK0001";

// The auth token is a secret: it must reach no state file, no engine log line, no error and no closure.
describe("the auth token", () => {
  let emulator: RunningEmulator;
  let stack: TestStack;
  const engineLog: string[] = [];

  beforeAll(async () => {
    emulator = await startSeededEmulator();
    await emulator.control.seedAccount({ auth_id: MASTER, auth_token: TOKEN, balances: { INR: 100_000 } });
    await emulator.control.seedAccount({ auth_id: "SA_LEAK0001", auth_token: `sub-${TOKEN}`, parent_id: MASTER });
    stack = await vobizStack(
      "secrets",
      emulator,
      async () => {
        const number = new PhoneNumber("secret-line", { country: "IN", contains: "9144", trunkGroupId: "trunk-s" });
        new SubAccountAssignment("secret-assignment", { e164: number.e164, subAccountId: "SA_LEAK0001" });
        return { e164: number.e164 };
      },
      { authId: MASTER, authToken: TOKEN },
    );
  });
  afterAll(async () => {
    await stack.dispose();
    await emulator.close();
  });

  it("stays out of the state file, the engine's verbose log and the CLI output through a whole lifecycle", async () => {
    await stack.up({ logVerbosity: 9, logToStdErr: true, debug: true, onError: (text) => engineLog.push(text) });
    await stack.preview({ expectNoChanges: true });
    await stack.refresh();
    const state = stack.stateText();

    expect(engineLog.join("").length).toBeGreaterThan(10_000);
    expect(engineLog.join("")).not.toContain(TOKEN);
    expect(state).not.toContain(TOKEN);
    expect(stack.allOutput()).not.toContain(TOKEN);
    const { requests } = await emulator.control.requests();
    expect(JSON.stringify(requests)).not.toContain(TOKEN);
  });

  it("keeps __provider small, free of secrets, and loading the provider logic by package name", () => {
    for (const type of ["PhoneNumber", "SubAccountAssignment"]) {
      const [resource] = stack.resourcesOfType(type);
      const provider = String(resource?.outputs?.["__provider"]);
      expect(provider).toContain('require("pulumi-vobiz/provider/runtime")');
      expect(provider).not.toContain(TOKEN);
      expect(Buffer.byteLength(provider)).toBeLessThan(4096);
    }
  });

  it("stays out of error messages, including the one for a rejected token", async () => {
    await emulator.control.injectFault({ match: { method: "DELETE", path_contains: "/assign" }, kind: "status", status: 500 });
    await expect(stack.destroy()).rejects.toThrow(/500/);
    await emulator.control.clearFaults();

    await stack.stack.setConfig("vobiz:authToken", { value: WRONG_TOKEN, secret: true });
    const rejected = stack.destroy({ runProgram: true });
    await expect(rejected).rejects.toThrow(/401 unauthorized.*after rotating the token, run `pulumi up` first, or add --run-program/s);
    const everything = stack.allOutput() + stack.output.join("");
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain(WRONG_TOKEN);
    expect(stack.stateText()).not.toContain(WRONG_TOKEN);

    await stack.stack.setConfig("vobiz:authToken", { value: TOKEN, secret: true });
    await stack.destroy({ runProgram: true });
    expect(stack.resourcesOfType("PhoneNumber")).toEqual([]);
  });
});
