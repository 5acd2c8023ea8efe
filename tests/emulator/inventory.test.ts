import { callApi, useEmulator } from "../helpers/emulator";

const emulator = useEmulator();
const MASTER = "MA_DEMO0001";

interface Row {
  e164: string;
  country: string;
  region: string;
}

async function inventory(query: string): Promise<{ items: Row[]; total: number; per_page: number; page: number }> {
  const res = await callApi(emulator(), "GET", `/v1/Account/${MASTER}/inventory/numbers${query}`);
  expect(res.status).toBe(200);
  return res.body;
}

async function allInventory(query = ""): Promise<Row[]> {
  const rows: Row[] = [];
  for (let page = 1; ; page++) {
    const res = await inventory(`?per_page=100&page=${page}${query}`);
    rows.push(...res.items);
    if (res.items.length < 100) return rows;
  }
}

describe("GET /Account/{id}/inventory/numbers", () => {
  it("offers the default seed's 200+ unique numbers, sorted by e164, across IN and US regions", async () => {
    const rows = await allInventory();
    const e164s = rows.map((r) => r.e164);
    expect(rows.length).toBeGreaterThanOrEqual(200);
    expect(new Set(e164s).size).toBe(e164s.length);
    expect([...e164s].sort()).toEqual(e164s);
    for (const prefix of ["+9180", "+9122", "+9111", "+9144", "+1415", "+1212", "+1512"]) {
      expect(e164s.some((e) => e.startsWith(prefix))).toBe(true);
    }
    expect((await inventory("")).total).toBe(rows.length);
  });

  it("shows inventory rows with an empty account_id and null tags", async () => {
    const [row] = (await inventory("?per_page=1")).items;
    expect(row).toMatchObject({ account_id: "", tags: null, status: "active", provider: "", currency: "INR", trunk_group_id: null });
    expect(row).not.toHaveProperty("purchased_at");
  });

  it("clamps per_page above 100 to 100 items", async () => {
    const res = await inventory("?per_page=1000");
    expect(res.per_page).toBe(100);
    expect(res.items).toHaveLength(100);
    expect(res.total).toBeGreaterThan(100);
  });

  it("filters by country", async () => {
    const us = await allInventory("&country=US");
    expect(us.length).toBeGreaterThan(0);
    expect(us.every((r) => r.country === "US" && r.e164.startsWith("+1"))).toBe(true);
  });

  it("searches by substring anywhere in the number", async () => {
    const rows = await allInventory("&search=415");
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.e164.includes("415"))).toBe(true);
  });

  it("drops numbers starting with an exclude prefix, with or without its +", async () => {
    const plain = await allInventory("&exclude=9180");
    const plus = await allInventory(`&exclude=${encodeURIComponent("+9180")}`);
    const everything = await allInventory();
    expect(plain.some((r) => r.e164.startsWith("+9180"))).toBe(false);
    expect(plain.length).toBeLessThan(everything.length);
    expect(plus.map((r) => r.e164)).toEqual(plain.map((r) => r.e164));
  });

  it("combines comma lists and repeated exclude parameters, ignoring duplicates", async () => {
    const combined = await inventory("?exclude=9180,9122&exclude=1415&exclude=9180&per_page=100");
    const all = await allInventory();
    const kept = all.filter((r) => !["+9180", "+9122", "+1415"].some((p) => r.e164.startsWith(p)));
    expect(combined.total).toBe(kept.length);
    expect(combined.items.map((r) => r.e164)).toEqual(kept.slice(0, 100).map((r) => r.e164));
  });

  it("lets exclude win over search and matches prefixes against the full +<cc> form", async () => {
    const searched = await inventory("?search=9180");
    const excluded = await inventory("?search=9180&exclude=9180");
    const localOnly = await allInventory("&exclude=80");
    expect(searched.total).toBeGreaterThan(0);
    expect(excluded.total).toBe(0);
    expect(localOnly.some((r) => r.e164.startsWith("+9180"))).toBe(true);
  });

  it("no longer offers a number once it is bought", async () => {
    const [first] = (await inventory("?country=US&per_page=1")).items;
    const e164 = first?.e164 ?? "";
    const bought = await callApi(emulator(), "POST", `/v1/Account/${MASTER}/numbers/purchase-from-inventory`, { body: { e164 } });
    expect(bought.status).toBe(200);
    const after = await inventory(`?search=${e164.slice(1)}`);
    expect(after.total).toBe(0);
  });

  it("refuses a per_page that is not a positive integer", async () => {
    const res = await callApi(emulator(), "GET", `/v1/Account/${MASTER}/inventory/numbers?per_page=0`);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: "invalid request", message: "per_page must be a positive integer" });
  });
});
