/**
 * A cache keyed by every input (issue 15 item 3): notebooks re-running one cell reuse what the
 * other cells computed. The key is a stable JSON of the inputs (object keys sorted, numbers
 * written exactly by JSON's shortest round-trip form, undefined fields dropped), so two calls
 * hit the same entry exactly when their inputs are equal. In memory per process (a notebook
 * kernel); optionally also on disk as JSON under `dir` for plain-data results.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { stableJson } from "../core/stableJson";

export { stableJson };

/** The cache key of a named computation and its inputs (sha-256 of the stable JSON, hex). */
export function memoKey(name: string, inputs: unknown): string {
  return createHash("sha256").update(name + "\n" + stableJson(inputs)).digest("hex");
}

const MEMORY = new Map<string, unknown>();

/** Options of {@link memo}. */
export interface MemoOptions {
  /** Also keep the result on disk under this directory (JSON; for plain-data results only). */
  readonly dir?: string;
}

/**
 * `compute()` once per (name, inputs): later calls with equal inputs return the stored result
 * (the same object in memory — treat it as read-only). An async `compute` is stored as its
 * promise (concurrent calls share one computation); a rejected promise is dropped, so the next
 * call computes again; on disk goes the resolved value. `inputs` must hold everything the result
 * depends on (options, data directories, the package version if the code may change).
 */
export function memo<T>(name: string, inputs: unknown, compute: () => T, opts: MemoOptions = {}): T {
  const key = memoKey(name, inputs);
  if (MEMORY.has(key)) return MEMORY.get(key) as T;
  const file = opts.dir !== undefined ? path.join(opts.dir, `${name.replace(/[^A-Za-z0-9_-]/g, "_")}-${key.slice(0, 24)}.json`) : null;
  if (file !== null && existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, "utf8")) as { key: string; value: unknown; async?: boolean };
    if (stored.key === key) {
      const value = (stored.async ? Promise.resolve(stored.value) : stored.value) as T; // as compute() returned it
      MEMORY.set(key, value);
      return value;
    }
  }
  const value = compute();
  MEMORY.set(key, value);
  const store = (v: unknown, async = false) => {
    if (file === null) return;
    mkdirSync(opts.dir!, { recursive: true });
    writeFileSync(file, JSON.stringify({ name, key, inputs: JSON.parse(stableJson(inputs)), value: v, ...(async ? { async } : {}) }) + "\n");
  };
  if (isThenable(value)) {
    // a promise is shared while it runs; a failed one is forgotten (the next call computes
    // again: an edited, re-run cell must not get the old error), a resolved one stored on disk
    value.then((v) => store(v, true), () => {
      if (MEMORY.get(key) === value) MEMORY.delete(key);
    });
  } else store(value);
  return value;
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return v !== null && (typeof v === "object" || typeof v === "function") && typeof (v as { then?: unknown }).then === "function";
}

/** Forget every in-memory entry (disk entries stay). */
export function clearMemo(): void {
  MEMORY.clear();
}

/** Number of in-memory entries. */
export function memoSize(): number {
  return MEMORY.size;
}
