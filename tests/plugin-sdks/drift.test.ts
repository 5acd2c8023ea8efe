import { execFile, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { vobizSchema } from "../../provider/plugin/schema";
import { repoRoot } from "../../scripts/pulumi-toolchain";

const run = promisify(execFile);

// plugin-sdks/ is generated and committed. These tests fail when a resource's inputs or outputs change in
// provider/ and nobody ran `npm run gen:sdks`: the SDKs would then describe a plugin that no longer exists.

const committed = path.join(repoRoot, "plugin-sdks");
const version = (JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string }).version;
const languages = ["nodejs", "python", "go"] as const;
// Kept by the generator (tools/vobiz-sdkgen/main.go): they pin the Pulumi Go SDK and are maintained by hand.
const handWritten = new Set(["go/go.mod", "go/go.sum"]);

/** The files under `dir` that git would commit, relative to `base`, sorted; what an SDK's .gitignore names (build output, installed packages) is left out. */
function filesUnder(base: string, dir: string): string[] {
  const listed = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z", "--", dir], { cwd: base, encoding: "utf8" });
  return listed.split("\0").filter((file) => file !== "" && fs.existsSync(path.join(base, file))).sort();
}

describe("the committed SDKs in plugin-sdks/", () => {
  let regenerated: string;

  beforeAll(async () => {
    regenerated = fs.mkdtempSync(path.join(os.tmpdir(), "vobiz-sdks-"));
    await run("git", ["init", "--quiet", regenerated]);
    fs.writeFileSync(path.join(regenerated, "schema.json"), JSON.stringify(vobizSchema(version), null, 2) + "\n");
    const generator = (await run("bash", [path.join(repoRoot, "scripts", "ensure-sdkgen.sh")], { timeout: 900_000 })).stdout.trim();
    await run(generator, [path.join(regenerated, "schema.json"), regenerated]);
  }, 900_000);

  afterAll(() => {
    if (regenerated) fs.rmSync(regenerated, { recursive: true, force: true });
  });

  it("were generated from the schema the source defines today", () => {
    const schema: unknown = JSON.parse(fs.readFileSync(path.join(committed, "schema.json"), "utf8"));
    expect(schema).toEqual(vobizSchema(version));
  });

  it.each(languages)("hold exactly the %s files the generator writes from that schema, byte for byte", (language) => {
    const expected = filesUnder(regenerated, language);
    const actual = filesUnder(committed, language).filter((file) => !handWritten.has(file));
    expect(actual).toEqual(expected);
    const differing = expected.filter((file) => !fs.readFileSync(path.join(committed, file)).equals(fs.readFileSync(path.join(regenerated, file))));
    // A file named here was changed by hand or is stale: `npm run gen:sdks` rewrites it.
    expect(differing).toEqual([]);
  });
});
