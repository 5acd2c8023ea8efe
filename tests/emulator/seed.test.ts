import { defaultSeedState, defaultSeedCredentials } from "../../emulator/seed";

describe("the default seed", () => {
  const state = defaultSeedState();
  const numbers = Object.values(state.numbers);

  it("is the same on every build", () => {
    expect(defaultSeedState()).toEqual(state);
  });

  it("has the demo master with two sub-accounts and an admin master", () => {
    expect(state.accounts["MA_DEMO0001"]).toMatchObject({
      auth_token: "emu-token-MA_DEMO0001",
      parent_id: null,
      admin: false,
      balances: { INR: 50000, USD: 200 },
      release_fees: { INR: 700, USD: 10 },
    });
    for (const sub of ["SA_DEMO0001", "SA_DEMO0002"]) {
      expect(state.accounts[sub]).toMatchObject({ auth_token: `emu-token-${sub}`, parent_id: "MA_DEMO0001" });
    }
    expect(state.accounts["MA_ADMIN001"]).toMatchObject({ admin: true, parent_id: null });
    expect(state.accounts["MA_ADMIN001"]?.balances["INR"]).toBeGreaterThan(0);
    expect(defaultSeedCredentials.subAccounts.map((s) => s.authId)).toEqual(["SA_DEMO0001", "SA_DEMO0002"]);
  });

  it("stocks at least 200 unique, well-formed numbers in every promised region", () => {
    expect(numbers.length).toBeGreaterThanOrEqual(200);
    const regions = new Map<string, string>([
      ["+9180", "Karnataka"],
      ["+9122", "Maharashtra"],
      ["+9111", "Delhi"],
      ["+9144", "Tamil Nadu"],
      ["+1415", "CA"],
      ["+1212", "NY"],
      ["+1512", "TX"],
    ]);
    for (const [prefix, region] of regions) {
      const block = numbers.filter((n) => n.e164.startsWith(prefix));
      expect(block.length).toBeGreaterThanOrEqual(15);
      expect(block.every((n) => n.region === region)).toBe(true);
    }
    expect(numbers.every((n) => regions.has(n.e164.slice(0, 5)))).toBe(true);
    expect(numbers.filter((n) => n.country === "IN").every((n) => /^\+91\d{10}$/.test(n.e164))).toBe(true);
    expect(numbers.filter((n) => n.country === "US").every((n) => /^\+1\d{3}[2-9]\d{6}$/.test(n.e164))).toBe(true);
  });

  it("prices every number in INR within realistic ranges", () => {
    for (const n of numbers) {
      expect(n.currency).toBe("INR");
      expect(n.owner).toBeNull();
      if (n.country === "IN") {
        expect(n.setup_fee).toBeGreaterThanOrEqual(100);
        expect(n.setup_fee).toBeLessThanOrEqual(500);
        expect(n.monthly_fee).toBeGreaterThanOrEqual(300);
        expect(n.monthly_fee).toBeLessThanOrEqual(1200);
      } else {
        expect(n.setup_fee).toBeLessThanOrEqual(200);
        expect(n.monthly_fee).toBeGreaterThanOrEqual(250);
        expect(n.monthly_fee).toBeLessThanOrEqual(900);
      }
    }
    expect(new Set(numbers.map((n) => n.monthly_fee)).size).toBeGreaterThan(5);
  });
});
