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
import { dipoleMassPoint, makeSetup } from "../lib/signatures";
import { dipoleModel } from "../lib/models/dipole";
import { dipoleEventStream, writeParquet } from "../lib/events";
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

  it("the Fig. 3 chain ν T → N T, N → ν Z_D, Z_D → e⁺e⁻ (three vertices) as Parquet equals its JSON file row by row: every particle's x, y, z, t is its production vertex (vertex 0 for beam and target), weights, channel and mode per event", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "nudump-pq-"));
    const args = ["sample", "--model", "darkboson", "--production", "secondary", "--signature", "vessel-dileptons", "--mN", "0.1", "--U2", "1e-6", "--n", "2000", "--seed", "5"];
    expect((await run(...args, "--out", path.join(dir, "a.parquet"))).code).toBe(0);
    expect((await run(...args, "--out", path.join(dir, "a.json"))).code).toBe(0);
    const got = JSON.parse(execFileSync("python3", ["-c", COMPARE_JSON, path.join(dir, "a.parquet"), path.join(dir, "a.json")], { encoding: "utf8", maxBuffer: 1 << 26 }));
    if (got.error) throw new Error(`python3 needs pyarrow (scripts/setup.sh installs it): ${got.error}`);
    expect(got.events).toBe(2000);
    expect(got.max_vertices).toBeGreaterThanOrEqual(3);
    expect(got.weight_names[0]).toBe("weight");
    expect(got.mismatches).toEqual([]);
  }, 60_000);

  it("row groups close at event boundaries; brotli, gzip and uncompressed files hold the same table; codecs as declared", async () => {
    const setup = makeSetup("fasernu2-faser2");
    const point = dipoleMassPoint(0.5, "universal", setup);
    const model = dipoleModel({ mN: 0.5, mu: 5e-7, coupling: "universal" });
    const dir = mkdtempSync(path.join(tmpdir(), "nudump-pq-"));
    const files = (["brotli", "gzip", "none"] as const).map((c) => path.join(dir, `${c}.parquet`));
    const sums = [];
    for (const [k, compression] of (["brotli", "gzip", "none"] as const).entries()) {
      sums.push(await writeParquet(dipoleEventStream(point, model, "vessel-photons", { n: 3000, seed: 4 }), files[k]!, { compression, rowGroup: 1000 }));
    }
    const got = sameTableThreeCodecs(files, sums);
    expect(got.events).toBe(3000);
    // ~6 rows per event: 3000 events in ≥ 17 groups of ≥ 1000 rows, none straddling an event
    expect(got.groups).toBeGreaterThanOrEqual(17);
    expect(got.min_group_rows).toBeGreaterThanOrEqual(got.groups > 1 ? 1 : 0);
    expect(got.straddling).toBe(0);
    expect(got.sizes[0]).toBeLessThan(0.7 * got.sizes[2]);
  }, 60_000);
});

/**
 * Three files of one stream written brotli, gzip and uncompressed: the writers' sums agree, and
 * pyarrow reads the same table with the codecs in that order; returns what COMPARE_CODECS found.
 */
function sameTableThreeCodecs(files: readonly string[], sums: readonly unknown[]): { events: number; groups: number; min_group_rows: number; straddling: number; sizes: [number, number, number] } {
  expect(sums[1]).toEqual(sums[0]);
  expect(sums[2]).toEqual(sums[0]);
  const got = JSON.parse(execFileSync("python3", ["-c", COMPARE_CODECS, ...files], { encoding: "utf8" }));
  if (got.error) throw new Error(`python3 needs pyarrow (scripts/setup.sh installs it): ${got.error}`);
  expect(got.codecs).toEqual(["BROTLI", "GZIP", "UNCOMPRESSED"]);
  expect(got.equal).toBe(true);
  return got;
}

describe("nudump sample --compression", () => {
  it("brotli (the default), gzip and none from the command line: the same table with the codec asked for, for the dipole and for the Fig. 3 chain", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "nudump-pq-"));
    const runs = [
      ["dipole", ["sample", "--signature", "vessel-photons", "--mN", "0.5", "--mu", "5e-7", "--n", "6000", "--seed", "8"]],
      ["dark", ["sample", "--model", "darkboson", "--production", "secondary", "--signature", "vessel-dileptons", "--mN", "0.1", "--U2", "1e-6", "--n", "1500", "--seed", "2"]],
    ] as const;
    for (const [name, args] of runs) {
      const files = ["default", "gzip", "none"].map((c) => path.join(dir, `${name}-${c}.parquet`));
      const sums: number[] = [];
      for (const [k, c] of ([undefined, "gzip", "none"] as const).entries()) {
        const r = await run(...args, "--out", files[k]!, "--json", ...(c ? ["--compression", c] : []));
        expect(r.code).toBe(0);
        sums.push(JSON.parse(r.out).selected_events);
      }
      const got = sameTableThreeCodecs(files, sums);
      expect(got.sizes[0]).toBeLessThan(0.7 * got.sizes[2]);
    }
  }, 120_000);
});

/** Parquet rows against the JSON file of the same seed: particle by particle, with each row's vertex position. */
const COMPARE_JSON = `
import json, sys
try:
    import pyarrow.parquet as pq
except ImportError as e:
    print(json.dumps({"error": str(e)})); sys.exit(0)
t = pq.read_table(sys.argv[1]).to_pydict()
doc = json.load(open(sys.argv[2]))
names = doc["weight_names"]
bad = []
r = 0
maxv = 0
for ev in doc["events"]:
    maxv = max(maxv, len(ev["vertices"]))
    for p in ev["particles"]:
        v = ev["vertices"][p["vertex"] if p["vertex"] >= 0 else 0]
        row = [t["event"][r], t["pdg"][r], t["status"][r], t["vertex"][r], t["px"][r], t["py"][r], t["pz"][r], t["E"][r], t["m"][r],
               t["x"][r], t["y"][r], t["z"][r], t["t"][r], t["channel"][r], t["mode"][r]] + [t[n][r] for n in names]
        want = [ev["event"], p["pdg"], p["status"], p["vertex"]] + p["p"] + [p["m"]] + v + [ev["channel"], ev["mode"]] + ev["weights"]
        if row != want and len(bad) < 5:
            bad.append({"row": r, "parquet": row, "json": want})
        r += 1
if r != len(t["event"]):
    bad.append({"rows": len(t["event"]), "json_particles": r})
print(json.dumps({"events": len(doc["events"]), "max_vertices": maxv, "weight_names": names, "mismatches": bad}))
`;

/** Three files of one stream: same table, their codecs, row-group sizes and whether an event crosses a group boundary. */
const COMPARE_CODECS = `
import json, os, sys
try:
    import pyarrow.parquet as pq
except ImportError as e:
    print(json.dumps({"error": str(e)})); sys.exit(0)
fs = [pq.ParquetFile(f) for f in sys.argv[1:]]
tabs = [f.read() for f in fs]
md = fs[0].metadata
ev = tabs[0].column("event").to_pylist()
straddling, start = 0, 0
for g in range(md.num_row_groups):
    n = md.row_group(g).num_rows
    if start > 0 and ev[start] == ev[start - 1]:
        straddling += 1
    start += n
print(json.dumps({
  "codecs": [f.metadata.row_group(0).column(0).compression for f in fs],
  "equal": all(t.equals(tabs[0]) for t in tabs),
  "events": len(set(ev)),
  "groups": md.num_row_groups,
  "min_group_rows": min(md.row_group(g).num_rows for g in range(md.num_row_groups - 1)) if md.num_row_groups > 1 else 0,
  "straddling": straddling,
  "sizes": [os.path.getsize(f) for f in sys.argv[1:]],
}))
`;
