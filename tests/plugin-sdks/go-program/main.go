// A Go Pulumi program against the generated Go SDK of the vobiz plugin: tests/plugin-sdks/go.test.ts
// compiles it to prove the SDK's types are usable from a program.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/vobiz/pulumi-vobiz/plugin-sdks/go/vobiz"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		account, err := vobiz.NewProvider(ctx, "account", &vobiz.ProviderArgs{
			AuthId:    pulumi.String("MA_DEMO0001"),
			AuthToken: pulumi.String("emu-token-MA_DEMO0001"),
		})
		if err != nil {
			return err
		}
		support, err := vobiz.NewPhoneNumber(ctx, "support-line", &vobiz.PhoneNumberArgs{
			Country:         pulumi.String("IN"),
			Contains:        pulumi.String("9180"),
			ExcludePrefixes: pulumi.StringArray{pulumi.String("9111")},
			MaxMonthlyFee:   pulumi.Float64(1000),
		}, pulumi.Provider(account))
		if err != nil {
			return err
		}
		if _, err := vobiz.NewSubAccountAssignment(ctx, "support-team", &vobiz.SubAccountAssignmentArgs{
			E164:         support.E164,
			SubAccountId: pulumi.String("SA_DEMO0001"),
		}, pulumi.Provider(account)); err != nil {
			return err
		}
		ctx.Export("supportNumber", support.E164)
		ctx.Export("supportCapabilities", support.Capabilities.Voice())
		return nil
	})
}
