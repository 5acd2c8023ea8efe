//go:build tools

// Package tools pins the Node.js language host this repository builds when none is installed. From
// sdk/v3 v3.69 on the host is a module of its own that has no tagged release; up to v3.68.0 it is a
// package inside sdk/v3, which the Go module proxy serves.
package tools

import _ "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs"
