//go:build tools

// Package tools pins the SeaweedFS server this repository builds as its S3-compatible state backend.
package tools

import _ "github.com/seaweedfs/seaweedfs/weed"
