/**
 * The Parquet event file read by the Python data stack a user has: pyarrow (the Apache Arrow
 * C++ reader, independent of the JavaScript writer) and pandas. scripts/setup.sh installs
 * pyarrow and pandas when python3 lacks them; without them this test fails with that message.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./support/cliRun";

const run = (...argv: string[]) => runCli(argv);

const PY = `
import json, sys
try:
    import pyarrow.parquet as pq, pandas as pd
except ImportError as e:
    print(json.dumps({"error": str(e)})); sys.exit(0)
t = pq.read_table(sys.argv[1])
df = t.to_pandas()
per_event = df.groupby("event")["weight"].first()
selected = df[df["weight"] > 0]
photons = selected[(selected["pdg"] == 22) & (selected["status"] == 1)]
print(json.dumps({
  "rows": t.num_rows,
  "types": {f.name: str(f.type) for f in t.schema},
  "events": int(per_event.size),
  "weight_sum": float(per_event.sum()),
  "selected": int(selected["event"].nunique()),
  "photons": int(photons.shape[0]),
  "photon_E_min": float(photons["E"].min()),
}))
`;

describe("Parquet → pyarrow and pandas", () => {
  it("pyarrow reads every row with its type; pandas groups particles into events whose weights sum to the sample's total; every selected event (N → νγ) has one final-state photon above 100 GeV", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "nudump-pq-")), "ev.parquet");
    const r = await run("sample", "--signature", "vessel-photons", "--mN", "0.5", "--mu", "5e-7", "--n", "3000", "--seed", "3", "--out", file, "--json");
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.out);
    const got = JSON.parse(execFileSync("python3", ["-c", PY, file], { encoding: "utf8" }));
    if (got.error) throw new Error(`python3 needs pyarrow and pandas (scripts/setup.sh installs them): ${got.error}`);
    expect(got.events).toBe(3000);
    expect(got.types).toMatchObject({ event: "int64", pdg: "int32", px: "double", E: "double", weight: "double" });
    expect(Math.abs(got.weight_sum / summary.selected_events - 1)).toBeLessThan(1e-12);
    // events failing the selection (E_γ < 100 GeV, N → νℓℓ) are kept with weight 0
    expect(got.selected).toBeGreaterThan(0);
    expect(got.selected).toBeLessThan(3000);
    expect(got.photons).toBe(got.selected);
    expect(got.photon_E_min).toBeGreaterThan(100);
  }, 60_000);
});
