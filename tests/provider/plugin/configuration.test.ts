import * as pulumi from "@pulumi/pulumi";
import { ConfigureRequest } from "@pulumi/pulumi/proto/provider_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { settingsFromConfigureRequest } from "../../../provider/plugin/configuration";

const secret = (value: string) => ({ [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig, value });

describe("the plugin's Configure", () => {
  it("reads the provider inputs, unwrapping a secret token", () => {
    const request = new ConfigureRequest().setArgs(
      Struct.fromJavaScript({ authId: "MA_X", authToken: secret("tok-1"), baseUrl: "http://127.0.0.1:1/api", version: "0.1.0" }),
    );
    expect(settingsFromConfigureRequest(request)).toEqual({ authId: "MA_X", authToken: "tok-1", baseUrl: "http://127.0.0.1:1/api" });
  });

  it("falls back to the flattened config variables, and counts an unknown or empty value as not set", () => {
    const request = new ConfigureRequest().setArgs(Struct.fromJavaScript({ authId: pulumi.runtime.unknownValue, baseUrl: "" }));
    request.getVariablesMap().set("vobiz:config:authToken", "tok-2");
    expect(settingsFromConfigureRequest(request)).toEqual({ authToken: "tok-2" });
  });

  it("reads the guardrails as the text the shared rules read, a list set with --path included", () => {
    const request = new ConfigureRequest().setArgs(Struct.fromJavaScript({ authId: "MA_X", allowedCountries: ["IN", "US"], maxMonthlyFee: "1000" }));
    request.getVariablesMap().set("vobiz:requireDeletionProtection", "true");
    expect(settingsFromConfigureRequest(request)).toEqual({
      authId: "MA_X",
      guardrails: { allowedCountries: '["IN","US"]', maxMonthlyFee: "1000", requireDeletionProtection: "true" },
    });
  });
});
