import { VobizClient, type ListingProgress } from "../../sdk";
import { useEmulator } from "../helpers/emulator";

describe("iterating over the owned numbers", () => {
  const emulator = useEmulator();

  it("reports how far it has got after each page, without the caller paging", async () => {
    const client = new VobizClient({ ...emulator().credentials.master, baseUrl: emulator().baseUrl });
    const inventory = await client.listInventory({ country: "IN", perPage: 5 });
    for (const number of inventory.items) await client.purchaseNumber(number.e164);

    const progress: ListingProgress[] = [];
    const listed: string[] = [];
    for await (const number of client.numbers({ perPage: 2, onPage: (p) => progress.push(p) })) listed.push(number.e164);

    expect(listed.sort()).toEqual(inventory.items.map((n) => n.e164).sort());
    expect(progress).toEqual([
      { listed: 2, total: 5 },
      { listed: 4, total: 5 },
      { listed: 5, total: 5 },
    ]);
  });
});
