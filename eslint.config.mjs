import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", ".cache/**", "coverage/**", "plugin-sdks/**", "**/*.js", "**/*.mjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The serialized providers must reach their logic through a require by package name inside each method.
    files: ["provider/dynamic/dynamic-provider.ts"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
