//go:build tools

// Package tools pins the Python language host this repository builds when none is installed, so that a
// Python project folder runs with the `vobiz` resource plugin. As with the Node.js host, v3.68.0 is the last
// sdk/v3 release that carries it as a package the Go module proxy serves. Its executor script
// `pulumi-language-python-exec`, from the same module folder, is copied beside the binary.
package tools

import _ "github.com/pulumi/pulumi/sdk/v3/python/cmd/pulumi-language-python"
