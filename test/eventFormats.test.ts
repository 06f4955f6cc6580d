/**
 * The event files as their readers see them. HepMC3: the Asciiv3 file of `nudump sample`
 * read event by event by HepMC3's own ReaderAscii (test/hepmc3/read.cc compiled with g++
 * against Debian's libhepmc3-dev; scripts/setup.sh installs both), with four-momentum
 * conservation at every vertex and the weight sum checked there. Parquet: read back with
 * parquet-wasm (the Rust arrow-rs Parquet reader compiled to WebAssembly, an implementation
 * independent of the writer). Same seed, same bytes in every format.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { CompactWriter } from "../lib/events/parquetFormat";
import { runCli } from "./support/cliRun";

const dir = mkdtempSync(path.join(tmpdir(), "nudump-events-"));
const base = ["--signature", "vessel-photons", "--mN", "0.5", "--mu", "5e-7"];

const run = (...argv: string[]) => runCli(argv);
afterEach(() => vi.restoreAllMocks());

/** Compile the HepMC3 reader; throws a clear message when g++ or libhepmc3-dev is missing. */
function compileReader(): string {
  const src = path.resolve(__dirname, "hepmc3/read.cc");
  const exe = path.join(dir, "read-hepmc3");
  if (!existsSync("/usr/include/HepMC3/ReaderAscii.h")) {
    throw new Error("HepMC3 headers missing (/usr/include/HepMC3/ReaderAscii.h): install Debian's libhepmc3-dev (scripts/setup.sh does)");
  }
  try {
    execFileSync("g++", ["-O1", "-std=c++17", "-o", exe, src, "-lHepMC3"], { stdio: "pipe" });
  } catch (e) {
    throw new Error(`compiling test/hepmc3/read.cc failed (needs g++ and libhepmc3-dev, installed by scripts/setup.sh): ${(e as Error).message}`);
  }
  return exe;
}

describe("nudump sample → files the readers read", () => {
  let events: { events: number };
  let reader: string;
  beforeAll(async () => {
    events = JSON.parse((await run("events", ...base, "--json")).out);
    reader = compileReader();
  }, 120_000);

  it("HepMC3: the HepMC3 library reads all 20000 events, conserves four-momentum at every vertex (1e-9), and Σ weight agrees with nudump events", async () => {
    const file = path.join(dir, "ev.hepmc3");
    const r = await run("sample", ...base, "--n", "20000", "--seed", "3", "--out", file, "--json");
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.out);
    expect(summary.format).toBe("hepmc3");
    const got = JSON.parse(execFileSync(reader, [file], { encoding: "utf8", maxBuffer: 1 << 26 }));
    expect(got.events).toBe(20000);
    expect(got.units_gev_mm).toBe(true);
    expect(got.vertices_without_in_or_out).toBe(0);
    expect(got.max_imbalance).toBeLessThan(1e-9);
    expect(got.weight_names).toEqual(["weight", "weight_unselected", "production", "decay_probability", "selection"]);
    expect(Math.abs(got.weight_sums[0] / summary.selected_events - 1)).toBeLessThan(1e-12);
    // statistical agreement with the quadrature
    expect(Math.abs(got.weight_sums[0] - events.events)).toBeLessThan(4 * summary.selected_events_error);
    expect(summary.selected_events_error / events.events).toBeLessThan(0.05);
  });

  it("HepMC3, Fig. 4 up-scattering (ν_τ W → N W, N → ν e⁺e⁻): read by HepMC3, conserved at every vertex, Σ weight = the vessel count of nudump events within 4σ", async () => {
    const fig4 = ["--model", "darkboson", "--production", "upscattering", "--mN", "0.2", "--U2", "1e-4"];
    const q = JSON.parse((await run("events", ...fig4, "--signature", "electron-scattering", "--json")).out).vessel_counterpart.events;
    const file = path.join(dir, "fig4.hepmc3");
    const r = await run("sample", ...fig4, "--signature", "vessel-dileptons", "--n", "20000", "--seed", "3", "--out", file, "--json");
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.out);
    const got = JSON.parse(execFileSync(reader, [file], { encoding: "utf8", maxBuffer: 1 << 26 }));
    expect(got.events).toBe(20000);
    expect(got.max_imbalance).toBeLessThan(1e-9);
    expect(got.weight_names).toEqual(["weight", "weight_unselected", "production", "decay_probability", "selection", "branching"]);
    expect(Math.abs(got.weight_sums[0] - q)).toBeLessThan(4 * summary.selected_events_error);
    expect(summary.selected_events_error / q).toBeLessThan(0.05);
  });

  it("Parquet: read back by arrow-rs (parquet-wasm): one typed row per particle, the event weights sum to the HepMC3 total", async () => {
    const file = path.join(dir, "ev.parquet");
    const r = await run("sample", ...base, "--n", "20000", "--seed", "3", "--out", file, "--json");
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.out);
    const req = createRequire(__filename);
    const pq = await import("parquet-wasm/esm");
    pq.initSync({ module: readFileSync(req.resolve("parquet-wasm/esm/parquet_wasm_bg.wasm")) });
    const arrow = await import("apache-arrow");
    const tab = arrow.tableFromIPC(pq.readParquet(new Uint8Array(readFileSync(file))).intoIPCStream());
    const types = Object.fromEntries(tab.schema.fields.map((f) => [f.name, String(f.type)]));
    expect(types).toMatchObject({ event: "Int64", pdg: "Int32", status: "Int32", px: "Float64", E: "Float64", x: "Float64", t: "Float64", weight: "Float64", mode: "Utf8" });
    const ev = tab.getChild("event")!, w = tab.getChild("weight")!, pdg = tab.getChild("pdg")!, st = tab.getChild("status")!;
    const vtx = tab.getChild("vertex")!, pz = tab.getChild("pz")!, E = tab.getChild("E")!;
    let sum = 0, nEvents = 0, last = -1n, worst = 0;
    let inE = 0, outE = 0, inPz = 0, outPz = 0;
    const close = () => {
      if (last >= 0n) worst = Math.max(worst, Math.abs(inE - outE) / inE, Math.abs(inPz - outPz) / inE);
    };
    for (let i = 0; i < tab.numRows; i++) {
      const e = ev.get(i) as bigint;
      if (e !== last) {
        close();
        sum += w.get(i) as number;
        nEvents++;
        last = e;
        inE = outE = inPz = outPz = 0;
      }
      // the event as a whole: incoming (status 4) against final-state (status 1) particles
      if (st.get(i) === 4) (inE += E.get(i) as number), (inPz += pz.get(i) as number);
      if (st.get(i) === 1) (outE += E.get(i) as number), (outPz += pz.get(i) as number);
      if (i < 6) expect(vtx.get(i)).toBe([-1, -1, 0, 0, 1, 1][i]);
    }
    close();
    expect(nEvents).toBe(20000);
    expect(pdg.get(2)).toBe(Math.sign(pdg.get(0) as number) * 9900012); // N for a ν beam, N̄ for ν̄
    expect(worst).toBeLessThan(1e-9);
    expect(Math.abs(sum / summary.selected_events - 1)).toBeLessThan(1e-12);
  });

  it("same seed, same bytes in every format; another seed differs; --json on stdout is JSON", async () => {
    for (const ext of ["hepmc3", "parquet", "csv", "json"]) {
      const a = path.join(dir, `a.${ext}`), b = path.join(dir, `b.${ext}`), c = path.join(dir, `c.${ext}`);
      await run("sample", ...base, "--n", "300", "--seed", "9", "--out", a);
      await run("sample", ...base, "--n", "300", "--seed", "9", "--out", b);
      await run("sample", ...base, "--n", "300", "--seed", "10", "--out", c);
      expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
      expect(readFileSync(a).equals(readFileSync(c))).toBe(false);
    }
    const j = JSON.parse((await run("sample", ...base, "--n", "5", "--seed", "1", "--json")).out);
    expect(j.events).toHaveLength(5);
    expect(j.weight_names[0]).toBe("weight");
    expect(j.events[0].particles[0]).toMatchObject({ pdg: expect.any(Number), status: 4, vertex: -1 });
    const f = await run("sample", ...base, "--n", "5", "--seed", "1", "--format", "hepmc3");
    expect(f.out.startsWith("HepMC::Version 3.")).toBe(true);
    expect(f.out.trimEnd().endsWith("HepMC::Asciiv3-END_EVENT_LISTING")).toBe(true);
    expect((await run("sample", ...base, "--n", "5", "--seed", "1", "--out", path.join(dir, "x.root"))).code).toBe(2);
    expect((await run("sample", ...base, "--n", "5", "--seed", "1", "--format", "parquet")).code).toBe(2);
  });
});

describe("Parquet metadata (Thrift compact protocol) beyond 32 bits", () => {
  it("an i64 field of a file offset above 4 GiB (an uncompressed 10⁷-event file reaches ~5 GB) is its zigzag ULEB128 varint, computed here with BigInt", () => {
    for (const v of [0, 1, 127, 128, 2 ** 31, 2 ** 32 + 5, 5_000_000_123, 2 ** 52 - 1]) {
      const got = new CompactWriter().i64(1, v).take();
      let z = 2n * BigInt(v);
      const want = [0x16]; // field delta 1, type I64 (6)
      do {
        const b = Number(z & 0x7fn);
        z >>= 7n;
        want.push(z > 0n ? b | 0x80 : b);
      } while (z > 0n);
      expect([...got]).toEqual(want);
    }
    // a field id jump above 15 writes the type byte and the zigzag id
    expect([...new CompactWriter().i32(1, -1).i32(20, 3).take()]).toEqual([0x15, 0x01, 0x05, 40, 6]);
  });
});
