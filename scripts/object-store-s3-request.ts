import { createHash, createHmac } from "node:crypto";

/** Where an S3 request goes and the key pair that signs it; no key pair sends it unsigned. */
export interface S3Target {
  /** `http://host:port` of the S3 API. */
  endpoint: string;
  region: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** One path-style S3 request: `/<bucket>` or `/<bucket>/<key>`. */
export interface S3Request {
  method: "GET" | "HEAD" | "PUT" | "DELETE";
  /** Unencoded path; each segment is encoded here. */
  path: string;
  query?: Record<string, string>;
  /** Extra headers, lowercase names; signed along with the rest. */
  headers?: Record<string, string>;
  body?: string;
}

/** What the S3 API answered. */
export interface S3Response {
  status: number;
  headers: Headers;
  body: string;
}

const sha256Hex = (data: string): string => createHash("sha256").update(data, "utf8").digest("hex");
const hmac = (key: Buffer | string, data: string): Buffer => createHmac("sha256", key).update(data, "utf8").digest();

// RFC 3986 unreserved characters stay; everything else is percent-encoded, as SigV4 requires.
const encodeRfc3986 = (text: string): string =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Sends one S3 request, signed with AWS Signature Version 4 (header form, the payload hash signed) when
 * the target has credentials. Resolves with whatever status the server answers; rejects only when the
 * endpoint cannot be reached.
 */
export async function sendS3Request(target: S3Target, request: S3Request): Promise<S3Response> {
  const url = new URL(target.endpoint);
  const canonicalPath = request.path.split("/").map(encodeRfc3986).join("/");
  const canonicalQuery = Object.entries(request.query ?? {})
    .map(([key, value]) => [encodeRfc3986(key), encodeRfc3986(value)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join("&");
  const body = request.body ?? "";
  const headers: Record<string, string> = { ...request.headers };

  if (target.credentials) {
    const amzDate = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
    const scope = `${amzDate.slice(0, 8)}/${target.region}/s3/aws4_request`;
    const payloadHash = sha256Hex(body);
    const signed: Record<string, string> = { ...request.headers, host: url.host, "x-amz-content-sha256": payloadHash, "x-amz-date": amzDate };
    const signedHeaders = Object.keys(signed).sort().join(";");
    const canonicalRequest = [
      request.method,
      canonicalPath,
      canonicalQuery,
      ...Object.keys(signed)
        .sort()
        .map((name) => `${name}:${signed[name]?.trim()}`),
      "",
      signedHeaders,
      payloadHash,
    ].join("\n");
    const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256Hex(canonicalRequest)].join("\n");
    const signingKey = ["s3", "aws4_request"].reduce(
      (key, part) => hmac(key, part),
      hmac(hmac(`AWS4${target.credentials.secretAccessKey}`, amzDate.slice(0, 8)), target.region),
    );
    const signature = hmac(signingKey, stringToSign).toString("hex");
    headers["x-amz-content-sha256"] = payloadHash;
    headers["x-amz-date"] = amzDate;
    headers["authorization"] =
      `AWS4-HMAC-SHA256 Credential=${target.credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  }

  const response = await fetch(`${url.origin}${canonicalPath}${canonicalQuery === "" ? "" : `?${canonicalQuery}`}`, {
    method: request.method,
    headers,
    ...(request.method === "PUT" ? { body } : {}),
  });
  return { status: response.status, headers: response.headers, body: await response.text() };
}
