import { entryNameFor, planOnboarding } from "../../onboard/plan-onboarding";
import { phoneNumberSchema, type PhoneNumber } from "../../sdk/schemas";

const listed = (e164: string, fields: Record<string, unknown> = {}): PhoneNumber =>
  phoneNumberSchema.parse({ e164, country: "IN", status: "active", setup_fee: 100, monthly_fee: 500, currency: "INR", account_id: "MA_DEMO0001", ...fields });

describe("planning an onboarding", () => {
  it("names an entry after its number alone: country in lowercase and the digits", () => {
    expect(entryNameFor(listed("+918065551234"))).toBe("in-918065551234");
    expect(entryNameFor(listed("+14155550123", { country: "US" }))).toBe("us-14155550123");
    expect(entryNameFor(listed("+14155550123", { country: "" }))).toBe("number-14155550123");
  });

  it("adopts each active number with its routing and the sub-account holding it, sorted by number", () => {
    const plan = planOnboarding(
      [
        listed("+918065551233", { account_id: "SA_DEMO0002", application_id: "20577609616603585" }),
        listed("+918065551231", { trunk_group_id: "trunk-1" }),
        listed("+918065551232"),
      ],
      "MA_DEMO0001",
    );
    expect(plan).toEqual({
      entries: [
        { name: "in-918065551231", e164: "+918065551231", adopt: true, trunkGroupId: "trunk-1", retainOnDelete: true },
        { name: "in-918065551232", e164: "+918065551232", adopt: true, retainOnDelete: true },
        { name: "in-918065551233", e164: "+918065551233", adopt: true, applicationId: "20577609616603585", subAccount: "SA_DEMO0002", retainOnDelete: true },
      ],
      leftOut: [],
    });
  });

  it("leaves out numbers that are not active or cannot be managed as they are, saying why", () => {
    const plan = planOnboarding(
      [
        listed("+918065551231", { status: "pending_release", released_at: "2026-02-01T10:00:00Z" }),
        listed("+918065551232", { status: "suspended" }),
        listed("+918065551233", { trunk_group_id: "trunk-1", application_id: "app-1" }),
        listed("+918065551234", { account_id: "MA_OTHER0001" }),
      ],
      "MA_DEMO0001",
    );
    expect(plan.entries).toEqual([]);
    expect(plan.leftOut).toEqual([
      { e164: "+918065551231", reason: expect.stringMatching(/^it is in pending_release \(released at 2026-02-01T10:00:00Z\): .*cancel the release/) },
      { e164: "+918065551232", reason: 'its status is "suspended", and only active numbers can be adopted' },
      { e164: "+918065551233", reason: expect.stringContaining("routed both to trunk trunk-1 and to application app-1") },
      { e164: "+918065551234", reason: expect.stringContaining("held by MA_OTHER0001, which is neither MA_DEMO0001 nor one of its sub-accounts") },
    ]);
  });

  it("keeps only the numbers the filters select, and protects them when asked", () => {
    const numbers = [
      listed("+918065551231", { account_id: "SA_DEMO0001" }),
      listed("+912265551232"),
      listed("+14155550123", { country: "US" }),
      listed("+918065551239", { status: "pending_release" }),
    ];
    const names = (filters: Parameters<typeof planOnboarding>[2]) => planOnboarding(numbers, "MA_DEMO0001", filters).entries.map((entry) => entry.name);
    expect(names({ country: "us" })).toEqual(["us-14155550123"]);
    expect(names({ subAccount: "SA_DEMO0001" })).toEqual(["in-918065551231"]);
    expect(names({ prefix: "9122" })).toEqual(["in-912265551232"]);
    expect(names({ prefix: "+9180" })).toEqual(["in-918065551231"]);
    expect(planOnboarding(numbers, "MA_DEMO0001", { prefix: "+9180" }).leftOut.map((n) => n.e164)).toEqual(["+918065551239"]);
    expect(planOnboarding(numbers, "MA_DEMO0001", { country: "IN", protect: true }).entries.every((entry) => entry.deletionProtection === true)).toBe(true);
    expect(planOnboarding(numbers, "MA_DEMO0001").entries.some((entry) => "deletionProtection" in entry)).toBe(false);
  });
});
