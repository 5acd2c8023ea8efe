/**
 * The `language` section of the `vobiz` package schema: the names and options Pulumi's code generators give
 * the Node.js, Python and Go SDKs (`npm run gen:sdks` writes them to plugin-sdks/). Each SDK carries the
 * schema's version, so the SDK of plugin 0.1.0 asks the engine for plugin 0.1.0.
 */
export const schemaLanguages = {
  nodejs: {
    packageName: "@vobiz/pulumi",
    packageDescription: "Vobiz phone numbers (DIDs) as Pulumi resources, through the vobiz resource plugin.",
    dependencies: { "@pulumi/pulumi": "^3.276.0" },
    respectSchemaVersion: true,
  },
  python: {
    packageName: "pulumi_vobiz",
    requires: { pulumi: ">=3.272.0,<4.0.0" },
    pyproject: { enabled: true },
    respectSchemaVersion: true,
  },
  go: {
    importBasePath: "github.com/vobiz/pulumi-vobiz/plugin-sdks/go/vobiz",
    generateResourceContainerTypes: true,
    respectSchemaVersion: true,
  },
} as const;
