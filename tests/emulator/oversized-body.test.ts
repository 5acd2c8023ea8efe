import { request } from "node:http";
import { masterHeaders, problemsWithRefusal, staged, useStatefulEmulator, type StateView } from "./bad-input-fixture";
import type { RawResponse } from "./raw-http";

const LIMIT = 1024 * 1024;
const purchase = "/api/v1/Account/MA_DEMO0001/numbers/purchase-from-inventory";

/** `value` as JSON of exactly `bytes` bytes, its string "PAD" stretched with x's to fit. */
function paddedJson(value: unknown, bytes: number): string {
  const text = JSON.stringify(value);
  return text.replace("PAD", "x".repeat(bytes - text.length + 3));
}

/**
 * Sends a request with node:http (which, unlike a raw socket, keeps reading while it writes) and resolves
 * with the answer. `write` sends the body; it may leave the request unfinished, as a slow client would.
 */
function send(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string | number>,
  write: (req: ReturnType<typeof request>) => void,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, headers: res.headers as Record<string, string>, body: Buffer.concat(chunks).toString("utf8") });
      });
    });
    req.on("error", reject);
    write(req);
  });
}

describe("bodies over the 1 MiB limit", () => {
  const fixture = useStatefulEmulator();
  let initial: StateView;

  beforeAll(async () => {
    initial = await fixture().view();
  });

  async function expectRefused(response: RawResponse): Promise<void> {
    expect(problemsWithRefusal(response)).toEqual([]);
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body)).toEqual({ error: "request_too_large", message: expect.stringContaining("larger than 1 MB (1048576 bytes)") });
    expect(await fixture().view()).toEqual(initial);
  }

  it("refuses a purchase one byte over the limit with a JSON 413, and buys nothing", async () => {
    const body = paddedJson({ e164: staged.inInventory, note: "PAD" }, LIMIT + 1);
    const headers = { ...masterHeaders, "content-length": body.length };
    await expectRefused(await send(fixture().emulator.port, "POST", purchase, headers, (req) => req.end(body)));
  });

  it("refuses 3 MB sent in chunks with no Content-Length", async () => {
    const chunk = Buffer.alloc(64 * 1024, "x");
    await expectRefused(
      await send(fixture().emulator.port, "POST", purchase, masterHeaders, (req) => {
        for (let i = 0; i < 48; i++) req.write(chunk);
        req.end();
      }),
    );
  });

  it("answers a declared 10 MB body at once, before the client sends it", async () => {
    const headers = { ...masterHeaders, "content-length": 10 * LIMIT };
    await expectRefused(await send(fixture().emulator.port, "POST", purchase, headers, (req) => req.write("{")));
  });

  it("refuses an oversized control request the same way", async () => {
    const body = paddedJson({ numbers: [], note: "PAD" }, 2 * LIMIT);
    const headers = { "content-length": body.length };
    await expectRefused(await send(fixture().emulator.port, "POST", "/__emulator/inventory", headers, (req) => req.end(body)));
  });

  it("accepts a body of exactly 1 MiB", async () => {
    const { emulator } = fixture();
    const body = paddedJson({ kind: "status", status: 503, body: { note: "PAD" } }, LIMIT);
    expect(body.length).toBe(LIMIT);
    const response = await send(emulator.port, "POST", "/__emulator/faults", { "content-length": body.length }, (req) => req.end(body));
    expect(response.status).toBe(201);
    await emulator.control.clearFaults();
  });
});
