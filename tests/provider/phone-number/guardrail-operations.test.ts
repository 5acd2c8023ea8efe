import type { ConfiguredSettings } from "../../../provider/core/credentials";
import type { GuardrailConfig } from "../../../provider/core/guardrail-settings";
import { phoneNumberOperations } from "../../../provider/phone-number/operations";
import { Refusal } from "../../../provider/core/refusal";
import { startDeployment } from "../../../provider/session/deployment-session";
import { useEmulator } from "../../helpers/emulator";
import { providerSettings } from "../../helpers/vobiz-stack";

// The guardrails as the provider methods apply them, against the emulator over HTTP: check refuses before
// any call, a pick by criteria never looks above the caps, an exact number is looked up before it is bought.
describe("PhoneNumber guardrails in the provider methods", () => {
  const emulator = useEmulator();
  const withGuardrails = (guardrails: GuardrailConfig): ConfiguredSettings => ({ ...providerSettings(emulator()), guardrails });

  beforeEach(() => startDeployment());

  /** Stocks numbers of the given fees under a prefix no seeded number has, and returns them in order. */
  async function stock(prefix: string, fees: { monthly: number; setup?: number; country?: string }[]): Promise<string[]> {
    const numbers = fees.map((fee, index) => ({
      e164: `${prefix}${String(index).padStart(4, "0")}`,
      country: fee.country ?? "IN",
      region: "Test",
      setup_fee: fee.setup ?? 0,
      monthly_fee: fee.monthly,
      currency: "INR",
    }));
    await emulator().control.addInventory(numbers);
    return numbers.map((n) => n.e164);
  }

  async function purchases(): Promise<string[]> {
    return (await emulator().control.ledger()).filter((row) => row.kind === "purchase").map((row) => row.e164);
  }

  it("refuses at check, before any API call, a declaration that breaks a guardrail", async () => {
    await emulator().control.resetRequests();
    const settings = withGuardrails({ allowedCountries: '["IN","US"]', maxMonthlyFee: "1000", requireDeletionProtection: "true" });
    const { failures } = await phoneNumberOperations.check(settings, undefined, { country: "DE", maxMonthlyFee: 1500 });
    expect(failures.map((f) => f.property)).toEqual(["country", "maxMonthlyFee", "deletionProtection"]);
    expect((await emulator().control.requests()).requests).toEqual([]);
  });

  it("refuses a create that check would refuse, for a front end that does not call check", async () => {
    const before = await purchases();
    const refused = phoneNumberOperations.create(withGuardrails({ allowedCountries: "IN" }), { country: "US" });
    await expect(refused).rejects.toThrow("country: US is not allowed by the stack's vobiz:allowedCountries (IN). Nothing was bought.");
    await expect(refused).rejects.toBeInstanceOf(Refusal);
    expect(await purchases()).toEqual(before);
  });

  it("never picks a number above the fee cap when the criteria set none, and picks one at the cap", async () => {
    const [, atCap] = await stock("+9170001", [{ monthly: 1200 }, { monthly: 1000, setup: 300 }, { monthly: 1050 }]);
    const settings = withGuardrails({ maxMonthlyFee: "1000", maxSetupFee: "300" });
    const { outs } = await phoneNumberOperations.create(settings, { country: "IN", contains: "9170001" });
    expect(outs).toMatchObject({ e164: atCap, monthlyFee: 1000, setupFee: 300 });
    // The selection recorded is the one declared, so the next diff sees no change.
    expect(outs.selection).toEqual({ country: "IN", contains: "9170001" });

    const before = await purchases();
    await expect(phoneNumberOperations.create(settings, { country: "IN", contains: "9170001" })).rejects.toThrow(/No number in Vobiz inventory matches/);
    expect(await purchases()).toEqual(before);
  });

  it("looks an exact number up before buying it, and refuses it when its country or fees break a cap", async () => {
    const [german, expensive, cheap] = await stock("+9170002", [{ monthly: 500, country: "DE" }, { monthly: 1001 }, { monthly: 1000 }]);
    const settings = withGuardrails({ allowedCountries: '["IN","US"]', maxMonthlyFee: "1000" });
    const before = await purchases();

    await expect(phoneNumberOperations.create(settings, { e164: german ?? "" })).rejects.toThrow(
      `e164: ${german} is refused: its country DE is not allowed by the stack's vobiz:allowedCountries (IN, US). Nothing was bought`,
    );
    await expect(phoneNumberOperations.create(settings, { e164: expensive ?? "" })).rejects.toThrow(
      /its monthly fee 1001 INR is above the stack's vobiz:maxMonthlyFee \(1000\)/,
    );
    expect(await purchases()).toEqual(before);

    await phoneNumberOperations.create(settings, { e164: cheap ?? "" });
    expect(await purchases()).toEqual([...before, cheap]);
  });

  it("adopts a number whatever its country and fees, since adopting buys nothing", async () => {
    const [german] = await stock("+9170003", [{ monthly: 5000, country: "DE" }]);
    await phoneNumberOperations.create(providerSettings(emulator()), { e164: german ?? "" });
    startDeployment();
    const settings = withGuardrails({ allowedCountries: "IN", maxMonthlyFee: "10" });
    expect((await phoneNumberOperations.check(settings, undefined, { e164: german, adopt: true })).failures).toEqual([]);
    expect((await phoneNumberOperations.create(settings, { e164: german ?? "", adopt: true })).outs).toMatchObject({ e164: german, country: "DE" });
  });

  it("makes no inventory lookup for an exact number when no country or fee cap is set", async () => {
    const [number] = await stock("+9170004", [{ monthly: 300 }]);
    await emulator().control.resetRequests();
    await phoneNumberOperations.create(withGuardrails({ requireDeletionProtection: "false" }), { e164: number ?? "" });
    expect((await emulator().control.requests()).requests.map((r) => r.route)).toEqual(["purchaseNumber"]);
  });
});
