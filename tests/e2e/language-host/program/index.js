"use strict";
const v8 = require("node:v8");

// What the language host handed the program: Node's own arguments, its heap limit, and whether
// TypeScript was registered.
exports.nodeArguments = process.execArgv.join(" ");
exports.heapLimitMb = Math.round(v8.getHeapStatistics().heap_size_limit / 2 ** 20);
exports.typescriptRegistered = ".ts" in require.extensions;
