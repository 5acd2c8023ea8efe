import { isE164, normalizeE164 } from "../../sdk";

describe("isE164", () => {
  it.each(["+919876543210", "+14155551234", "+1234567", "+123456789012345"])("accepts %s", (value) => {
    expect(isE164(value)).toBe(true);
  });

  it.each(["919876543210", "+0123456789", "+123456", "+1234567890123456", "+91 98765 43210", "", "+91abc4567890"])(
    "rejects %j",
    (value) => {
      expect(isE164(value)).toBe(false);
    },
  );

  it("rejects values that are not strings", () => {
    expect(isE164(919876543210)).toBe(false);
    expect(isE164(undefined)).toBe(false);
  });
});

describe("normalizeE164", () => {
  it("removes spaces, dashes, dots and parentheses", () => {
    expect(normalizeE164(" +91 (98765) 432-10 ")).toBe("+919876543210");
    expect(normalizeE164("+1.415.555.1234")).toBe("+14155551234");
  });

  it("names the bad value and the expected form when it is not E.164", () => {
    expect(() => normalizeE164("9876543210")).toThrow(TypeError);
    expect(() => normalizeE164("9876543210")).toThrow(/"9876543210" is not an E\.164 phone number.*\+919876543210/);
  });
});
