import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "../..");
const reliabilityDoc = readFileSync(join(root, "docs/reliability.md"), "utf8");
const auditSection = reliabilityDoc.slice(reliabilityDoc.indexOf("## Dependencies (npm audit)"));

/** The advisories the doc explains, by GHSA id, from its "Explained advisories" table. */
const explained = new Set(auditSection.slice(auditSection.indexOf("**Explained advisories.**")).match(/GHSA(-[0-9a-z]{4}){3}/g) ?? []);

/** The `name@version` lines of the doc's reviewed list. */
const reviewed = (/\*\*Reviewed list\.\*\*[\s\S]*?```text\n([\s\S]*?)```/.exec(auditSection)?.[1] ?? "").split("\n").filter((line) => line !== "");

/** What `npm ci --omit=dev` installs: every package of the lockfile that is not only for development. */
function productionPackages(): string[] {
  const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")) as {
    packages: Record<string, { version?: string; dev?: boolean; devOptional?: boolean; link?: boolean }>;
  };
  return Object.entries(lock.packages)
    .filter(([path, entry]) => path !== "" && entry.dev !== true && entry.devOptional !== true && entry.link !== true)
    .map(([path, entry]) => `${path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length)}@${entry.version}`)
    .sort();
}

interface AuditReport {
  vulnerabilities?: Record<string, { via: (string | { url?: string; title?: string; name?: string })[] }>;
  statusCode?: number;
  uri?: string;
  message?: string;
}

describe("npm audit --omit=dev", () => {
  it("finds no advisory that docs/reliability.md does not explain, or the packages are the reviewed ones", () => {
    const npm = spawnSync("npm", ["audit", "--omit=dev", "--json"], { cwd: root, encoding: "utf8", timeout: 120_000 });
    const report = JSON.parse(npm.stdout) as AuditReport;

    if (report.vulnerabilities !== undefined) {
      // A `via` that is a string names another vulnerable package, whose own entry lists the advisory.
      const found = Object.values(report.vulnerabilities)
        .flatMap((vulnerability) => vulnerability.via)
        .flatMap((via) => (typeof via === "string" ? [] : [{ id: /GHSA(-[0-9a-z]{4}){3}/.exec(via.url ?? "")?.[0] ?? via.url, title: via.title }]));
      expect(found.filter((advisory) => !explained.has(advisory.id ?? ""))).toEqual([]);
      return;
    }

    // The registry this project's machines reach refuses the audit service (docs/reliability.md says so): then
    // no production package may be one that was not reviewed.
    expect({ statusCode: report.statusCode, uri: report.uri }).toEqual({
      statusCode: 405,
      uri: "https://registry.npmjs.org/-/npm/v1/security/advisories/bulk",
    });
    expect(productionPackages()).toEqual(reviewed);
  });
});
