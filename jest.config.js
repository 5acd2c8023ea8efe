/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { diagnostics: false }],
  },
  moduleNameMapper: {
    "^pulumi-vobiz$": "<rootDir>/index.ts",
    "^pulumi-vobiz/sdk$": "<rootDir>/sdk/index.ts",
    "^pulumi-vobiz/emulator$": "<rootDir>/emulator/index.ts",
    "^pulumi-vobiz/fleet$": "<rootDir>/fleet/index.ts",
    "^pulumi-vobiz/provider/runtime$": "<rootDir>/provider/runtime.ts",
  },
  setupFilesAfterEnv: ["<rootDir>/tests/helpers/money-invariant-hook.ts"],
  testTimeout: 120000,
  maxWorkers: 2,
};
