/** Runs the nudump CLI in-process with stdout and stderr captured (for the CLI tests). */
import { vi } from "vitest";
import { main } from "../../cli/main";

export interface RunResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** main(argv) with the streams captured; resolves when the command has finished. */
export async function runCli(argv: readonly string[]): Promise<RunResult> {
  let out = "";
  let err = "";
  const o = vi.spyOn(process.stdout, "write").mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, "write").mockImplementation((s: string | Uint8Array) => ((err += String(s)), true));
  try {
    const code = await main([...argv]);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

/** Every number in a JSON text is finite and no value is null (the reviver sees every value). */
export function jsonHasOnlyFiniteNumbers(text: string): boolean {
  let ok = true;
  JSON.parse(text, (_k, v: unknown) => {
    if (v === null || (typeof v === "number" && !Number.isFinite(v))) ok = false;
    return v;
  });
  return ok;
}
