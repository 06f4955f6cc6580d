/**
 * lib/events for the dark-boson model (Fig. 3 chain): full events against the quadrature
 * (secondaryDileptonEvents, electronScatteringEvents), conservation at every vertex, the
 * invariant masses of N and Z_D, and the Z_D → e⁺e⁻ isotropy (KS on the e⁻ energy fraction).
 */
import { describe, expect, it } from "vitest";
import { darkBosonElectronStream, darkBosonSecondaryStream, PDG, primaryZDStream, STATUS, weightedHistogram } from "../lib/events";
import { mm } from "../lib/core/units";
import { darkBosonMassPoint, electronScatteringEvents, FIG3_PARAMS, makeSetup, primaryDileptonEvents, secondaryDileptonEvents } from "../lib/signatures";

const setup = makeSetup("fasernu2-faser2");
const point = darkBosonMassPoint(0.1, setup);
const mZD = FIG3_PARAMS.mZD;

const inv = (E: number, px: number, py: number, pz: number) => Math.sqrt(Math.max(0, E * E - px * px - py * py - pz * pz));

describe("dark-boson secondary chain: full events", () => {
  it("ν T → N T, N → ν Z_D, Z_D → e⁺e⁻: conservation at every vertex (1e-9), m(N), m(Z_D) = m(e⁺e⁻), Z_D decays in the vessel", () => {
    const det = setup.detector;
    let worst = 0, n = 0;
    for (const r of darkBosonSecondaryStream(point, 1e-6, { n: 3000, seed: 4 }).events()) {
      n++;
      worst = Math.max(worst, r.maxImbalance());
      expect(r.nVertices).toBe(3);
      const zd = r.pdg.indexOf(PDG.ZD);
      expect(r.status[zd]).toBe(STATUS.decayed);
      expect(inv(r.E[2]!, r.px[2]!, r.py[2]!, r.pz[2]!) / 0.1).toBeCloseTo(1, 4);
      const [a, b] = [r.nParticles - 2, r.nParticles - 1];
      const mee = inv(r.E[a]! + r.E[b]!, r.px[a]! + r.px[b]!, r.py[a]! + r.py[b]!, r.pz[a]! + r.pz[b]!);
      expect(mee / mZD).toBeCloseTo(1, 4);
      if (r.weights[1]! > 0) {
        expect(r.vz[2]!).toBeGreaterThanOrEqual(det.vessel.start / mm - 1e-6);
        expect(r.vz[2]!).toBeLessThanOrEqual((det.vessel.start + det.vessel.length) / mm + 1e-6);
      }
    }
    expect(n).toBe(3000);
    expect(worst).toBeLessThan(1e-9);
  });

  it("Σ weight agrees with secondaryDileptonEvents within 4σ (m_N = 0.1 GeV, U2 = 1e-6)", () => {
    let s = 0, s2 = 0;
    const n = 60000;
    for (const r of darkBosonSecondaryStream(point, 1e-6, { n, seed: 8 }).events()) {
      s += r.weights[0]!;
      s2 += r.weights[0]! ** 2;
    }
    const q = secondaryDileptonEvents(point, 1e-6).events;
    const sigma = Math.sqrt(s2 - (s * s) / n);
    expect(Math.abs(s - q)).toBeLessThan(4 * sigma);
    expect(sigma / q).toBeLessThan(0.1);
  });

  it("Z_D → e⁺e⁻ is isotropic in the Z_D frame: the e⁻ energy fraction is uniform on [(1−β)/2, (1+β)/2] (KS)", () => {
    const u: number[] = [];
    for (const r of darkBosonSecondaryStream(point, 1e-6, { n: 8000, seed: 6 }).events()) {
      const k = r.pdg.indexOf(PDG.ZD), a = r.nParticles - 2;
      const p = Math.hypot(r.px[k]!, r.py[k]!, r.pz[k]!), beta = p / r.E[k]!;
      // E_e = (E + β* ... ) : with m_e ≪ m_ZD, E_e/E_ZD = (1 + β v cos θ*)/2, v the e velocity in the Z_D frame
      const v = Math.sqrt(1 - (2 * 0.00051099895 / mZD) ** 2);
      u.push(((2 * r.E[a]!) / r.E[k]! - 1) / (beta * v));
    }
    u.sort((x, y) => x - y);
    let D = 0;
    u.forEach((c, i) => (D = Math.max(D, Math.abs((c + 1) / 2 - (i + 1) / u.length), Math.abs((c + 1) / 2 - i / u.length))));
    expect(D).toBeLessThan(1.63 / Math.sqrt(u.length));
  });

  it("ν e → N e: final state N and recoil electron, Σ weight = electronScatteringEvents within 4σ", () => {
    let s = 0, s2 = 0;
    const n = 5000;
    for (const r of darkBosonElectronStream(point, 1e-6, { n, seed: 12 }).events()) {
      expect(r.nVertices).toBe(1);
      expect(r.pdg[3]).toBe(PDG.electron);
      expect(r.status[2]).toBe(STATUS.final);
      expect(r.maxImbalance()).toBeLessThan(1e-9);
      s += r.weights[0]!;
      s2 += r.weights[0]! ** 2;
    }
    const q = electronScatteringEvents(point, 1e-6).events;
    expect(Math.abs(s - q)).toBeLessThan(4 * Math.sqrt(Math.max(0, s2 - (s * s) / n)) + 1e-9 * q);
  });
});

describe("primary Z_D from the IP: full events", () => {
  const U2 = 1e-6;
  const stream = primaryZDStream(FIG3_PARAMS, 0.1, U2, setup.detector, { n: 10000, seed: 3 });
  it("Σ weight = primaryDileptonEvents; m(e⁺e⁻) = m_ZD; conservation; decays inside the vessel (z range and radius)", () => {
    const det = setup.detector;
    const z1 = det.vessel.start / mm, z2 = (det.vessel.start + det.vessel.length) / mm, R = det.vessel.radius / mm;
    let s = 0, worst = 0;
    for (const r of stream.events()) {
      s += r.weights[0]!;
      worst = Math.max(worst, r.maxImbalance());
      const mee = inv(r.E[1]! + r.E[2]!, r.px[1]! + r.px[2]!, r.py[1]! + r.py[2]!, r.pz[1]! + r.pz[2]!);
      expect(mee / mZD).toBeCloseTo(1, 4);
      expect(r.vz[0]!).toBeGreaterThanOrEqual(z1 * (1 - 1e-9));
      expect(r.vz[0]!).toBeLessThanOrEqual(z2 * (1 + 1e-9));
      expect(Math.hypot(r.vx[0]!, r.vy[0]!)).toBeLessThanOrEqual(R * (1 + 1e-9));
    }
    const q = primaryDileptonEvents(FIG3_PARAMS, 0.1, U2, setup.detector).total;
    expect(s / q).toBeCloseTo(1, 9);
    expect(worst).toBeLessThan(1e-9);
  });
  it("the sampled e⁺e⁻ energy spectrum follows the quadrature spectrum (χ², 99.9 %)", () => {
    const E = [] as number[], w = [] as number[];
    for (const r of stream.events()) {
      E.push(r.E[1]! + r.E[2]!);
      w.push(r.weights[0]!);
    }
    // 0.01-dex bins (twice the production histogram's 0.005 dex) over the populated range: the surviving Z_D are all at TeV energies
    const lo = Math.floor(Math.log10(Math.min(...E)) * 100) / 100, hi = Math.ceil(Math.log10(Math.max(...E)) * 100) / 100;
    const edges = Array.from({ length: Math.round((hi - lo) * 100) + 1 }, (_, i) => 10 ** (lo + i / 100));
    const q = primaryDileptonEvents(FIG3_PARAMS, 0.1, U2, setup.detector, { edges });
    const h = weightedHistogram(E, w, edges);
    let chi2 = 0, dof = 0;
    h.sum.forEach((x, b) => {
      if (h.error[b]! > 0) {
        chi2 += (x - q.spectrum.total[b]!) ** 2 / h.error[b]! ** 2;
        dof++;
      }
    });
    expect(dof).toBeGreaterThan(10);
    expect(chi2).toBeLessThan(dof + 4.5 * Math.sqrt(2 * dof));
  });
});
