/** The package version, read from package.json next to cli/ (tsx) or dist/cli/ (compiled). */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";

export function version(): string {
  for (const up of ["..", "../.."]) {
    const f = path.resolve(__dirname, up, "package.json");
    if (existsSync(f)) return (JSON.parse(readFileSync(f, "utf8")) as { version: string }).version;
  }
  return "unknown";
}
