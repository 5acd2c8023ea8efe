import * as pulumi from "@pulumi/pulumi";
import { declareFleet, parseFleetFile, renderFleetFile } from "../../fleet";
import { planOnboarding } from "../../onboard/plan-onboarding";
import { phoneNumberSchema } from "../../sdk/schemas";

// Pulumi's mocks stand in for the engine: nothing reaches a provider, and what the program declares (each
// resource's type, name, inputs and options) is recorded as the engine would receive it.

interface Declared {
  type: string;
  inputs: Record<string, unknown>;
  retainOnDelete: boolean;
  aliases: (string | undefined)[];
}

interface RegisterRequest {
  getName(): string;
  getRetainondelete(): boolean;
  getAliasesList(): { getSpec(): { getName(): string } | undefined }[];
}

let declared: Map<string, Declared>;

beforeEach(async () => {
  declared = new Map();
  const options = new Map<string, Pick<Declared, "retainOnDelete" | "aliases">>();
  await pulumi.runtime.setMocks({
    newResource: (args) => {
      const { __provider: _provider, ...inputs } = args.inputs as Record<string, unknown>;
      declared.set(args.name, { type: args.type, inputs, ...(options.get(args.name) ?? { retainOnDelete: false, aliases: [] }) });
      return { id: `${args.name}-id`, state: { ...inputs, e164: inputs["e164"] ?? "+918000000000" } };
    },
    call: () => ({}),
  });
  const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource(request: RegisterRequest, callback: unknown): unknown };
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (request, callback) => {
    options.set(request.getName(), {
      retainOnDelete: request.getRetainondelete(),
      aliases: request.getAliasesList().map((alias) => alias.getSpec()?.getName()),
    });
    return register(request, callback);
  };
});

/** Declares the fleet of `text` and resolves once the engine has every resource. */
async function declare(text: string): Promise<Map<string, Declared>> {
  const fleet = declareFleet(parseFleetFile(text, "numbers.yaml"));
  const resources = [...Object.values(fleet.numbers), ...Object.values(fleet.assignments)];
  await Promise.all(resources.map((resource) => new Promise((resolve) => resource.urn.apply(resolve))));
  return new Map(declared);
}

const PHONE_NUMBER = "pulumi-nodejs:dynamic/vobiz:PhoneNumber";
const ASSIGNMENT = "pulumi-nodejs:dynamic/vobiz:SubAccountAssignment";

const fleetText = [
  "numbers:",
  "  support-bengaluru:",
  "    country: IN",
  '    contains: "9180"',
  "    maxMonthlyFee: 1000",
  "    trunkGroupId: 2f6b1c3e-4d5a-4b7c-9e8f-0a1b2c3d4e5f",
  "  sales-us:",
  '    e164: "+14155550123"',
  '    applicationId: "20577609616603585"',
  "    subAccount: SA_DEMO0002",
  "    coolOffWaitSeconds: 30",
  "    deletionProtection: true",
  "    aliases: [sales-line]",
  "",
].join("\n");

describe("declaring a fleet", () => {
  it("declares a PhoneNumber per entry, and a SubAccountAssignment holding its number when subAccount is set", async () => {
    const resources = await declare(fleetText);
    expect([...resources.keys()].sort()).toEqual(["sales-us", "sales-us-sub-account", "support-bengaluru"]);
    expect(resources.get("support-bengaluru")).toMatchObject({
      type: PHONE_NUMBER,
      inputs: { country: "IN", contains: "9180", maxMonthlyFee: 1000, trunkGroupId: "2f6b1c3e-4d5a-4b7c-9e8f-0a1b2c3d4e5f" },
      retainOnDelete: false,
    });
    expect(resources.get("sales-us")).toMatchObject({
      type: PHONE_NUMBER,
      inputs: { e164: "+14155550123", applicationId: "20577609616603585", deletionProtection: true },
    });
    expect(resources.get("sales-us")?.inputs).not.toHaveProperty("subAccount");
    expect(resources.get("sales-us-sub-account")).toMatchObject({
      type: ASSIGNMENT,
      inputs: { e164: "+14155550123", subAccountId: "SA_DEMO0002", coolOffWaitSeconds: 30 },
    });
  });

  it("turns aliases into Pulumi aliases of both of the entry's resources", async () => {
    const resources = await declare(fleetText);
    expect(resources.get("sales-us")?.aliases).toEqual(["sales-line"]);
    expect(resources.get("sales-us-sub-account")?.aliases).toEqual(["sales-line-sub-account"]);
    expect(resources.get("support-bengaluru")?.aliases).toEqual([]);
  });

  it("declares the same resources, inputs and options whatever the order of the entries", async () => {
    const inOrder = await declare(fleetText);
    declared.clear();
    const lines = fleetText.split("\n");
    const reordered = [lines[0], ...lines.slice(6, 13), ...lines.slice(1, 6), ""].join("\n");
    expect(reordered).not.toBe(fleetText);
    const afterReordering = await declare(reordered);
    const sorted = (resources: Map<string, Declared>): [string, Declared][] => [...resources.entries()].sort(([a], [b]) => a.localeCompare(b));
    expect(sorted(afterReordering)).toEqual(sorted(inOrder));
  });

  it("declares an onboarded file as adopted numbers that destroy and removal leave with the account", async () => {
    const listed = (e164: string, fields: Record<string, unknown>) =>
      phoneNumberSchema.parse({ e164, country: "IN", status: "active", setup_fee: 100, monthly_fee: 500, currency: "INR", account_id: "MA_DEMO0001", ...fields });
    const plan = planOnboarding(
      [
        listed("+918065551230", { trunk_group_id: "2f6b1c3e-4d5a-4b7c-9e8f-0a1b2c3d4e5f" }),
        listed("+918065551231", { application_id: "20577609616603585" }),
        listed("+918065551232", { account_id: "SA_DEMO0001" }),
        listed("+918065551233", {}),
      ],
      "MA_DEMO0001",
    );
    const resources = await declare(renderFleetFile(plan.entries));

    const numbers = [...resources.values()].filter((resource) => resource.type === PHONE_NUMBER);
    expect(numbers.map((resource) => resource.inputs["e164"]).sort()).toEqual(["+918065551230", "+918065551231", "+918065551232", "+918065551233"]);
    for (const number of numbers) {
      expect(number.inputs["adopt"]).toBe(true);
      expect(number.retainOnDelete).toBe(true);
    }
    expect(resources.get("in-918065551230")?.inputs["trunkGroupId"]).toBe("2f6b1c3e-4d5a-4b7c-9e8f-0a1b2c3d4e5f");
    expect(resources.get("in-918065551231")?.inputs["applicationId"]).toBe("20577609616603585");
    expect(resources.get("in-918065551232-sub-account")).toEqual({
      type: ASSIGNMENT,
      inputs: expect.objectContaining({ e164: "+918065551232", subAccountId: "SA_DEMO0001" }),
      retainOnDelete: true,
      aliases: [],
    });
    expect([...resources.values()].filter((resource) => resource.type === ASSIGNMENT)).toHaveLength(1);
  });
});
