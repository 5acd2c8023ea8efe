import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { VirtualClock } from "../../emulator/clock";
import { FaultQueue } from "../../emulator/faults";
import { createHttpServer } from "../../emulator/http-server";
import { startEmulator } from "../../emulator/start-emulator";
import { serializeState } from "../../emulator/persistence";
import { RequestLog } from "../../emulator/request-log";
import { seedState } from "../../emulator/seed";
import { createRequestListener } from "../../emulator/server";
import { EmulatorStore } from "../../emulator/store";
import { problemsWithRefusal } from "./bad-input-fixture";
import { sendBytes, sendRaw } from "./raw-http";

const auth = "X-Auth-ID: MA_DEMO0001\r\nX-Auth-Token: emu-token-MA_DEMO0001\r\n";
const purchase = "/api/v1/Account/MA_DEMO0001/numbers/purchase-from-inventory";
const post = `POST ${purchase} HTTP/1.1\r\nHost: x\r\n${auth}`;

// Requests Node's HTTP parser (or the server around it) refuses before any route sees them, as raw bytes.
const unparsable: [string, string | Buffer, number][] = [
  ["an unknown method", `FOO ${purchase} HTTP/1.1\r\nHost: x\r\n${auth}\r\n`, 400],
  ["a lowercase method", `delete /api/v1/Account/MA_DEMO0001/numbers/%2B918065550001 HTTP/1.1\r\nHost: x\r\n${auth}\r\n`, 400],
  ["CONNECT", `CONNECT api.vobiz.ai:443 HTTP/1.1\r\nHost: api.vobiz.ai:443\r\n${auth}\r\n`, 405],
  ["raw spaces in the path", `DELETE /api/v1/Account/MA_DEMO0001/numbers/+91 80 HTTP/1.1\r\nHost: x\r\n${auth}\r\n`, 400],
  ["raw UTF-8 in the path", Buffer.from(`GET /api/v1/Account/MA_DEMO0001/numbers/+９１ HTTP/1.1\r\nHost: x\r\n${auth}\r\n`, "utf8"), 400],
  ["a 20 KB path", `GET /api/v1/${"a".repeat(20_000)} HTTP/1.1\r\nHost: x\r\n${auth}\r\n`, 431],
  ["20 KB of headers", `GET /api/v1/Account/MA_DEMO0001/numbers HTTP/1.1\r\nHost: x\r\n${auth}X-Padding: ${"p".repeat(20_000)}\r\n\r\n`, 431],
  ["a header name with a space", `GET /api/v1/Account/MA_DEMO0001/numbers HTTP/1.1\r\nHost: x\r\nX-Auth ID: MA_DEMO0001\r\n\r\n`, 400],
  ["binary garbage", Buffer.from([0x00, 0x01, 0xff, 0x0d, 0x0a, 0x0d, 0x0a]), 400],
  ["an HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 400],
  ["HTTP/3.0", `GET /api/v1/Account/MA_DEMO0001/numbers HTTP/3.0\r\nHost: x\r\n${auth}\r\n`, 400],
  ["two Content-Length headers", `${post}Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}`, 400],
  ["Content-Length with chunked encoding", `${post}Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`, 400],
  ["a chunk size that is not hexadecimal", `${post}Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`, 400],
  ["Content-Length: abc", `${post}Content-Length: abc\r\n\r\n{}`, 400],
  ["an Expect other than 100-continue", `${post}Expect: 200-ok\r\nContent-Length: 2\r\n\r\n{}`, 417],
  ["no Host header (routed, then refused for its body)", `POST ${purchase} HTTP/1.1\r\n${auth}Content-Length: 1\r\n\r\n{`, 400],
];

describe("the emulator's HTTP server under requests no route can see", () => {
  const store = new EmulatorStore(seedState("default"), new VirtualClock());
  const closing = new AbortController();
  let server: Server;
  let port: number;

  beforeAll(async () => {
    const parts = { store, faults: new FaultQueue(), log: new RequestLog(), persist: () => undefined, closing: closing.signal };
    server = createHttpServer(createRequestListener(parts));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    closing.abort();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const snapshot = (): string => serializeState({ state: store.state, clock: store.clock.toState() });

  const cases = unparsable.map(([name, bytes, status]) => ({ name, bytes, status }));
  it.each(cases)("answers $name with a JSON $status and changes nothing", async ({ bytes, status }) => {
    const before = snapshot();
    const response = await sendBytes(port, Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, "latin1"));
    expect(problemsWithRefusal(response)).toEqual([]);
    expect(response?.status).toBe(status);
    expect(snapshot()).toBe(before);
  });

  it("still serves the API after all of them", async () => {
    const headers = { "X-Auth-ID": "MA_DEMO0001", "X-Auth-Token": "emu-token-MA_DEMO0001" };
    const response = await sendRaw(port, { method: "GET", target: "/api/v1/Account/MA_DEMO0001/balance/INR", headers });
    expect(response?.status).toBe(200);
    expect(JSON.parse(response?.body ?? "{}")).toMatchObject({ account_id: "MA_DEMO0001", currency: "INR", balance: 50_000 });
  });
});

// The same server is the one `startEmulator` (and so `vobiz-emulator`) listens with.
describe("the emulator as started, under a request no route can see", () => {
  it("answers it with the API's JSON error, not Node's bare status line", async () => {
    const emulator = await startEmulator({ port: 0 });
    try {
      const [name, bytes, status] = unparsable[0] as [string, string, number];
      const response = await sendBytes(Number(new URL(emulator.baseUrl).port), Buffer.from(bytes, "latin1"));
      expect([name, response?.status, problemsWithRefusal(response)]).toEqual([name, status, []]);
    } finally {
      await emulator.close();
    }
  });
});
