import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, StateFileError } from "../../emulator";
import { writeFileAtomicSync } from "../../emulator/atomic-write";
import { readStateFile } from "../../emulator/persistence";
import { callApi } from "../helpers/emulator";

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "vobiz-emulator-state-"));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("atomic state writes", () => {
  it("leaves the old file intact when the process dies between writing the temp file and renaming it", () => {
    const file = join(dir, "state.json");
    writeFileAtomicSync(file, "old contents");
    const crash = (): void => {
      throw new Error("simulated crash before rename");
    };
    expect(() => writeFileAtomicSync(file, "new contents", { beforeRename: crash })).toThrow("simulated crash");
    expect(readFileSync(file, "utf8")).toBe("old contents");
  });

  it("replaces the file and leaves no temporary file behind when nothing goes wrong", () => {
    const file = join(dir, "state.json");
    writeFileAtomicSync(file, "first");
    writeFileAtomicSync(file, "second");
    expect(readFileSync(file, "utf8")).toBe("second");
    expect(readdirSync(dir)).toEqual(["state.json"]);
  });

  it("keeps a real state file loadable after a crashed save", async () => {
    const file = join(dir, "state.json");
    const first = await startEmulator({ port: 0, stateFile: file });
    await first.close();
    const before = readFileSync(file, "utf8");
    expect(() =>
      writeFileAtomicSync(file, '{"version":1,"trunc', {
        beforeRename: () => {
          throw new Error("crash");
        },
      }),
    ).toThrow("crash");
    expect(readFileSync(file, "utf8")).toBe(before);
    expect(readStateFile(file)?.state.accounts["MA_DEMO0001"]).toBeDefined();
    const second = await startEmulator({ port: 0, stateFile: file });
    await second.close();
  });
});

describe("--state persistence", () => {
  it("creates the file from the seed when it does not exist", async () => {
    const file = join(dir, "fresh.json");
    const emulator = await startEmulator({ port: 0, stateFile: file });
    await emulator.close();
    const saved = JSON.parse(readFileSync(file, "utf8"));
    expect(saved.version).toBe(1);
    expect(Object.keys(saved.accounts).sort()).toEqual(["MA_ADMIN001", "MA_DEMO0001", "SA_DEMO0001", "SA_DEMO0002"]);
  });

  it("has saved a change to disk by the time the response arrives", async () => {
    const file = join(dir, "state.json");
    const emulator = await startEmulator({ port: 0, stateFile: file });
    try {
      const [first] = (await callApi(emulator, "GET", "/v1/Account/MA_DEMO0001/inventory/numbers?per_page=1")).body.items;
      const res = await callApi(emulator, "POST", "/v1/Account/MA_DEMO0001/numbers/purchase-from-inventory", { body: { e164: first.e164 } });
      expect(res.status).toBe(200);
      const onDisk = JSON.parse(readFileSync(file, "utf8"));
      expect(onDisk.numbers[first.e164].owner).toBe("MA_DEMO0001");
      expect(onDisk.ledger).toHaveLength(1);
    } finally {
      await emulator.close();
    }
  });

  it("saves before it answers: when the save fails, the answer is a 500 instead of the operation's reply", async () => {
    const stateDir = join(dir, "vanishing");
    mkdirSync(stateDir);
    const emulator = await startEmulator({ port: 0, stateFile: join(stateDir, "state.json") });
    try {
      const [first] = (await callApi(emulator, "GET", "/v1/Account/MA_DEMO0001/inventory/numbers?per_page=1")).body.items;
      rmSync(stateDir, { recursive: true });
      const res = await callApi(emulator, "POST", "/v1/Account/MA_DEMO0001/numbers/purchase-from-inventory", { body: { e164: first.e164 } });
      expect(res.status).toBe(500);
      expect(res.body.message).toMatch(/could not save its state file/);
    } finally {
      await emulator.close();
    }
  });

  it("restores numbers, balances, ledger, last calls and the frozen clock after a restart on the same file", async () => {
    const file = join(dir, "state.json");
    const first = await startEmulator({ port: 0, stateFile: file });
    const [row] = (await callApi(first, "GET", "/v1/Account/MA_DEMO0001/inventory/numbers?per_page=1&country=US")).body.items;
    await callApi(first, "POST", "/v1/Account/MA_DEMO0001/numbers/purchase-from-inventory", { body: { e164: row.e164 } });
    await first.control.setLastCall(row.e164, "2026-02-01T00:00:00Z");
    await first.control.freezeClock();
    const frozenAt = await first.control.advanceClock(3 * 24 * 3600);
    const ledgerBefore = await first.control.ledger();
    await first.close();

    const second = await startEmulator({ port: 0, stateFile: file, seed: "empty" });
    try {
      const listed = await callApi(second, "GET", "/v1/Account/MA_DEMO0001/numbers", {
        auth: { authId: "MA_DEMO0001", authToken: "emu-token-MA_DEMO0001" },
      });
      expect(listed.body.items.map((n: { e164: string }) => n.e164)).toEqual([row.e164]);
      expect(await second.control.ledger()).toEqual(ledgerBefore);
      expect((await second.control.getNumber(row.e164))?.last_call_at).toBe("2026-02-01T00:00:00.000Z");
      expect(await second.control.clock()).toEqual({ now: frozenAt, frozen: true });
    } finally {
      await second.close();
    }
  });

  it("keeps the running clock's offset across a restart", async () => {
    const file = join(dir, "state.json");
    const first = await startEmulator({ port: 0, stateFile: file, seed: "empty" });
    await first.control.advanceClock(10 * 24 * 3600);
    await first.close();
    const second = await startEmulator({ port: 0, stateFile: file, seed: "empty" });
    try {
      const ahead = Date.parse(await second.control.now()) - Date.now();
      expect(ahead).toBeGreaterThan(9 * 24 * 3600 * 1000);
    } finally {
      await second.close();
    }
  });

  it.each([
    ["not JSON", "{ this is not json", /not valid JSON/],
    ["of another version", JSON.stringify({ version: 99, accounts: {} }), /version is 99/],
    ["missing its accounts", JSON.stringify({ version: 1, saved_at: "x", clock: { offset_ms: 0, frozen_at_ms: null } }), /accounts/],
  ])("refuses a state file that is %s, naming the file and leaving it untouched", async (_what, contents, reason) => {
    const file = join(dir, "broken.json");
    writeFileSync(file, contents);
    const started = startEmulator({ port: 0, stateFile: file });
    await expect(started).rejects.toBeInstanceOf(StateFileError);
    await expect(started).rejects.toThrow(file);
    await expect(started).rejects.toThrow(reason);
    expect(readFileSync(file, "utf8")).toBe(contents);
  });
});
