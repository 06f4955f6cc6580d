/**
 * lib/events CHARM-II N e⁻ → N e⁻ with N from Z_D → N N̄ at the 450 GeV SPS beam dump (Fig. 4 right,
 * heavyZDMassPoint's "charm2"): four-momentum conservation at both vertices (1e-9), the Z_D, N, N′
 * and e masses, the recoil inside 3 < E_e < 24 GeV and below T_max, the frame (target at z = −820 m,
 * scattering in the 35.67 m calorimeter), Σ weight against the quadrature within 4σ at two masses
 * (π⁰-dominated m_N = 10 MeV, η + brem m_N = 100 MeV) where the N survival matters, the recoil-energy
 * spectrum against the quadrature (χ², 99.9 %), same seed → same bytes, HepMC3's ReaderAscii reads
 * the `nudump sample --detector charm2` file, and the CLI refuses the combinations charm2 does not take.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { m_e } from "../lib/core/constants";
import { m } from "../lib/core/units";
import { charm2ZDElectronStream, PDG, STATUS, weightedHistogram } from "../lib/events";
import { CHARM2_DEFAULTS, charm2Electrons, charm2HadronsDir } from "../lib/ip/charm2";
import { makeSetup } from "../lib/engine/setup";
import { darkBosonModel, fig4Benchmark } from "../lib/models/darkBoson";
import { heavyZDNWidths } from "../lib/models/darkBoson/fig4/decays";
import { elasticTMax, sigmaNElectronInBoxes } from "../lib/models/darkBoson/fig4/electron";
import { heavyZDMassPoint, U2_REF } from "../lib/models/darkBoson/fig4/heavyZD";
import { CHARM2_DEPTH, elasticEnergyForTMax } from "../lib/models/darkBoson/fig4/samplingCharm2";
import { chi2, inv } from "./support/eventChecks";
import { runCli } from "./support/cliRun";

const setup = makeSetup("fasernu2-faser2");
const hadronsDir = charm2HadronsDir();
const cp = CHARM2_DEFAULTS;
const perArea = charm2Electrons(cp) / (cp.side * cp.side);
const chi2Bound = (dof: number) => dof + 3.1 * Math.sqrt(2 * dof) + 3; // 99.9 % point of χ²(dof) for dof ≤ 30
const dir = mkdtempSync(path.join(tmpdir(), "nudump-charm2-"));

/** Recoil E_e bins (GeV) of the χ²: 14 × 1.5 GeV over the window. */
const EDGES = Array.from({ length: 15 }, (_, i) => cp.EeMin + (i * (cp.EeMax - cp.EeMin)) / 14);

function check(mN: number, U2: number, seed: number) {
  const template = fig4Benchmark(mN, U2);
  const point = heavyZDMassPoint(template, setup, { signatures: ["charm2"], charm2: { hadronsDir } });
  const stream = charm2ZDElectronStream(template, U2, { n: 20000, seed, hadronsDir });
  let s = 0, s2 = 0, worst = 0, badMass = 0, outside = 0, badFrame = 0;
  const Ee: number[] = [], w: number[] = [];
  for (const r of stream.events()) {
    worst = Math.max(worst, r.maxImbalance());
    // 1e-5: E² − p² in doubles resolves m only to ~3e-6 at m/E ≈ 2e-5 (a 10 MeV N′ of 400 GeV)
    for (const [k, mass] of [[0, template.mZD], [1, mN], [2, mN], [4, mN], [5, m_e]] as const) if (Math.abs(inv(r.E[k]!, r.px[k]!, r.py[k]!, r.pz[k]!) / mass - 1) > 1e-5) badMass++;
    const iN = r.vIn[2]!, T = r.E[5]! - m_e;
    if (!(r.E[5]! > cp.EeMin && r.E[5]! < cp.EeMax && T <= elasticTMax(r.E[iN]!, mN) * (1 + 1e-9))) outside++;
    const L = cp.distance / m * 1e3, depth = (CHARM2_DEPTH / m) * 1e3, half = (cp.side / m) * 500;
    const okProd = r.vx[0] === 0 && r.vy[0] === 0 && Math.abs(r.vz[0]! / -L - 1) < 1e-12;
    const okScat = r.vz[1]! >= -1e-6 && r.vz[1]! <= depth * (1 + 1e-9) && Math.abs(r.vx[1]!) < half + 100 && Math.abs(r.vy[1]!) < half + 100;
    if (!okProd || !okScat) badFrame++;
    s += r.weights[0]!;
    s2 += r.weights[0]! ** 2;
    Ee.push(r.E[5]!);
    w.push(r.weights[0]!);
  }
  return { template, point, stream, s, worst, badMass, outside, badFrame, Ee, w, sigma: Math.sqrt(Math.max(0, s2 - (s * s) / stream.n)) };
}

for (const [mN, U2, seed] of [[0.01, 1e-2, 31], [0.1, 3e-3, 32]] as const) {
  describe(`CHARM-II Z_D → N N̄, N e → N e at m_N = ${mN} GeV, U2 = ${U2}`, () => {
    const res = check(mN, U2, seed);

    it("conservation at both vertices (1e-9), the masses, the record, the recoil window, the frame", () => {
      expect(res.worst).toBeLessThan(1e-9);
      expect(res.badMass).toBe(0);
      expect(res.outside).toBe(0);
      expect(res.badFrame).toBe(0);
      const r = res.stream.events()[Symbol.iterator]().next().value!;
      expect(r.nVertices).toBe(2);
      expect([r.pdg[0], r.pdg[1], r.pdg[2], r.pdg[3], Math.abs(r.pdg[4]!), r.pdg[5]]).toEqual([PDG.ZD, PDG.N, -PDG.N, PDG.electron, PDG.N, PDG.electron]);
      expect([r.status[0], r.status[3], r.status[4], r.status[5]]).toEqual([STATUS.decayed, STATUS.incoming, STATUS.final, STATUS.final]);
      expect(res.stream.weightNames).toEqual(["weight", "weight_unselected", "production", "survival_probability", "interaction_probability", "selection"]);
    });

    it("Σ weight = heavyZDMassPoint events('charm2') within 4σ, with the N survival over 820 m below 1", () => {
      const q = res.point.events("charm2", U2);
      expect(q).toBeGreaterThan(0);
      expect(res.point.events("charm2", 1e-9)).toBeGreaterThan(q * 1.05); // the decay before CHARM-II matters here
      expect(res.sigma / q).toBeLessThan(0.02);
      expect(Math.abs(res.s - q)).toBeLessThan(4 * res.sigma);
    });

    it("the recoil-energy spectrum follows the quadrature (14 bins over 3–24 GeV; χ², 99.9 %)", () => {
      const ref = darkBosonModel({ ...res.template, U2: U2_REF });
      const Gamma = heavyZDNWidths(darkBosonModel({ ...res.template, U2 })).total;
      const surv = (E: number) => Math.exp((-cp.distance * mN * Gamma) / Math.sqrt((E - mN) * (E + mN)));
      const sp = res.point.spectra.zdCharm2!;
      const q = EDGES.slice(1).map((hi, b) => {
        const box = [{ EeMin: EDGES[b]!, EeMax: hi, thetaMin: 0, thetaMax: Math.PI / 2 }];
        let x = 0;
        sp.energy.forEach((E, j) => (x += sp.count[j]! * sigmaNElectronInBoxes(ref, E, box) * surv(E) * perArea));
        return x;
      });
      const { chi2: c, dof } = chi2(weightedHistogram(res.Ee, res.w, EDGES), q);
      expect(dof).toBeGreaterThan(10);
      expect(c).toBeLessThan(chi2Bound(dof));
    });
  });
}

describe("CHARM-II energy threshold of the recoil window", () => {
  it("elasticEnergyForTMax inverts elasticTMax (1e-12) and is above T0 + m_N", () => {
    for (const mN of [0.01, 0.1, 0.3]) {
      const E = elasticEnergyForTMax(3 - m_e, mN);
      expect(Math.abs(elasticTMax(E, mN) / (3 - m_e) - 1)).toBeLessThan(1e-12);
      expect(E).toBeGreaterThan(3 - m_e + mN);
    }
  });
});

describe("nudump sample --detector charm2", () => {
  const args = ["--model", "darkboson", "--production", "zd-decay", "--signature", "electron-scattering", "--detector", "charm2", "--mN", "0.1", "--U2", "3e-3"];

  it("same seed → same bytes (another seed differs); HepMC3's ReaderAscii reads the file, conserved at every vertex, Σ weight = the quadrature within 4σ", async () => {
    const f = (name: string) => path.join(dir, name);
    const a = await runCli(["sample", ...args, "--n", "3000", "--seed", "9", "--out", f("a.hepmc3"), "--json"]);
    expect(a.code).toBe(0);
    const b = await runCli(["sample", ...args, "--n", "3000", "--seed", "9", "--out", f("b.hepmc3"), "--json"]);
    const c = await runCli(["sample", ...args, "--n", "3000", "--seed", "10", "--out", f("c.hepmc3"), "--json"]);
    expect(readFileSync(f("a.hepmc3")).equals(readFileSync(f("b.hepmc3")))).toBe(true);
    expect(b.out.replace("b.hepmc3", "a.hepmc3")).toBe(a.out);
    expect(readFileSync(f("a.hepmc3")).equals(readFileSync(f("c.hepmc3")))).toBe(false);
    const summary = JSON.parse(a.out);
    expect(summary.inputs.detector).toBe("charm2");
    expect(summary.inputs.pot).toBe(cp.pot);
    if (!existsSync("/usr/include/HepMC3/ReaderAscii.h")) throw new Error("HepMC3 headers missing (/usr/include/HepMC3/ReaderAscii.h): install Debian's libhepmc3-dev (scripts/setup.sh does)");
    const exe = f("read-hepmc3");
    execFileSync("g++", ["-O1", "-std=c++17", "-o", exe, path.resolve(__dirname, "hepmc3/read.cc"), "-lHepMC3"], { stdio: "pipe" });
    const got = JSON.parse(execFileSync(exe, [f("a.hepmc3")], { encoding: "utf8", maxBuffer: 1 << 26 }));
    expect(got.events).toBe(3000);
    expect(got.units_gev_mm).toBe(true);
    expect(got.vertices_without_in_or_out).toBe(0);
    expect(got.max_imbalance).toBeLessThan(1e-9);
    expect(got.weight_names).toEqual(["weight", "weight_unselected", "production", "survival_probability", "interaction_probability", "selection"]);
    expect(Math.abs(got.weight_sums[0] / summary.selected_events - 1)).toBeLessThan(1e-12);
    const q = heavyZDMassPoint(fig4Benchmark(0.1, 3e-3), setup, { signatures: ["charm2"], charm2: { hadronsDir } }).events("charm2", 3e-3);
    expect(Math.abs(got.weight_sums[0] - q)).toBeLessThan(4 * summary.selected_events_error);
  }, 120_000);

  it("refuses --detector charm2 outside zd-decay electron scattering, with FASER flux options, and as CSV (exit 2, the option named)", async () => {
    const bad = [
      ["--model", "darkboson", "--production", "mixing", "--signature", "electron-scattering", "--detector", "charm2", "--mN", "0.1", "--U2", "1e-3"],
      ["--model", "darkboson", "--production", "zd-decay", "--signature", "vessel-dileptons", "--detector", "charm2", "--mN", "0.1", "--U2", "1e-3"],
      ["--signature", "vessel-photons", "--detector", "charm2", "--mN", "0.5", "--mu", "5e-7"],
      [...args, "--flux", "fasernu2-paper"],
      [...args, "--format", "csv"],
    ];
    for (const argv of bad) {
      const r = await runCli(["sample", ...argv, "--n", "10", "--seed", "1"]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/--detector charm2|--flux|CSV/);
    }
  });
});
