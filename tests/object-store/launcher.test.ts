import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { crc32 } from "node:zlib";
import { sendS3Request, type S3Target } from "../../scripts/object-store-s3-request";
import { objectStoreLauncher, startObjectStore, type RunningObjectStore } from "../helpers/object-store";

// The first start on a machine builds SeaweedFS (about 4 minutes on 2 cores, more when the machine is busy).
const FIRST_START_TIMEOUT_MS = 20 * 60_000;

const crc32Base64 = (text: string): string => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(crc32(text) >>> 0);
  return bytes.toString("base64");
};

/** The child processes of `pid`, from /proc. */
function childrenOf(pid: number): number[] {
  return fs
    .readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        // The command name in parentheses may hold spaces; the parent id is the second field after it.
        const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** The local addresses (`ip:port`, hex as in /proc/net) that `pid` listens on over TCP and TCP over IPv6. */
function listeningAddresses(pid: number): string[] {
  const inodes = new Set(
    fs
      .readdirSync(`/proc/${pid}/fd`)
      .map((fd) => {
        try {
          return /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
        } catch {
          return undefined;
        }
      })
      .filter((inode) => inode !== undefined),
  );
  return ["tcp", "tcp6"].flatMap((table) =>
    fs
      .readFileSync(`/proc/${pid}/net/${table}`, "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((row) => row.trim().split(/\s+/))
      // Columns: sl, local_address, rem_address, st (0A is LISTEN), ..., inode (the tenth).
      .filter((columns) => columns[3] === "0A" && inodes.has(columns[9] ?? ""))
      .map((columns) => columns[1] ?? ""),
  );
}

describe("npm run object-store", () => {
  let store: RunningObjectStore;
  let target: S3Target;

  beforeAll(async () => {
    store = await startObjectStore();
    target = { endpoint: store.endpoint, region: store.region, credentials: { accessKeyId: store.accessKeyId, secretAccessKey: store.secretAccessKey } };
  }, FIRST_START_TIMEOUT_MS);

  afterAll(() => store?.stop());

  it("prints one JSON line with the endpoint, bucket, key pair, backend URL, region, data dir and client env", () => {
    const lines = store.stdout().trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    const printed = JSON.parse(lines[0] ?? "") as Record<string, unknown>;
    const port = /^http:\/\/127\.0\.0\.1:(\d+)$/.exec(String(printed["endpoint"]))?.[1];
    expect(port).toBeDefined();
    expect(printed).toEqual({
      endpoint: `http://127.0.0.1:${port}`,
      bucket: "pulumi-state",
      accessKeyId: expect.stringMatching(/^[A-Z0-9]{20}$/),
      secretAccessKey: expect.stringMatching(/^[A-Za-z0-9+/]{40}$/),
      backendUrl: `s3://pulumi-state?endpoint=127.0.0.1:${port}&s3ForcePathStyle=true&disableSSL=true&region=us-east-1`,
      region: "us-east-1",
      dataDir: store.dataDir,
      env: {
        AWS_ACCESS_KEY_ID: store.accessKeyId,
        AWS_SECRET_ACCESS_KEY: store.secretAccessKey,
        AWS_REGION: "us-east-1",
        AWS_REQUEST_CHECKSUM_CALCULATION: "when_supported",
      },
    });
  });

  it("keeps the key pair in an identities file only its owner can read, and SeaweedFS's log in the data dir", () => {
    const identities = path.join(store.dataDir, "s3-identities.json");
    expect(fs.statSync(identities).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(identities, "utf8"))).toMatchObject({
      identities: [{ credentials: [{ accessKey: store.accessKeyId, secretKey: store.secretAccessKey }] }],
    });
    expect(fs.readFileSync(path.join(store.dataDir, "weed.log"), "utf8")).toContain("Starting SeaweedFS Mini");
    expect(store.stdout()).not.toContain("SeaweedFS");
  });

  it("runs one weed whose every listening port is bound to 127.0.0.1", async () => {
    const [weed, ...others] = childrenOf(store.pid);
    expect(others).toEqual([]);
    expect(fs.readFileSync(`/proc/${weed}/cmdline`, "utf8").split("\0")).toEqual(expect.arrayContaining(["mini", `-dir=${store.dataDir}`]));
    // The store is ready once S3 serves the bucket; the admin server may bind its HTTP port a moment later.
    let listening = listeningAddresses(weed ?? -1);
    for (let polls = 0; listening.length < 10 && polls < 100; polls++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      listening = listeningAddresses(weed ?? -1);
    }
    const s3Port = Number(new URL(store.endpoint).port).toString(16).toUpperCase().padStart(4, "0");
    expect(listening).toContain(`0100007F:${s3Port}`);
    // Master, volume server and filer (HTTP and gRPC each), S3 (HTTP and gRPC) and the admin server (two).
    expect(listening).toHaveLength(10);
    expect(listening.filter((address) => !address.startsWith("0100007F:"))).toEqual([]);
  });

  it("serves S3 to requests signed with its key pair and refuses unsigned or wrongly signed ones", async () => {
    const key = "/pulumi-state/probe/signed state.json";
    const body = JSON.stringify({ stack: "dev", serial: 1 });
    expect((await sendS3Request(target, { method: "PUT", path: key, body })).status).toBe(200);
    const read = await sendS3Request(target, { method: "GET", path: key });
    expect(read).toMatchObject({ status: 200, body });

    const anonymous: S3Target = { endpoint: store.endpoint, region: store.region };
    const unsigned = await sendS3Request(anonymous, { method: "GET", path: key });
    expect(unsigned.status).toBe(403);
    expect(unsigned.body).toContain("<Code>AccessDenied</Code>");
    const wrongSecret = { accessKeyId: store.accessKeyId, secretAccessKey: `${store.secretAccessKey.startsWith("x") ? "y" : "x"}${store.secretAccessKey.slice(1)}` };
    const forged = await sendS3Request({ ...target, credentials: wrongSecret }, { method: "GET", path: key });
    expect(forged.status).toBe(403);
    expect(forged.body).toContain("<Code>SignatureDoesNotMatch</Code>");

    const anonymousWrite = await sendS3Request(anonymous, { method: "PUT", path: "/pulumi-state/probe/anonymous.json", body });
    expect(anonymousWrite.status).toBe(403);
    expect((await sendS3Request(target, { method: "GET", path: "/pulumi-state/probe/anonymous.json" })).status).toBe(404);
  });

  it("keeps an upload's CRC32, returns it to a reader that asks, and refuses an upload whose CRC32 does not match", async () => {
    const body = "state with a checksum";
    const put = await sendS3Request(target, { method: "PUT", path: "/pulumi-state/probe/checked.json", body, headers: { "x-amz-checksum-crc32": crc32Base64(body) } });
    expect(put.status).toBe(200);
    const read = await sendS3Request(target, { method: "GET", path: "/pulumi-state/probe/checked.json", headers: { "x-amz-checksum-mode": "ENABLED" } });
    expect(read.headers.get("x-amz-checksum-crc32")).toBe(crc32Base64(body));

    const corrupt = await sendS3Request(target, {
      method: "PUT",
      path: "/pulumi-state/probe/corrupt.json",
      body,
      headers: { "x-amz-checksum-crc32": crc32Base64(`${body}!`) },
    });
    expect(corrupt.status).toBe(400);
    expect(corrupt.body).toContain("<Code>BadDigest</Code>");
    expect((await sendS3Request(target, { method: "GET", path: "/pulumi-state/probe/corrupt.json" })).status).toBe(404);
  });

  it("refuses a --port that is taken, naming it, and leaves the store on that port serving", async () => {
    const port = new URL(store.endpoint).port;
    const refused = await new Promise<{ code: number | null; stderr: string }>((resolve) =>
      execFile(process.execPath, [objectStoreLauncher, "--port", port], (error, _stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stderr })),
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`object-store: --port ${port} is already in use on 127.0.0.1`);
    expect((await sendS3Request(target, { method: "HEAD", path: `/${store.bucket}` })).status).toBe(200);
  });
});
