import { phoneNumberOperations } from "../../../provider/phone-number/operations";
import { useEmulator } from "../../helpers/emulator";
import { providerSettings } from "../../helpers/vobiz-stack";

// Picks by criteria, called the way one deployment's provider process calls them: concurrently.
describe("picking inventory numbers by criteria", () => {
  const emulator = useEmulator();
  const settings = () => providerSettings(emulator());
  let series = 0;

  /** Stocks `count` numbers of a country nobody else uses, and returns them. */
  async function stock(count: number): Promise<{ country: string; numbers: string[] }> {
    series += 1;
    const country = ["GB", "DE", "FR", "ES", "IT"][series - 1] ?? "NL";
    const numbers = Array.from({ length: count }, (_, i) => `+4470${series}0000${String(i).padStart(3, "0")}`);
    await emulator().control.addInventory(numbers.map((e164) => ({ e164, country, region: "R", setup_fee: 0, monthly_fee: 100, currency: "INR" })));
    await emulator().control.resetRequests();
    return { country, numbers };
  }

  const e164Of = (created: { id: string }) => created.id;

  it("leaves every number a sibling declared exactly, even one checked after the pick began", async () => {
    const { country, numbers } = await stock(4);
    const [first, second] = numbers as [string, string];
    await phoneNumberOperations.check(undefined, {}, { e164: first });
    const picks = Promise.all([phoneNumberOperations.create(settings(), { country }), phoneNumberOperations.create(settings(), { country })]);
    await phoneNumberOperations.check(undefined, {}, { e164: second });

    const picked = (await picks).map(e164Of).sort();
    expect(picked).toEqual(numbers.slice(2).sort());
    expect((await emulator().control.getNumber(first))?.owner).toBeNull();
  });

  it("shares one listing between siblings and rides out 429s without calling anything taken", async () => {
    const { country, numbers } = await stock(5);
    await emulator().control.injectFault({ match: { method: "POST", path_contains: "purchase-from-inventory" }, kind: "status", status: 429, retry_after_seconds: 1, times: 4 });

    const picked = await Promise.all(numbers.map(() => phoneNumberOperations.create(settings(), { country })));

    expect(picked.map(e164Of).sort()).toEqual([...numbers].sort());
    const { requests } = await emulator().control.requests();
    expect(requests.filter((r) => r.route === "listInventory").map((r) => r.status)).toEqual([200]);
    expect(requests.filter((r) => r.route === "purchaseNumber").map((r) => r.status).sort()).toEqual([...numbers.map(() => 200), 429, 429, 429, 429]);
  });

  it("lists each page of candidates once while the engine sends its creates a batch at a time", async () => {
    const { country, numbers } = await stock(250);
    const picked: string[] = [];
    // The engine runs eight steps at once and sends the next create when one ends.
    for (let start = 0; start < numbers.length; start += 8) {
      const batch = numbers.slice(start, start + 8).map(() => phoneNumberOperations.create(settings(), { country }));
      picked.push(...(await Promise.all(batch)).map(e164Of));
    }

    expect(picked.sort()).toEqual([...numbers].sort());
    const { requests } = await emulator().control.requests();
    // Every purchase leaves the inventory, so the first page holds the next hundred each time it is read.
    const listings = requests.filter((r) => r.route === "listInventory").map((r) => new URL(r.path, "http://x").searchParams.get("page"));
    expect(listings).toEqual(["1", "1", "1"]);
    expect(requests.filter((r) => r.route === "purchaseNumber")).toHaveLength(250);
  });

  it("moves on from a number someone else bought first, and gives up saying so after ten of them", async () => {
    const { country, numbers } = await stock(12);
    const notInInventory = { error: "not_found", message: "number not found in inventory" };
    await emulator().control.injectFault({ match: { path_contains: "purchase-from-inventory" }, kind: "status", status: 404, body: notInInventory, times: 1 });
    const bought = await phoneNumberOperations.create(settings(), { country });
    expect(numbers).toContain(bought.id);

    await emulator().control.injectFault({ match: { path_contains: "purchase-from-inventory" }, kind: "status", status: 404, body: notInInventory, times: 10 });
    await expect(phoneNumberOperations.create(settings(), { country })).rejects.toThrow(
      `Could not buy a number matching country ${country}: 10 candidates were bought by another account between the listing and the purchase`,
    );
    const purchases = (await emulator().control.requests()).requests.filter((r) => r.route === "purchaseNumber").map((r) => r.status);
    expect(purchases).toEqual([404, 200, ...Array.from({ length: 10 }, () => 404)]);
  });
});
