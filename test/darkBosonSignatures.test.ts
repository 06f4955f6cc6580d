import { describe, expect, it } from "vitest";

import { darkbosonEvents, darkbosonSpectrum } from "../cli/darkboson";
import { darkbosonElectronEvents } from "../cli/darkbosonElectron";
import { UsageError } from "../cli/options";
import { parseFor } from "../cli/options";
import { m_e, nucleusDensity, tungsten } from "../lib/core/constants";
import { fasernu2Faser2, probVessel } from "../lib/detector/geometry";
import {
  dSigmaDtCoherent,
  dSigmaDtNucleon,
  sigmaCoherent,
  sigmaNucleon,
  sigmaNuElectron,
  widthNToNuZD,
  zdWidths,
} from "../lib/models/darkBoson";
import { integrate } from "../lib/core/quadrature";
import { seededRandom } from "../lib/core/random";
import { m } from "../lib/core/units";
import {
  chainVesselProbability,
  chainWidths,
  darkBosonChannels,
  darkBosonMassPoint,
  darkBosonPoint,
  FIG3_PARAMS,
  lnPanelNodes,
  makeSetup,
  primaryDileptonEvents,
  sampleDarkBosonChain,
  secondaryDileptonEvents,
  secondaryDileptonTotal,
  electronScatteringEvents,
  tabulateProduction,
  zdEnergyRange,
  type BinnedSpectrum,
} from "../lib/signatures";

const det = fasernu2Faser2();
const setup = makeSetup("fasernu2-faser2");
const point01 = darkBosonMassPoint(0.1, setup);

describe("secondary production scales exactly with U2", () => {
  it("dσ/dt(coherent, p, n)/U2 is the same at U2 = 1e-9 and 1e-3, Z exchange included (one factor U per amplitude)", () => {
    for (const [E, t] of [[300, -1e-3], [1000, -0.02], [50, -0.3]] as const) {
      const a = darkBosonPoint(FIG3_PARAMS, 0.5, 1e-9), b = darkBosonPoint(FIG3_PARAMS, 0.5, 1e-3);
      expect(dSigmaDtCoherent(a, E, t, tungsten)).toBeGreaterThan(0); // the ratios below compare non-zero numbers
      expect(dSigmaDtCoherent(b, E, t, tungsten) / 1e-3 / (dSigmaDtCoherent(a, E, t, tungsten) / 1e-9)).toBeCloseTo(1, 12);
      expect(dSigmaDtNucleon(b, E, t, "p") / 1e-3 / (dSigmaDtNucleon(a, E, t, "p") / 1e-9)).toBeCloseTo(1, 12);
      expect(dSigmaDtNucleon(b, E, t, "n") / 1e-3 / (dSigmaDtNucleon(a, E, t, "n") / 1e-9)).toBeCloseTo(1, 12);
    }
  });

  it("Γ(N → νZ_D) is exactly ∝ U2, while Γ(Z_D → νν̄) ∝ U2² (ERRATA E10) makes the Z_D width non-linear", () => {
    const w = (U2: number) => widthNToNuZD(darkBosonPoint(FIG3_PARAMS, 0.3, U2)) / U2;
    expect(w(1e-3) / w(1e-10)).toBeCloseTo(1, 12);
    const z = (U2: number) => zdWidths(darkBosonPoint(FIG3_PARAMS, 0.3, U2));
    expect(z(1e-4).nunu / z(1e-5).nunu).toBeCloseTo(100, 9);
    // νν̄ overtakes ee at U2 = √(2αε²/α_D) = 4e-5 (derivation note §5 of darkBoson.md)
    const x = z(4e-5);
    expect(x.nunu / x.ee).toBeCloseTo(1, 2);
  });

  it("tabulated production per unit U2 equals n_W L N_ν ∫σ(E) d ln E/Δln E from the model's adaptive σ (coherent, p, n)", () => {
    const oneBin: BinnedSpectrum[] = [{ flavour: "nu_mu", edges: [300, 400], counts: [1e6] }];
    const ch = darkBosonChannels(FIG3_PARAMS, 0.5, tungsten);
    const L = det.target.length;
    const tab = tabulateProduction(0.5, oneBin, [1], ch, tungsten, L);
    const mod = darkBosonPoint(FIG3_PARAMS, 0.5, 1e-6);
    const n = nucleusDensity(tungsten);
    const per = (s: (E: number) => number) =>
      ((1e6 / Math.log(4 / 3)) * n * L * integrate((l) => s(Math.exp(l)), Math.log(300), Math.log(400), { relTol: 1e-8 }).value) / 1e-6;
    const byCh = (name: string) => {
      const c = tab.channels.indexOf(name);
      let s = 0;
      for (let k = 0; k < tab.nodes.length; k++) if (tab.nodes.channel[k] === c) s += tab.nodes.weight[k]!;
      return s;
    };
    expect(byCh("coherent") / per((E) => sigmaCoherent(mod, E, tungsten))).toBeCloseTo(1, 3);
    expect(byCh("proton") / per((E) => tungsten.Z * sigmaNucleon(mod, E, "p"))).toBeCloseTo(1, 3);
    expect(byCh("neutron") / per((E) => (tungsten.A - tungsten.Z) * sigmaNucleon(mod, E, "n"))).toBeCloseTo(1, 3);
  });
});

describe("the two-stage decay N → νZ_D → ν e⁺e⁻ in the vessel", () => {
  const xA = det.vessel.start, xB = det.vessel.start + det.vessel.length, t = det.target.length;
  /** Z_D born at z with decay length b decays in [xA, xB]. */
  const Q = (z: number, b: number) =>
    z < xA ? Math.exp(-(xA - z) / b) - Math.exp(-(xB - z) / b) : z < xB ? 1 - Math.exp(-(xB - z) / b) : 0;
  /** Direct double integral over the production point and the N flight. */
  const direct = (a: number, b: number) =>
    integrate(
      (z0) =>
        integrate((s) => (Math.exp(-s / a) / a) * Q(z0 + s, b), 0, xA - z0, { relTol: 1e-11 }).value +
        integrate((s) => (Math.exp(-s / a) / a) * Q(z0 + s, b), xA - z0, xB - z0, { relTol: 1e-11 }).value,
      0,
      t,
      { relTol: 1e-10 },
    ).value / t;

  it("the closed form [d_N P(d_N) − d_ZD P(d_ZD)]/(d_N − d_ZD) equals the direct double integral", () => {
    for (const [a, b] of [[0.3 * m, 0.8 * m], [2 * m, 0.5 * m], [0.01 * m, 1.5 * m], [5 * m, 20 * m]] as const) {
      expect(chainVesselProbability(det, a, b) / direct(a, b)).toBeCloseTo(1, 8);
    }
  });

  it("is symmetric in (d_N, d_ZD), tends to P_vessel(d_ZD) for a prompt N, and is continuous through d_N = d_ZD", () => {
    expect(chainVesselProbability(det, 0.7 * m, 2 * m)).toBeCloseTo(chainVesselProbability(det, 2 * m, 0.7 * m), 14);
    expect(chainVesselProbability(det, 1e-9 * m, 1 * m) / probVessel(det, 1 * m)).toBeCloseTo(1, 8);
    const b = 1.3 * m;
    const near = chainVesselProbability(det, b * (1 + 5e-5), b); // degenerate branch
    const off = chainVesselProbability(det, b * (1 + 2e-4), b); // closed-form branch
    expect(near / direct(b * (1 + 5e-5), b)).toBeCloseTo(1, 6);
    expect(off / direct(b * (1 + 2e-4), b)).toBeCloseTo(1, 6);
  });

  it("Z_D lab energies: uniform on [γ(E*−βp*), γ(E*+βp*)] with mean γE* and the massless limit E_N(1 ∓ β)/2", () => {
    const [lo, hi] = zdEnergyRange(500, 1, 0.03);
    const eStar = (1 + 0.03 ** 2) / 2;
    expect((lo + hi) / 2).toBeCloseTo((500 / 1) * eStar, 9);
    expect(hi).toBeLessThan(500);
    const [l0, h0] = zdEnergyRange(500, 1, 1e-9);
    const beta = Math.sqrt(1 - 1 / 500 ** 2);
    expect(l0).toBeCloseTo((500 * (1 - beta)) / 2, 9);
    expect(h0).toBeCloseTo((500 * (1 + beta)) / 2, 9);
    expect(() => zdEnergyRange(500, 0.02, 0.03)).toThrow(RangeError);
  });

  it("the ln-panel Gauss rule integrates e^{−c/E} over [100, 3000] GeV to 1e-9", () => {
    const f = (E: number) => Math.exp(-300 / E);
    const q = lnPanelNodes(100, 3000);
    const s = q.E.reduce((acc, E, i) => acc + q.w[i]! * f(E), 0);
    expect(s / integrate(f, 100, 3000, { relTol: 1e-12 }).value).toBeCloseTo(1, 9);
  });

  it("the ln-panel rule rejects lo ≤ 0 and an empty range instead of returning no nodes (a silent zero)", () => {
    expect(() => lnPanelNodes(0, 10)).toThrow(/lo = 0/);
    expect(() => lnPanelNodes(10, 10)).toThrow(/hi = 10 must exceed lo = 10/);
  });
});

describe("secondary e⁺e⁻ events", () => {
  it("quadrature and the chain Monte Carlo agree within 4σ (m_N = 0.1 GeV, U2 = 1e-6; m_N = 35 MeV, U2 = 1e-9 where the N flight matters)", () => {
    for (const [mN, U2] of [[0.1, 1e-6], [0.035, 1e-9]] as const) {
      const p = mN === 0.1 ? point01 : darkBosonMassPoint(mN, setup);
      const q = secondaryDileptonEvents(p, U2).events;
      const ev = sampleDarkBosonChain(seededRandom(11), p, U2, 60000);
      let s = 0, s2 = 0;
      for (const w of ev.weight) {
        s += w;
        s2 += w * w;
      }
      expect(Math.abs(s - q)).toBeLessThan(4 * Math.sqrt(s2));
    }
  });

  it("the N flight is negligible at m_N = 1 GeV, U2 = 1e-8 (< 1e-5) but raises the count by > 30% at m_N = 35 MeV, U2 = 1e-9", () => {
    const p1 = darkBosonMassPoint(1, setup);
    const full = secondaryDileptonEvents(p1, 1e-8).events, prompt = secondaryDileptonEvents(p1, 1e-8, { promptN: true }).events;
    expect(Math.abs(full / prompt - 1)).toBeLessThan(1e-5);
    const p2 = darkBosonMassPoint(0.035, setup);
    const f2 = secondaryDileptonEvents(p2, 1e-9).events, q2 = secondaryDileptonEvents(p2, 1e-9, { promptN: true }).events;
    expect(f2 / q2).toBeGreaterThan(1.3);
  });

  it("events scale as U2 where the N is prompt and Z_D → νν̄ is negligible (m_N = 1 GeV, U2 = 1e-9 → 1e-7)", () => {
    const p1 = darkBosonMassPoint(1, setup);
    const r = secondaryDileptonEvents(p1, 1e-7).events / secondaryDileptonEvents(p1, 1e-9).events;
    expect(r / 100).toBeCloseTo(1, 4);
  });

  it("breakdowns: channels and flavours sum to the total; only ν_μ and ν̄_μ contribute; coherent dominates", () => {
    const r = secondaryDileptonEvents(point01, 1e-6);
    const sc = Object.values(r.byChannel).reduce((a, b) => a + b, 0);
    const sf = Object.values(r.byFlavour).reduce((a, b) => a + b, 0);
    expect(sc / r.events).toBeCloseTo(1, 12);
    expect(sf / r.events).toBeCloseTo(1, 12);
    expect(r.byFlavour.nu_e).toBe(0);
    expect(r.byFlavour.nu_tau).toBe(0);
    expect(r.byChannel.coherent! / r.events).toBeGreaterThan(0.9);
  });

  it("the fast scan path (coarser bins) agrees with the breakdown path to 0.5%", () => {
    for (const U2 of [1e-9, 1e-6, 1e-4]) {
      const a = secondaryDileptonTotal(point01, U2), b = secondaryDileptonEvents(point01, U2).events;
      expect(Math.abs(a / b - 1)).toBeLessThan(5e-3);
    }
  });

  it("the literal (B.8) reading of Z_D → νν̄ (ERRATA E10) kills the e⁺e⁻ signal: BR(ee) ~ 1e-9 and events < 1e-6 of the corrected reading", () => {
    const w = chainWidths(darkBosonPoint(FIG3_PARAMS, 0.1, 1e-6), "literal");
    expect(w.brEE).toBeLessThan(1e-8);
    const lit = secondaryDileptonEvents(point01, 1e-6, { reading: "literal" }).events;
    const cor = secondaryDileptonEvents(point01, 1e-6).events;
    expect(cor).toBeGreaterThan(10);
    expect(lit / cor).toBeLessThan(1e-6);
  });

  it("electron scattering without angle cuts equals n_e L N_ν ∫σ(E; 0.3 GeV < E_e < 20 GeV) d ln E/Δ ln E from the model's σ(ν e → N e)", () => {
    const oneBin: BinnedSpectrum[] = [{ flavour: "nu_mu", edges: [300, 400], counts: [1e6] }];
    const p = darkBosonMassPoint(0.1, { detector: det, flux: oneBin, electronAngleCuts: false });
    const mod = darkBosonPoint(FIG3_PARAMS, 0.1, 1e-6);
    const ne = nucleusDensity(tungsten) * tungsten.Z;
    const win = { Tmin: 0.3 - m_e, Tmax: 20 - m_e };
    const expected =
      (1e6 / Math.log(4 / 3)) * ne * det.target.length *
      integrate((l) => sigmaNuElectron(mod, Math.exp(l), win), Math.log(300), Math.log(400), { relTol: 1e-8 }).value;
    expect(electronScatteringEvents(p, 1e-6).events / expected).toBeCloseTo(1, 3);
  });

  it("electron scattering ν_μ e → N e: exactly ∝ U2, flavours sum to the total, vanishing above the kinematic reach (m_N = 3 GeV)", () => {
    const a = electronScatteringEvents(point01, 1e-6), b = electronScatteringEvents(point01, 1e-4);
    expect(b.events / a.events).toBeCloseTo(100, 9);
    expect(Object.values(a.byFlavour).reduce((x, y) => x + y, 0) / a.events).toBeCloseTo(1, 12);
    expect(electronScatteringEvents(darkBosonMassPoint(3, setup), 1e-6).events).toBe(0);
  });
});

describe("primary Z_D production at the IP", () => {
  it("does not depend on m_N (Z_D → NN̄, νN closed); its U2 dependence is the survival factor e^{−L/d}: δN/N ≈ −(L/d) δΓ/Γ ≈ −1.3% at U2 = 1e-6; ≪ 1 event, E > 3 TeV", () => {
    const a = primaryDileptonEvents(FIG3_PARAMS, 0.1, 1e-9, det);
    const b = primaryDileptonEvents(FIG3_PARAMS, 5, 1e-9, det);
    expect(b.total / a.total).toBeCloseTo(1, 9);
    // Γ(νν̄)/Γ(ee) = α_D U2²/(2αε²) = 6.25e-4 at U2 = 1e-6; L₁/d ≈ 21 at the mean energy ⇒ ≈ 1.3% fewer events
    const c = primaryDileptonEvents(FIG3_PARAMS, 0.1, 1e-6, det);
    expect(1 - c.total / a.total).toBeGreaterThan(0.005);
    expect(1 - c.total / a.total).toBeLessThan(0.03);
    expect(a.total).toBeLessThan(1e-3);
    expect(a.meanEnergy).toBeGreaterThan(3000);
  });
});

describe("CLI nudump events --model darkboson", () => {
  it("reports by_production (secondary + primary = events) with by_channel and by_flavour", () => {
    const r = darkbosonEvents(parseFor("events", ["--model", "darkboson", "--signature", "vessel-dileptons", "--mN", "0.1", "--U2", "1e-6", "--production", "both", "--json"]));
    const j = r.json as { events: number; by_production: { secondary: number; primary: number }; by_channel: Record<string, number> };
    expect(j.by_production.secondary + j.by_production.primary).toBeCloseTo(j.events, 10);
    expect(j.by_production.secondary / secondaryDileptonEvents(point01, 1e-6).events).toBeCloseTo(1, 10);
    expect(Object.keys(j.by_channel)).toEqual(["coherent", "proton", "neutron", "electron"]);
  });

  it("spectrum: per-production histograms whose secondary sum equals the secondary event count above 100 GeV", () => {
    const r = darkbosonSpectrum(parseFor("spectrum", ["--model", "darkboson", "--signature", "vessel-dileptons", "--mN", "0.1", "--U2", "1e-6", "--production", "secondary", "--emax", "3e4", "--json"]));
    const j = r.json as { by_production: { secondary: { total: number; mode_GeV: number } } };
    expect(j.by_production.secondary.total / secondaryDileptonEvents(point01, 1e-6).events).toBeCloseTo(1, 5);
    expect(j.by_production.secondary.mode_GeV).toBeGreaterThan(100);
  });

  it("rejects m_N ≤ m_ZD, a bad --production and U2 ≥ 1 with a UsageError", () => {
    const base = ["--model", "darkboson", "--signature", "vessel-dileptons", "--U2", "1e-6"];
    expect(() => darkbosonEvents(parseFor("events", [...base, "--mN", "0.02"]))).toThrow(UsageError);
    expect(() => darkbosonEvents(parseFor("events", [...base, "--mN", "0.1", "--production", "tertiary"]))).toThrow(UsageError);
    expect(() => darkbosonEvents(parseFor("events", [...base, "--mN", "0.1", "--U2", "2"]))).toThrow(UsageError);
  });

  it("delegates --signature electron-scattering to cli/darkbosonElectron.ts with the parsed values", () => {
    const argv = ["--model", "darkboson", "--signature", "electron-scattering", "--production", "upscattering", "--mN", "0.05", "--U2", "1e-6", "--flavour", "tau"];
    const a = darkbosonEvents(parseFor("events", argv)).json as { events: number };
    const b = darkbosonElectronEvents(parseFor("events", argv)).json as { events: number };
    expect(a.events).toBe(b.events);
    expect(() => darkbosonEvents(parseFor("events", [...argv.slice(0, 4), "--mN", "0.05", "--U2", "1e-6"]))).toThrow(UsageError); // --production required there
  });
});
