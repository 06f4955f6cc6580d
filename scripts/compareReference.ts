/**
 * The reference build of the accuracy scripts (scripts/compare-*.ts): a checkout of the commit to
 * compare against, built, given as `--ref <dir>`. Make one with
 *
 *   git worktree add /tmp/nudump-ref <commit> && (cd /tmp/nudump-ref && npm ci)
 *
 * (npm ci builds dist/). Missing or unbuilt → an error saying so, not a default path.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

/** The `--ref` checkout's root (absolute), checked to hold a built dist/. */
export function referenceRoot(argv: readonly string[] = process.argv.slice(2)): string {
  const i = argv.indexOf("--ref");
  const dir = i >= 0 ? argv[i + 1] : undefined;
  if (dir === undefined || dir.startsWith("--")) {
    throw new RangeError("--ref <dir> is required: a built checkout of the reference commit (git worktree add /tmp/nudump-ref <commit> && cd /tmp/nudump-ref && npm ci)");
  }
  const root = resolve(dir);
  if (!existsSync(join(root, "dist", "lib", "index.js"))) throw new RangeError(`--ref ${dir}: no dist/lib/index.js there (run npm ci or npm run build in it)`);
  return root;
}

/** Relative difference |a − b| / max(|a|, |b|), 0 for equal numbers (also both 0). */
export const relDiff = (a: number, b: number): number => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)));
