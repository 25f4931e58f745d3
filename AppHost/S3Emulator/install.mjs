// Installs the emulator's packages with `npm ci`, unless node_modules already matches
// package-lock.json (so a warm start costs nothing).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";

const lockHash = createHash("sha256").update(fs.readFileSync("package-lock.json")).digest("hex");
const stamp = "node_modules/.recommender-lock-hash";

if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === lockHash) {
  console.log("S3 emulator packages are up to date.");
  process.exit(0);
}

console.log("Installing S3 emulator packages (npm ci)...");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const result = spawnSync(npm, ["ci", "--no-audit", "--no-fund"], { stdio: "inherit" });
if (result.status !== 0) {
  console.error(`npm ci failed with exit code ${result.status ?? result.signal}`);
  process.exit(1);
}
fs.writeFileSync(stamp, lockHash);
