// `npm run object-store`: an S3-compatible object store (SeaweedFS's `weed mini`) on 127.0.0.1 for Pulumi
// state. It prints one JSON line (ObjectStoreStartLine) once the bucket is served, its own progress on
// stderr, and stops weed on Ctrl-C (SIGINT), SIGTERM or SIGHUP.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { sendS3Request, type S3Target } from "./object-store-s3-request";

// Compiled to dist/scripts, so the repository is two levels up.
const root = path.resolve(__dirname, "../..");
const USAGE = "usage: npm run object-store -- [--dir DIR] [--port N] [--bucket NAME] [--access-key KEY --secret-key SECRET]";
const HOST = "127.0.0.1";
const REGION = "us-east-1";
const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 20_000;

/**
 * The checksum setting every client of the store needs, besides the key pair and the region.
 *
 * The Pulumi CLI's DIY backend turns request checksums off (`request_checksum_calculation=when_required`)
 * for any s3:// URL with an `endpoint`, unless the URL or AWS_REQUEST_CHECKSUM_CALCULATION says
 * otherwise. Its state objects then reach SeaweedFS without a checksum, so SeaweedFS has none to return,
 * and the AWS SDK, whose response validation asks for one on every GetObject (`x-amz-checksum-mode:
 * ENABLED`), warns "Response has no supported checksum" and reads the object unchecked.
 *
 * `when_supported` makes the SDK send a CRC32 of every upload (in an `x-amz-checksum-crc32` header, as
 * the endpoint is plain HTTP); SeaweedFS recomputes it, refuses a mismatch with BadDigest, keeps it with
 * the object (copies too) and returns it on GetObject, where the SDK checks it against the bytes read.
 * So the warning goes because every read is now verified, in addition to every write; response
 * validation stays at the SDK's default.
 */
const CLIENT_CHECKSUM_ENV = { AWS_REQUEST_CHECKSUM_CALCULATION: "when_supported" } as const;

/** The single JSON line printed once the store serves S3 and the bucket exists. */
export interface ObjectStoreStartLine {
  /** `http://127.0.0.1:<port>`, the S3 API. */
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** The Pulumi backend URL (PULUMI_BACKEND_URL, or `pulumi login <url>`) for state in the bucket. */
  backendUrl: string;
  region: string;
  /** Where SeaweedFS keeps its data and its log (`weed.log`). */
  dataDir: string;
  /** What a client (the Pulumi CLI, an AWS SDK) sets in its environment to use the store. */
  env: Record<string, string>;
}

interface Options {
  dir?: string;
  port?: number;
  bucket: string;
  accessKey?: string;
  secretKey?: string;
}

/** A failure that ends the launcher with its message on stderr and exit code 1. */
class LauncherError extends Error {}

function parseOptions(argv: readonly string[]): Options {
  let values: { dir?: string; port?: string; bucket?: string; "access-key"?: string; "secret-key"?: string };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        dir: { type: "string" },
        port: { type: "string" },
        bucket: { type: "string" },
        "access-key": { type: "string" },
        "secret-key": { type: "string" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new LauncherError(`${(error as Error).message.split("\n")[0]}. ${USAGE}`);
  }
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!/^\d+$/.test(values.port ?? "") || port < 1 || port > 65535)) {
    throw new LauncherError(`--port must be an integer from 1 to 65535, got ${values.port}. ${USAGE}`);
  }
  const bucket = values.bucket ?? "pulumi-state";
  if (!/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new LauncherError(`--bucket must be 3-63 lowercase letters, digits and hyphens, got ${JSON.stringify(bucket)}`);
  }
  const accessKey = values["access-key"];
  const secretKey = values["secret-key"];
  if ((accessKey === undefined) !== (secretKey === undefined)) throw new LauncherError(`--access-key and --secret-key go together. ${USAGE}`);
  if (accessKey !== undefined && !/^[A-Za-z0-9]{16,128}$/.test(accessKey)) {
    throw new LauncherError("--access-key must be 16-128 letters and digits");
  }
  if (secretKey !== undefined && !/^[A-Za-z0-9+/]{16,128}$/.test(secretKey)) {
    throw new LauncherError("--secret-key must be 16-128 letters, digits, + and /");
  }
  if (values.dir === "") throw new LauncherError("--dir needs a directory path");
  return {
    bucket,
    ...(values.dir === undefined ? {} : { dir: path.resolve(values.dir) }),
    ...(port === undefined ? {} : { port }),
    ...(accessKey === undefined ? {} : { accessKey }),
    ...(secretKey === undefined ? {} : { secretKey }),
  };
}

/** Listens on 127.0.0.1:`port`; resolves to the listening server, or undefined when the port is taken. */
function holdPort(port: number): Promise<net.Server | undefined> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(undefined));
    server.listen({ host: HOST, port, exclusive: true }, () => resolve(server));
  });
}

const release = (server: net.Server): Promise<void> => new Promise((resolve) => server.close(() => resolve()));

/**
 * Picks a distinct free loopback port for each of `names`, other than `taken`. They are drawn below the
 * kernel's ephemeral range (32768 and up), so that no outgoing connection of SeaweedFS's own services
 * can take one of them between this check and the moment the service binds it.
 */
async function pickFreePorts<Name extends string>(names: readonly Name[], taken: readonly number[]): Promise<Record<Name, number>> {
  const held: net.Server[] = [];
  const ports: number[] = [];
  try {
    for (let attempt = 0; ports.length < names.length; attempt++) {
      if (attempt > 2000) throw new LauncherError(`found only ${ports.length} of ${names.length} free ports on ${HOST}`);
      const port = 10_000 + Math.floor(Math.random() * 22_000);
      if (taken.includes(port) || ports.includes(port)) continue;
      const server = await holdPort(port);
      if (server === undefined) continue;
      held.push(server);
      ports.push(port);
    }
    return Object.fromEntries(names.map((name, i) => [name, ports[i]])) as Record<Name, number>;
  } finally {
    await Promise.all(held.map(release));
  }
}

/** The pinned `weed` binary, built into .cache/ on first use; the build's progress goes to stderr. */
function ensureWeed(): string {
  try {
    return execFileSync("bash", [path.join(root, "scripts", "ensure-seaweedfs.sh")], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    }).trim();
  } catch {
    throw new LauncherError("could not get the SeaweedFS binary: scripts/ensure-seaweedfs.sh failed (its output is above)");
  }
}

/** The last lines of SeaweedFS's log, for an error message. */
function logTail(logFile: string): string {
  if (!fs.existsSync(logFile)) return "(no log)";
  return fs.readFileSync(logFile, "utf8").trimEnd().split("\n").slice(-25).join("\n");
}

const hasExited = (child: ChildProcess): boolean => child.exitCode !== null || child.signalCode !== null;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once a signed HEAD of the bucket answers 200; rejects when weed exits or time runs out. */
async function waitUntilServing(target: S3Target, bucket: string, weed: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = "no answer yet";
  while (Date.now() < deadline) {
    if (hasExited(weed)) {
      throw new LauncherError(`SeaweedFS exited (${weed.exitCode ?? weed.signalCode}) before serving S3; ${logFile} ends:\n${logTail(logFile)}`);
    }
    try {
      const response = await sendS3Request(target, { method: "HEAD", path: `/${bucket}` });
      if (response.status === 200) return;
      last = `HEAD /${bucket} answered ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(250);
  }
  throw new LauncherError(`SeaweedFS did not serve bucket ${bucket} within ${READY_TIMEOUT_MS / 1000}s (${last}); ${logFile} ends:\n${logTail(logFile)}`);
}

/** Sends SIGTERM to weed and waits for it to exit, killing it outright after STOP_TIMEOUT_MS. */
async function stopWeed(weed: ChildProcess): Promise<void> {
  if (hasExited(weed)) return;
  const exited = new Promise<void>((resolve) => weed.once("exit", () => resolve()));
  weed.kill("SIGTERM");
  const timer = setTimeout(() => weed.kill("SIGKILL"), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

/** Starts the store and serves until a signal or a crash; resolves to the exit code. */
async function main(argv: readonly string[]): Promise<number> {
  const options = parseOptions(argv);
  const weedBinary = ensureWeed();

  if (options.port !== undefined) {
    const probe = await holdPort(options.port);
    if (probe === undefined) throw new LauncherError(`--port ${options.port} is already in use on ${HOST}`);
    await release(probe);
  }
  // Besides S3, `weed mini` listens on HTTP and gRPC ports for its master, volume server and filer, a
  // gRPC port for S3, and two for the admin server (which runs without its UI, for its maintenance
  // worker). All are given here, so that none falls back to a fixed default that may be taken.
  const ports = await pickFreePorts(
    ["s3", "master", "masterGrpc", "volume", "volumeGrpc", "filer", "filerGrpc", "s3Grpc", "admin", "adminGrpc"],
    options.port === undefined ? [] : [options.port],
  );
  const s3Port = options.port ?? ports.s3;

  const ownsDir = options.dir === undefined;
  const dataDir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), "object-store-"));
  fs.mkdirSync(path.join(dataDir, "logs"), { recursive: true });
  const logFile = path.join(dataDir, "weed.log");
  const identitiesFile = path.join(dataDir, "s3-identities.json");

  const accessKeyId = options.accessKey ?? randomBytes(10).toString("hex").toUpperCase();
  const secretAccessKey = options.secretKey ?? randomBytes(30).toString("base64");
  const identities = {
    identities: [
      { name: "pulumi-state", credentials: [{ accessKey: accessKeyId, secretKey: secretAccessKey }], actions: ["Admin", "Read", "List", "Tagging", "Write"] },
    ],
  };
  fs.writeFileSync(identitiesFile, `${JSON.stringify(identities, null, 2)}\n`, { mode: 0o600 });
  fs.chmodSync(identitiesFile, 0o600);

  const log = fs.openSync(logFile, "a");
  // Same process group as this launcher: a Ctrl-C in the terminal reaches weed too, and the launcher
  // still waits for it to exit before it does.
  const weed = spawn(
    weedBinary,
    [
      `-logdir=${path.join(dataDir, "logs")}`,
      "mini",
      `-dir=${dataDir}`,
      `-ip=${HOST}`,
      `-ip.bind=${HOST}`,
      `-bucket=${options.bucket}`,
      `-s3.port=${s3Port}`,
      `-s3.port.grpc=${ports.s3Grpc}`,
      `-s3.config=${identitiesFile}`,
      "-s3.port.iceberg=0",
      "-s3.port.lance=0",
      `-master.port=${ports.master}`,
      `-master.port.grpc=${ports.masterGrpc}`,
      "-master.telemetry=false",
      `-volume.port=${ports.volume}`,
      `-volume.port.grpc=${ports.volumeGrpc}`,
      `-filer.port=${ports.filer}`,
      `-filer.port.grpc=${ports.filerGrpc}`,
      "-webdav=false",
      "-admin.ui=false",
      `-admin.port=${ports.admin}`,
      `-admin.port.grpc=${ports.adminGrpc}`,
      "-admin.port.legacy=0",
    ],
    { cwd: dataDir, stdio: ["ignore", log, log] },
  );
  fs.closeSync(log);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      await stopWeed(weed);
      // weed names its local sockets in /tmp after the ports; a weed that had to be killed leaves them behind.
      for (const socket of [
        `master-grpc-${ports.masterGrpc}`,
        `volume-grpc-${ports.volumeGrpc}`,
        `filer-grpc-${ports.filerGrpc}`,
        `s3-grpc-${ports.s3Grpc}`,
        `admin-grpc-${ports.adminGrpc}`,
        `filer-${ports.filer}`,
        `s3-${s3Port}`,
      ]) {
        fs.rmSync(`/tmp/seaweedfs-${socket}.sock`, { force: true });
      }
      if (ownsDir) fs.rmSync(dataDir, { recursive: true, force: true });
    })());
  const stoppedBySignal = new Promise<number>((resolve) => {
    // SIGHUP too: weed itself only reloads its configuration on it, and would outlive a closed terminal.
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void stop().then(() => resolve(0)));
  });

  const endpoint = `http://${HOST}:${s3Port}`;
  const target: S3Target = { endpoint, region: REGION, credentials: { accessKeyId, secretAccessKey } };
  try {
    await Promise.race([waitUntilServing(target, options.bucket, weed, logFile), stoppedBySignal]);
  } catch (error) {
    await stop();
    throw error;
  }
  if (stopping !== undefined) return stoppedBySignal;

  const line: ObjectStoreStartLine = {
    endpoint,
    bucket: options.bucket,
    accessKeyId,
    secretAccessKey,
    backendUrl: `s3://${options.bucket}?endpoint=${HOST}:${s3Port}&s3ForcePathStyle=true&disableSSL=true&region=${REGION}`,
    region: REGION,
    dataDir,
    env: { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_REGION: REGION, ...CLIENT_CHECKSUM_ENV },
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
  process.stderr.write(`object-store: serving S3 at ${endpoint}, bucket ${options.bucket}, data in ${dataDir}; Ctrl-C stops it\n`);

  const crashed = new Promise<number>((resolve) =>
    weed.once("exit", (code, signal) => {
      if (stopping !== undefined) return;
      process.stderr.write(`object-store: SeaweedFS exited unexpectedly (${code ?? signal}); ${logFile} ends:\n${logTail(logFile)}\n`);
      void stop().then(() => resolve(1));
    }),
  );
  return Promise.race([stoppedBySignal, crashed]);
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`object-store: ${error instanceof LauncherError ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
