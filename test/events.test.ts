/**
 * lib/events: full final states. Four-momentum conservation at every vertex, the N mass,
 * rest-frame isotropy of N → νγ through the boosts, the photon spectrum against the
 * quadrature (χ²), the weight sums against the quadrature event counts, and determinism.
 */
import { describe, expect, it } from "vitest";
import { dipoleModel } from "../lib/models/dipole";
import { dipoleEvents, dipoleMassPoint, makeSetup, type DipoleSignature } from "../lib/signatures";
import { dipolePhotonOrRecoilSpectrum, logEdges } from "../lib/models/dipole/spectrum";
import { dipoleEventStream, PDG, STATUS } from "../lib/events";
import { mm } from "../lib/core/units";

const setup = makeSetup("fasernu2-faser2");
const mN = 0.5, mu = 5e-7;
const point = dipoleMassPoint(mN, "universal", setup);
const model = dipoleModel({ mN, mu, coupling: "universal" });

describe("dipole events: kinematics of every record", () => {
  for (const sig of ["vessel-photons", "vessel-dileptons", "ecc-photons-1tev", "electron-scattering"] as DipoleSignature[]) {
    it(`${sig}: four-momentum conserved at every vertex (1e-9), N on shell, recoil target on shell, products on shell`, () => {
      const s = dipoleEventStream(point, model, sig, { n: 4000, seed: 17, chunk: 1500 });
      let worst = 0, worstMass = 0, worstRecoil = 0, worstProduct = 0, n = 0;
      for (const r of s.events()) {
        n++;
        worst = Math.max(worst, r.maxImbalance());
        expect(Math.abs(r.pdg[2]!)).toBe(PDG.N);
        expect(r.status[2]).toBe(STATUS.decayed);
        const m2 = (k: number) => (r.E[k]! - Math.hypot(r.px[k]!, r.py[k]!, r.pz[k]!)) * (r.E[k]! + Math.hypot(r.px[k]!, r.py[k]!, r.pz[k]!));
        worstMass = Math.max(worstMass, Math.abs(Math.sqrt(m2(2)) / mN - 1));
        // recoil = p_ν + p_T − p_N: m² is M² up to the rounding of E_ν − p_z,N (relative to E_recoil²)
        worstRecoil = Math.max(worstRecoil, Math.abs(m2(3) - r.m[3]! ** 2) / r.E[3]! ** 2);
        for (let k = 4; k < r.nParticles; k++) {
          worstProduct = Math.max(worstProduct, Math.abs(m2(k) - r.m[k]! ** 2) / r.E[k]! ** 2);
        }
        // the decay vertex lies on the N line of flight
        const d = [r.vx[1]! - r.vx[0]!, r.vy[1]! - r.vy[0]!, r.vz[1]! - r.vz[0]!];
        const L = Math.hypot(...d), p = Math.hypot(r.px[2]!, r.py[2]!, r.pz[2]!);
        if (L > 1) expect(Math.abs((d[0]! * r.px[2]! + d[1]! * r.py[2]! + d[2]! * r.pz[2]!) / (L * p) - 1)).toBeLessThan(1e-9);
      }
      expect(n).toBe(4000);
      expect(worst).toBeLessThan(1e-9);
      expect(worstMass).toBeLessThan(1e-6);
      expect(worstRecoil).toBeLessThan(1e-9);
      // the products are boosted from the N rest frame (γ up to ~10³), which amplifies rounding: 1.7e-12 measured at seed 17
      expect(worstProduct).toBeLessThan(1e-11);
    });
  }
  it("N → νγ is isotropic in the N frame: cos θ* = (2E_γ − E_N)/p_N is uniform (Kolmogorov–Smirnov)", () => {
    const cs: number[] = [];
    for (const r of dipoleEventStream(point, model, "vessel-photons", { n: 20000, seed: 5 }).events()) {
      if (r.mode !== "nu gamma") continue;
      const g = r.pdg[5] === PDG.photon ? 5 : 4;
      const p = Math.hypot(r.px[2]!, r.py[2]!, r.pz[2]!);
      cs.push((2 * r.E[g]! - r.E[2]!) / p);
    }
    cs.sort((a, b) => a - b);
    let D = 0;
    cs.forEach((c, i) => (D = Math.max(D, Math.abs((c + 1) / 2 - (i + 1) / cs.length), Math.abs((c + 1) / 2 - i / cs.length))));
    // 1 % critical value 1.63/√n
    expect(D).toBeLessThan(1.63 / Math.sqrt(cs.length));
  });
});

describe("dipole events: weights against the quadrature", () => {
  for (const sig of ["vessel-photons", "vessel-dileptons", "ecc-photons-1tev"] as DipoleSignature[]) {
    it(`${sig}: Σ weight agrees with dipoleEvents within 4σ`, () => {
      let sw = 0, sw2 = 0;
      for (const r of dipoleEventStream(point, model, sig, { n: 60000, seed: 23 }).events()) {
        sw += r.weights[0]!;
        sw2 += r.weights[0]! ** 2;
      }
      const ref = dipoleEvents(point, mu, sig).events;
      const sigma = Math.sqrt(sw2 - (sw * sw) / 60000);
      expect(Math.abs(sw - ref)).toBeLessThan(4 * sigma);
      expect(sigma / ref).toBeLessThan(0.1); // the test has power
    });
  }
  it("vessel-photons: the selected photon-energy spectrum matches the quadrature spectrum (χ² per bin)", () => {
    const edges = logEdges(100, 1e4, 12);
    const q = dipolePhotonOrRecoilSpectrum(point, mu, "vessel-photons", edges).events;
    const h = new Array<number>(12).fill(0), h2 = new Array<number>(12).fill(0);
    const n = 80000;
    for (const r of dipoleEventStream(point, model, "vessel-photons", { n, seed: 31 }).events()) {
      if (r.weights[0]! === 0) continue;
      const g = r.pdg[5] === PDG.photon ? 5 : 4;
      const b = Math.floor((Math.log(r.E[g]! / 100) / Math.log(100)) * 12);
      if (b < 0 || b >= 12) continue;
      h[b]! += r.weights[0]!;
      h2[b]! += r.weights[0]! ** 2;
    }
    let chi2 = 0, dof = 0;
    for (let b = 0; b < 12; b++) {
      if (h2[b]! === 0) continue;
      chi2 += (h[b]! - q[b]!) ** 2 / h2[b]!;
      dof++;
    }
    expect(dof).toBeGreaterThan(8);
    // χ² 99.9 % quantile for ≤ 12 degrees of freedom is 32.9
    expect(chi2).toBeLessThan(32.9);
  });
  it("vessel-photons: decay positions along the vessel match the quadrature in five slices (χ²; each slice = a vessel of that length)", () => {
    const det = setup.detector;
    const n = 60000;
    const edges = Array.from({ length: 6 }, (_, k) => det.vessel.start + (k * det.vessel.length) / 5);
    const h = new Array<number>(5).fill(0), h2 = new Array<number>(5).fill(0);
    for (const r of dipoleEventStream(point, model, "vessel-photons", { n, seed: 41 }).events()) {
      if (r.weights[0]! === 0) continue;
      const z = r.vz[1]! * mm; // mm → GeV⁻¹
      const k = Math.min(4, Math.floor(((z - det.vessel.start) / det.vessel.length) * 5));
      h[k]! += r.weights[0]!;
      h2[k]! += r.weights[0]! ** 2;
    }
    let chi2 = 0;
    for (let k = 0; k < 5; k++) {
      const slice = { ...setup, detector: { ...det, vessel: { ...det.vessel, start: edges[k]!, length: edges[k + 1]! - edges[k]! } } };
      const q = dipoleEvents(dipoleMassPoint(mN, "universal", slice), mu, "vessel-photons").events;
      chi2 += (h[k]! - q) ** 2 / h2[k]!;
    }
    // 99.9 % quantile of χ² with 5 degrees of freedom: 20.5
    expect(chi2).toBeLessThan(20.5);
  });
  it("the weight components multiply: weight_unselected = production × decay_probability; weight = weight_unselected × selection", () => {
    for (const r of dipoleEventStream(point, model, "vessel-photons", { n: 500, seed: 2 }).events()) {
      const [w, wu, prod, dp, sel] = r.weights;
      expect(Math.abs(wu! - prod! * dp!)).toBeLessThanOrEqual(1e-12 * wu!);
      expect(w).toBe(wu! * sel!);
    }
  });
});
