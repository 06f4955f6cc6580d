import { describe, expect, it } from "vitest";
import { tungsten } from "../lib/core/constants";
import { momentum } from "../lib/core/kinematics";
import { dipoleModel, dsigmaDtCoherent } from "../lib/models/dipole";
import { integrate } from "../lib/core/quadrature";
import { seededRandom } from "../lib/core/random";
import { sampleEvents } from "../lib/engine/sampler";
import type { ProductionTable } from "../lib/engine/productionTable";
import { buildEnvelope, densityAt, ENVELOPE_GUIDE, ENVELOPE_PANELS, ENVELOPE_SAFETY, PACK, PACK_STRIDE, PANEL, PANEL_STRIDE, samplerPlan, SQUEEZE_SAFETY } from "../lib/engine/samplerPlan";
import { signatureTable } from "../lib/models/dipole/sampling";
import {
  dipoleChannels,
  dipoleDecayModel,
  dipoleEvents,
  dipoleMassPoint,
  makeSetup,
  sampleDipole,
  selectedWeights,
  tabulateProduction,
  type DipoleSignature,
} from "../lib/signatures";
import { eventsToCsv } from "../lib/engine/io";
import { m } from "../lib/core/units";

/** χ² of observed counts against expected counts (both normalised to the same total). */
function chi2(observed: number[], expected: number[]): number {
  const no = observed.reduce((a, b) => a + b, 0);
  const ne = expected.reduce((a, b) => a + b, 0);
  return observed.reduce((s, o, i) => {
    const e = (expected[i]! * no) / ne;
    return e > 0 ? s + (o - e) ** 2 / e : s;
  }, 0);
}

/** Weighted sum and its standard error for a fixed-N sample: var = Σw² − (Σw)²/N. */
function sumAndError(w: Float64Array): [number, number] {
  let s = 0, s2 = 0;
  for (const x of w) { s += x; s2 += x * x; }
  return [s, Math.sqrt(Math.max(0, s2 - (s * s) / w.length))];
}

const setup = makeSetup("fasernu2-faser2");

describe("the event sampler reproduces the analytic distributions", () => {
  const mN = 0.2;
  const det = setup.detector;
  const narrow = [{ flavour: "nu_mu", edges: [500, 505], counts: [1e6] }];
  const ch = dipoleChannels(mN, tungsten).filter((c) => c.name === "coherent");
  const table = tabulateProduction(mN, narrow, [1], ch, tungsten, det.target.length);
  const model = dipoleModel({ mN, mu: 1e-6, coupling: "universal" });
  const N = 100_000;
  const ev = sampleEvents(seededRandom(11), table, dipoleDecayModel(model), det, { n: N });

  it("t follows dσ/dt: χ² of 20 bins in ln|t| within its 99.9% range (19 dof)", () => {
    const lo = Math.log(1e-9), hi = Math.log(0.05);
    const nb = 20;
    const obs = new Array<number>(nb).fill(0);
    for (const t of ev.t) {
      const k = Math.floor(((Math.log(-t) - lo) / (hi - lo)) * nb);
      if (k >= 0 && k < nb) obs[k]!++;
    }
    const exp = obs.map((_, k) => {
      const a = Math.exp(lo + ((hi - lo) * k) / nb), b = Math.exp(lo + ((hi - lo) * (k + 1)) / nb);
      // marginal over E in [500, 505] (dN/dlnE constant) of dσ/dt, by nested adaptive quadrature
      return integrate(
        (lnE) => integrate((x) => dsigmaDtCoherent(Math.exp(lnE), -x, mN, 1, tungsten), a, b, { relTol: 1e-6 }).value,
        Math.log(500), Math.log(505), { relTol: 1e-6 },
      ).value;
    });
    expect(chi2(obs, exp)).toBeLessThan(43.8);
    expect(ev.stats.envelopeViolations).toBe(0);
  });
  it("photon energies are uniform between (E_N − p)/2 and (E_N + p)/2: χ² of 10 bins in (2E_γ − E_N)/p", () => {
    const obs = new Array<number>(10).fill(0);
    for (let i = 0; i < N; i++) {
      if (ev.decayMode[i] !== "nu gamma") continue;
      const u = (2 * ev.Evis1[i]! - ev.EN[i]!) / momentum(ev.EN[i]!, mN);
      obs[Math.min(9, Math.floor((u + 1) * 5))]!++;
    }
    expect(chi2(obs, new Array(10).fill(1))).toBeLessThan(27.9); // 9 dof, 99.9%
  });
  it("decay points follow the exponential law: (z_d − z_p)/(d cos θ) has mean 1 and variance 1", () => {
    const G = dipoleDecayModel(model).totalWidth;
    let s = 0, s2 = 0;
    for (let i = 0; i < N; i++) {
      const p = Math.hypot(ev.pxN[i]!, ev.pyN[i]!, ev.pzN[i]!);
      const d = p / (mN * G);
      const x = (ev.zDecay[i]! - ev.zProd[i]!) / (d * (ev.pzN[i]! / p));
      s += x; s2 += x * x;
    }
    const mean = s / N, variance = s2 / N - mean * mean;
    expect(Math.abs(mean - 1)).toBeLessThan(5 / Math.sqrt(N));
    expect(Math.abs(variance - 1)).toBeLessThan(0.03);
  });
  it("production points are uniform along the tungsten", () => {
    let s = 0;
    for (const z of ev.zProd) s += z / det.target.length;
    expect(Math.abs(s / N - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / N));
  });
  it("forced decays in the vessel land in [2.2 m, 7.2 m] and their weights sum to N_prod × ⟨P_vessel⟩", () => {
    const evf = sampleEvents(seededRandom(12), table, dipoleDecayModel(model), det, { n: 20_000, forceDecay: "vessel" });
    for (const z of evf.zDecay) {
      expect(z / m).toBeGreaterThanOrEqual(2.2 - 1e-9);
      expect(z / m).toBeLessThanOrEqual(7.2 + 1e-9);
    }
    const [s, err] = sumAndError(evf.weight);
    const G = dipoleDecayModel(model).totalWidth;
    let exact = 0;
    for (let k = 0; k < table.nodes.length; k++) {
      const d = momentum(table.nodes.EN[k]!, mN) / (mN * G);
      const t = det.target.length, x0 = det.vessel.start, D = det.vessel.length;
      exact += table.nodes.weight[k]! * (d / t) * Math.exp(-(x0 - t) / d) * -Math.expm1(-t / d) * -Math.expm1(-D / d);
    }
    expect(Math.abs(s - exact)).toBeLessThan(4 * err + 1e-3 * exact);
  });
});

describe("sampler and quadrature agree on event counts within statistical errors", () => {
  const cases: [number, number, DipoleSignature][] = [
    [0.5, 5e-7, "vessel-photons"],
    [0.5, 5e-7, "vessel-dileptons"],
    [2, 1e-6, "ecc-photons-1tev"],
    [0.1, 1e-6, "electron-scattering"],
  ];
  it.each(cases)("m_N = %s GeV, μ_N = %s GeV⁻¹, %s", (mN, mu, sig) => {
    const point = dipoleMassPoint(mN, "universal", setup);
    const model = dipoleModel({ mN, mu, coupling: "universal" });
    const q = dipoleEvents(point, mu, sig).events;
    const ev = sampleDipole(seededRandom(2024), point, model, sig, 60_000);
    const [s, err] = sumAndError(selectedWeights(ev, point, sig));
    expect(Math.abs(s - q)).toBeLessThan(4 * err + 2e-3 * q);
  });
});

describe("reproducibility", () => {
  it("the same seed gives the same bytes; another seed does not", () => {
    const point = dipoleMassPoint(0.5, "universal", setup);
    const model = dipoleModel({ mN: 0.5, mu: 5e-7, coupling: "universal" });
    const a = eventsToCsv(sampleDipole(seededRandom(7), point, model, "vessel-photons", 500));
    const b = eventsToCsv(sampleDipole(seededRandom(7), point, model, "vessel-photons", 500));
    const c = eventsToCsv(sampleDipole(seededRandom(8), point, model, "vessel-photons", 500));
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });
  it("bad input: n must be a positive integer; a decay model of another mass is refused", () => {
    const point = dipoleMassPoint(0.5, "universal", setup);
    const model = dipoleModel({ mN: 0.5, mu: 5e-7, coupling: "universal" });
    expect(() => sampleDipole(seededRandom(1), point, model, "vessel-photons", 0)).toThrow(RangeError);
    expect(() => sampleDipole(seededRandom(1), point, model, "vessel-photons", 1.5)).toThrow(/integer/);
    const other = dipoleModel({ mN: 0.7, mu: 5e-7, coupling: "universal" });
    expect(() => sampleEvents(seededRandom(1), point.production, dipoleDecayModel(other), setup.detector, { n: 10 })).toThrow(/mN/);
  });
});

describe("the rejection envelope (lib/engine/samplerPlan)", () => {
  // the envelope is ENVELOPE_SAFETY × the largest density at 5 |t| points × 3 energies per panel; a dense
  // scan (24 ln|t| points per panel × 13 energies, every 11th cell) must stay below 1/1.05 of it, and the mean acceptance above 0.65
  const cases: [number, DipoleSignature][] = [[0.05, "vessel-photons"], [0.5, "vessel-photons"], [2, "vessel-photons"], [2, "ecc-photons-1tev"], [0.1, "electron-scattering"]];
  /** Every 11th cell that can be drawn (weight > 0), its envelope built: visit(plan, cell index, cell, L0, h). */
  const scanCells = (mN: number, sig: DipoleSignature, visit: (plan: ReturnType<typeof samplerPlan>, ci: number, c: ProductionTable["cells"][number], L0: number, h: number) => void) => {
    const table = signatureTable(dipoleMassPoint(mN, "universal", setup), sig);
    const plan = samplerPlan(table);
    for (let ci = 0; ci < table.cells.length; ci += 11) {
      const c = table.cells[ci]!;
      if (!(c.weight > 0)) continue; // never drawn
      if (plan.envBuilt[ci] === 0) buildEnvelope(plan, ci);
      visit(plan, ci, c, plan.envL0[ci]!, plan.envH[ci]!);
    }
  };
  it.each(cases)("m_N = %s GeV, %s: density/envelope < 1/1.05 on a dense grid, acceptance > 0.65", (mN, sig) => {
    let worst = 0, acc = 0, wsum = 0;
    scanCells(mN, sig, (plan, ci, c, L0, h) => {
      let integral = 0;
      for (let p = 0; p < ENVELOPE_PANELS; p++) {
        const env = plan.env[ci * ENVELOPE_PANELS + p]!;
        for (let q = 0; q < 24; q++) {
          const L = L0 + (p + (q + 0.5) / 24) * h;
          for (let j = 0; j <= 12; j++) {
            const E = Math.exp(c.lnELo + ((c.lnEHi - c.lnELo) * j) / 12);
            const g = densityAt(plan, c.channel, mN, mN ** 4, E, -Math.exp(L));
            worst = Math.max(worst, env > 0 ? g / env : g > 0 ? Infinity : 0); // density in a zero panel would never be drawn
            integral += (g * h) / 24 / 13;
          }
        }
      }
      acc += (c.weight * integral) / plan.envTotal[ci]!;
      wsum += c.weight;
    });
    expect(worst).toBeGreaterThan(0.5 / ENVELOPE_SAFETY); // the scan reaches the peaks
    expect(worst).toBeLessThan(1 / 1.05);
    expect(acc / wsum).toBeGreaterThan(0.65);
  });

  // the squeeze (lower bound of the density, SQUEEZE_SAFETY below the smallest sampled density of a
  // panel) must stay below the density everywhere, with a margin, on the same dense grid; and it
  // must decide most draws (the fraction of the envelope's area under it, weighted by the cells' rates)
  it.each(cases)("m_N = %s GeV, %s: squeeze ≤ density/1.05 on a dense grid, and it covers over half of the envelope", (mN, sig) => {
    let worst = 0, covered = 0, wsum = 0;
    scanCells(mN, sig, (plan, ci, c, L0, h) => {
      let area = 0;
      for (let p = 0; p < ENVELOPE_PANELS; p++) {
        const env = plan.env[ci * ENVELOPE_PANELS + p]!, lower = plan.squeeze[ci * ENVELOPE_PANELS + p]! * env;
        area += lower * h;
        if (!(lower > 0)) continue;
        for (let q = 0; q <= 24; q++) {
          const L = L0 + (p + q / 24) * h;
          for (let j = 0; j <= 12; j++) {
            const E = Math.exp(c.lnELo + ((c.lnEHi - c.lnELo) * j) / 12);
            worst = Math.max(worst, lower / densityAt(plan, c.channel, mN, mN ** 4, E, -Math.exp(L)));
          }
        }
      }
      covered += (c.weight * area) / plan.envTotal[ci]!;
      wsum += c.weight;
    });
    expect(worst).toBeGreaterThan(0.5 / SQUEEZE_SAFETY); // the scan reaches the panels' minima
    expect(worst).toBeLessThan(1 / 1.05);
    expect(covered / wsum).toBeGreaterThan(0.5);
  });

  it("the packed cells the draw reads hold the envelope's numbers: header, guide (first panel past b·total/ENVELOPE_GUIDE), panels (cum below, cum, height, squeeze)", () => {
    const point = dipoleMassPoint(0.5, "universal", setup);
    sampleDipole(seededRandom(4), point, dipoleModel({ mN: 0.5, mu: 5e-7, coupling: "universal" }), "vessel-photons", 2000);
    const plan = samplerPlan(signatureTable(point, "vessel-photons"));
    const P = ENVELOPE_PANELS, pk = plan.packed;
    let built = 0;
    for (let ci = 0; ci < plan.envBuilt.length; ci++) {
      if (plan.envBuilt[ci] === 0) continue;
      built++;
      const o = ci * PACK_STRIDE, total = plan.envTotal[ci]!;
      expect([pk[o + PACK.envL0], pk[o + PACK.envH], pk[o + PACK.envTotal], pk[o + PACK.envGuideScale]]).toEqual([plan.envL0[ci], plan.envH[ci], total, ENVELOPE_GUIDE / total]);
      expect(pk[o + PACK.lnELo]).toBe(plan.lnELo[ci]);
      for (let p = 0; p < P; p++) {
        const q = o + PACK.panels + p * PANEL_STRIDE, cum = plan.envCum;
        expect([pk[q + PANEL.below], pk[q + PANEL.cum], pk[q + PANEL.env], pk[q + PANEL.squeeze]]).toEqual([p > 0 ? cum[ci * P + p - 1] : 0, cum[ci * P + p], plan.env[ci * P + p], plan.squeeze[ci * P + p]]);
      }
      for (let b = 0; b < ENVELOPE_GUIDE; b++) {
        let first = 0;
        while (first < P - 1 && plan.envCum[ci * P + first]! <= (b * total) / ENVELOPE_GUIDE) first++;
        expect(plan.packedBytes[8 * (o + PACK.guide) + b]).toBe(first);
      }
    }
    expect(built).toBeGreaterThan(100);
  });

  it("the squeeze changes no event: the same draws as the plain rejection (squeeze removed)", () => {
    const point = dipoleMassPoint(0.5, "universal", setup);
    const model = dipoleModel({ mN: 0.5, mu: 5e-7, coupling: "universal" });
    const a = sampleDipole(seededRandom(9), point, model, "vessel-photons", 20000);
    const plan = samplerPlan(signatureTable(point, "vessel-photons"));
    const saved = plan.packed.slice();
    try {
      // zero squeeze ratios: every draw evaluates the density (the algorithm before the squeeze)
      for (let ci = 0; ci < plan.envBuilt.length; ci++) for (let p = 0; p < ENVELOPE_PANELS; p++) plan.packed[ci * PACK_STRIDE + PACK.panels + p * PANEL_STRIDE + PANEL.squeeze] = 0;
      const b = sampleDipole(seededRandom(9), point, model, "vessel-photons", 20000);
      expect(Array.from(b.t)).toEqual(Array.from(a.t));
      expect(Array.from(b.Enu)).toEqual(Array.from(a.Enu));
      expect(Array.from(b.zDecay)).toEqual(Array.from(a.zDecay));
    } finally {
      plan.packed.set(saved);
    }
  });
});
