import { execFile, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "../../scripts/pulumi-toolchain";

const run = promisify(execFile);

// The generated Python SDK as a user gets it: the wheel `npm run build:sdks` builds, installed with pip into a
// virtualenv beside the Pulumi Python SDK 3.272.0 from the Python package index (the version the Python language
// host runs with), pinned with hashes by examples/python-quickstart/requirements.txt. The virtualenv is the one
// the Python project folders run in (scripts/ensure-python-venv.sh), made once for every suite. What a Python
// program sees is read through `inspect`.

const version = (JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string }).version;

// Prints, as JSON, each class's keyword parameters (name -> required) and what the package tells the engine.
const introspect = `
import importlib.resources, inspect, json, typing
import pulumi_vobiz as vobiz

def keywords(function):
    return {name: p.default is inspect.Parameter.empty for name, p in inspect.signature(function).parameters.items()
            if name not in ("__self__", "resource_name", "opts", "args", "__props__")}

print(json.dumps({
    "PhoneNumberArgs": keywords(vobiz.PhoneNumberArgs.__init__),
    "SubAccountAssignmentArgs": keywords(vobiz.SubAccountAssignmentArgs.__init__),
    "ProviderArgs": keywords(vobiz.ProviderArgs.__init__),
    "PhoneNumber": [keywords(o) for o in typing.get_overloads(vobiz.PhoneNumber.__init__)],
    "country": vobiz.PhoneNumberArgs(country="IN").country,
    "plugin": json.loads(importlib.resources.files("pulumi_vobiz").joinpath("pulumi-plugin.json").read_text()),
}))
`;

const phoneNumberInputs = ["adopt", "application_id", "contains", "country", "currency", "deletion_protection", "e164", "exclude_prefixes", "max_monthly_fee", "max_setup_fee", "release_mode", "trunk_group_id"];

describe("the Python SDK installed from its wheel", () => {
  let venv: string;
  let seen: {
    PhoneNumberArgs: Record<string, boolean>;
    SubAccountAssignmentArgs: Record<string, boolean>;
    ProviderArgs: Record<string, boolean>;
    PhoneNumber: Record<string, boolean>[];
    country: string;
    plugin: Record<string, unknown>;
  };
  const python = (): string => path.join(venv, "bin", "python");

  beforeAll(async () => {
    // Built once per change of plugin-sdks/ (scripts/build-sdks.sh keeps a hash of its inputs).
    execFileSync("bash", [path.join(repoRoot, "scripts", "build-sdks.sh")], { stdio: ["ignore", "ignore", "inherit"] });
    venv = execFileSync("bash", [path.join(repoRoot, "scripts", "ensure-python-venv.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
    seen = JSON.parse((await run(python(), ["-c", introspect])).stdout) as typeof seen;
  }, 600_000);

  it("installs as pulumi_vobiz of the plugin's version beside pulumi 3.272.0", async () => {
    const { stdout } = await run(python(), ["-m", "pip", "list", "--format=json", "--disable-pip-version-check"]);
    const installed = Object.fromEntries((JSON.parse(stdout) as { name: string; version: string }[]).map((p) => [p.name.replace(/-/g, "_"), p.version]));
    expect(installed).toMatchObject({ pulumi_vobiz: version, pulumi: "3.272.0" });
    expect(seen.plugin).toEqual({ resource: true, name: "vobiz", version });
  });

  it("takes a PhoneNumber's inputs as optional snake_case keywords, in PhoneNumberArgs and in the constructor", () => {
    expect(seen.PhoneNumberArgs).toEqual(Object.fromEntries(phoneNumberInputs.map((name) => [name, false])));
    expect(seen.PhoneNumber).toContainEqual(Object.fromEntries(phoneNumberInputs.map((name) => [name, false])));
    expect(seen.country).toBe("IN");
  });

  it("requires an assignment's number and sub-account, and takes the rest as options", () => {
    expect(seen.SubAccountAssignmentArgs).toEqual({ e164: true, sub_account_id: true, cool_off_wait_seconds: false, force: false });
  });

  it("takes the provider's credentials and guardrails as ProviderArgs", () => {
    expect(Object.keys(seen.ProviderArgs)).toEqual(expect.arrayContaining(["auth_id", "auth_token", "base_url", "allowed_countries", "max_numbers"]));
  });
});
