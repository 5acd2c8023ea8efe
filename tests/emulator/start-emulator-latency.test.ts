import { startEmulator } from "../../emulator";

describe("startEmulator latencyMs", () => {
  it.each([-1, 2.5, Number.NaN])("refuses %p before listening", async (latencyMs) => {
    await expect(startEmulator({ port: 0, latencyMs })).rejects.toThrow(`latencyMs must be a whole number of milliseconds, 0 or more; got ${latencyMs}`);
  });
});
