//go:build tools

// Package tools pins the Pulumi CLI this repository builds when none is installed.
package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
