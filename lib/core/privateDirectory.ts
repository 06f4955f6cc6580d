/**
 * Caches that hold code or images this user's processes trust (the CLI's V8 code cache, the
 * notebook kernels' conversions, the static renders) live only in a directory of this user that
 * no one else may write: a foreign file there would be foreign code, or a foreign picture.
 */
import { lstatSync, mkdirSync } from "node:fs";

/** Whether `dir` is a directory of this user that no one else may write (made, mode 0700, if missing). */
export function privateDirectory(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = lstatSync(dir);
    if (!st.isDirectory()) return false;
    if (typeof process.getuid === "function" && st.uid !== process.getuid()) return false;
    return process.platform === "win32" || (st.mode & 0o022) === 0;
  } catch {
    return false;
  }
}
