// Removes what tsc wrote to dist/ before, so a moved or deleted source leaves no compiled file behind.
// dist/plugin (the plugin tarball, built by scripts/build-plugin.sh) and dist/sdks (the SDK packages, built by
// scripts/build-sdks.sh) are kept.
const fs = require("node:fs");
const path = require("node:path");
const dist = path.join(__dirname, "..", "dist");
for (const entry of fs.existsSync(dist) ? fs.readdirSync(dist) : []) {
  if (entry !== "plugin" && entry !== "sdks") fs.rmSync(path.join(dist, entry), { recursive: true, force: true });
}
