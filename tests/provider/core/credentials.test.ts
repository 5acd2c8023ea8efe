import { resolveSettings } from "../../../provider/core/credentials";

describe("credential resolution", () => {
  const env = { VOBIZ_AUTH_ID: "MA_ENV00001", VOBIZ_AUTH_TOKEN: "env-token", VOBIZ_BASE_URL: "http://127.0.0.1:9/api" };

  it("prefers the stack config over the environment, key by key", () => {
    expect(resolveSettings({ authId: "MA_CFG00001", authToken: "cfg-token" }, env)).toEqual({
      authId: "MA_CFG00001",
      authToken: "cfg-token",
      baseUrl: "http://127.0.0.1:9/api",
    });
  });

  it("falls back to the environment when the stack config is silent", () => {
    expect(resolveSettings({}, env)).toEqual({ authId: "MA_ENV00001", authToken: "env-token", baseUrl: "http://127.0.0.1:9/api" });
    expect(resolveSettings(undefined, env).baseUrl).toBe("http://127.0.0.1:9/api");
  });

  it("names both ways to set credentials when one is missing, without echoing the other", () => {
    const missingToken = () => resolveSettings({ authId: "MA_CFG00001" }, {});
    expect(missingToken).toThrow(/the auth token is not set.*pulumi config set --secret vobiz:authToken.*VOBIZ_AUTH_TOKEN/s);
    expect(() => resolveSettings({ authToken: "cfg-token" }, {})).toThrow(/the auth id is not set/);
    expect(() => resolveSettings({ authToken: "cfg-token" }, {})).toThrow(expect.objectContaining({ message: expect.not.stringContaining("cfg-token") }));
  });
});
