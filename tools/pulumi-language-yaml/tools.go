//go:build tools

// Package tools pins the YAML language host this repository builds when none is installed, so that a
// Pulumi YAML project folder runs with the `vobiz` resource plugin.
package tools

import _ "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"
