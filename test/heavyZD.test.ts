import { describe, expect, it } from "vitest";
import { alpha, G_F, m_Ds, m_e, m_pi, m_tau, nucleusDensity, sin2ThetaW } from "../lib/core/constants";
import { twoBodyMomentum } from "../lib/core/kinematics";
import { integrate } from "../lib/core/quadrature";
import * as db from "../lib/models/darkBoson";
import {
  dsToTauNFactor,
  mixingFactor,
  pseudoscalarToLeptonNFactor,
  TAU_CHANNELS,
  tauLeptonicNFactor,
  tauToNFactor,
  tauToPseudoscalarNFactor,
  tauToVectorNFactor,
} from "../lib/ip/mixing";
import { charm2Detector, charm2Electrons, CHARM2_DEFAULTS, readCharm2MesonSpectrum } from "../lib/ip/charm2";
import { heavyZDMassPoint, U2_REF } from "../lib/models/darkBoson/fig4/heavyZD";
import { decayAngularWeight, type DetectorFace, nOnDetectorFaceMC, nSpectrumThroughFace, squareRingFraction, zdAngularHistogram, type ZDAngularHistogram, zdConeForFace } from "../lib/models/darkBoson/fig4/acceptance";
import { seededRandom } from "../lib/core/random";
import { m as metre } from "../lib/core/units";
import path from "node:path";
import { heavyZDNWidths, smWidthNuLL, visibleFractionNuEE } from "../lib/models/darkBoson/fig4/decays";
import { elasticRecoilCosTheta, elasticTAtAngle, elasticTMax, elasticRecoilWindows, sigmaNElectronInBoxes } from "../lib/models/darkBoson/fig4/electron";
import { fasernu2ElectronCutsNoAngle } from "../lib/detector/electronCuts";
import { makeSetup } from "../lib/engine/setup";
import { tabulateProduction } from "../lib/engine/productionTable";
import { heavyZDUpscatteringChannels } from "../lib/models/darkBoson/fig4/heavyZD";
import { electronDensity, tungsten } from "../lib/core/constants";
import { nSpectrumFromMixing } from "../lib/ip/mixing";

/** The package's data/hadrons (the 450 GeV Pythia tables; copied there from the reference data, never committed). */
const HADRONS = path.resolve(__dirname, "../data/hadrons");

describe("N from ν_τ mixing: helicity and phase-space factors (Ref. [79], lib/ip/mixing.ts)", () => {
  it("every factor tends to 1 for a massless N, and the τ channels' BRs sum to 1", () => {
    expect(dsToTauNFactor(1e-9)).toBeCloseTo(1, 9);
    expect(tauToNFactor(1e-9)).toBeCloseTo(1, 9);
    expect(tauLeptonicNFactor(0)).toBe(1);
    expect(TAU_CHANNELS.reduce((s, c) => s + c.br, 0)).toBeCloseTo(1, 12);
    expect(mixingFactor(1e-9)).toBeCloseTo(1, 9);
  });

  it("D_s → τN equals p*(m_N)[M²(m_τ² + m_N²) − (m_τ² − m_N²)²]/(p*(0) M² m_τ²(1 − m_τ²/M²)) from the V−A amplitude", () => {
    // independent route: Γ ∝ p* |M|²/M², Σ|M|² ∝ M²(m_ℓ² + m_N²) − (m_ℓ² − m_N²)² for P → ℓ N through f_P p^μ
    for (const mN of [0.01, 0.05, 0.1, 0.15, 0.19]) {
      const amp = (mn: number) => twoBodyMomentum(m_Ds, m_tau, mn) * (m_Ds ** 2 * (m_tau ** 2 + mn ** 2) - (m_tau ** 2 - mn ** 2) ** 2);
      expect(pseudoscalarToLeptonNFactor(m_Ds, m_tau, mN)).toBeCloseTo(amp(mN) / amp(0), 10);
    }
  });

  it("D_s → τN: near the τ threshold phase space beats the helicity gain (K_Ds < 1), slope as derived; closes at m_Ds − m_τ = 0.191 GeV", () => {
    expect(dsToTauNFactor(0.1)).toBeLessThan(1);
    expect(dsToTauNFactor(m_Ds - m_tau + 1e-6)).toBe(0);
    // slope in x_N = m_N²/M²: dK/dx_N = (1 + 2x)/(x(1 − x)) − (1 + x)/(1 − x)² at x = m_τ²/M² (hand expansion)
    const x = (m_tau / m_Ds) ** 2;
    const slope = (1 + 2 * x) / (x * (1 - x)) - (1 + x) / (1 - x) ** 2;
    const mN = 0.003;
    expect((dsToTauNFactor(mN) - 1) / (mN / m_Ds) ** 2 / slope).toBeCloseTo(1, 3);
  });

  it("τ → N ℓ ν̄: f(x) = 1 − 8x + 8x³ − x⁴ − 12x² ln x equals the normalised phase-space integral of the massive-ν muon-decay spectrum", () => {
    // independent route: τ → N W*(q²), W* → ℓν̄ (contact): dΓ/dq² = Γ(τ → N V_q) √q² Γ(V_q → ℓν)/π ∝
    // (1/q²)[(1 − x)² + y(1 + x) − 2y²]λ^{1/2}(1, x, y) × q², y = q²/m_τ², x = m_N²/m_τ²
    const f = (x: number) =>
      integrate((y) => Math.sqrt(Math.max(0, (1 - x - y) ** 2 - 4 * x * y)) * ((1 - x) ** 2 + y * (1 + x) - 2 * y * y), 0, (1 - Math.sqrt(x)) ** 2, { relTol: 1e-10 }).value;
    const f0 = f(0);
    for (const mN of [0.3, 0.8, 1.4]) {
      const x = (mN / m_tau) ** 2;
      expect(tauLeptonicNFactor(mN)).toBeCloseTo(f(x) / f0, 6);
    }
  });

  it("τ → Nπ and τ → Nρ close at m_τ − m_meson and are ≤ 1 for the π (phase space only)", () => {
    expect(tauToPseudoscalarNFactor(m_pi, m_tau - m_pi + 1e-6)).toBe(0);
    expect(tauToVectorNFactor(0.77526, m_tau - 0.77526 + 1e-6)).toBe(0);
    expect(tauToPseudoscalarNFactor(m_pi, 0.5)).toBeLessThan(1);
    expect(tauToPseudoscalarNFactor(m_pi, 1e-9)).toBeCloseTo(1, 9);
    expect(tauToVectorNFactor(0.77526, 1e-9)).toBeCloseTo(1, 9);
  });
});

describe("N decays of the heavy-Z_D scenario (lib/models/darkBoson/fig4/decays.ts)", () => {
  it("SM Γ(N → ν_τ e⁺e⁻) → C₁ G_F² m_N⁵ U2/(192π³) for m_N ≫ m_e, C₁ = ¼(1 − 4s² + 8s⁴) (the Z couplings g_L² + g_R² of e)", () => {
    const C1 = 0.25 * (1 - 4 * sin2ThetaW + 8 * sin2ThetaW ** 2);
    const mN = 1;
    expect(smWidthNuLL(mN, 1e-3, m_e) / ((C1 * G_F ** 2 * mN ** 5 * 1e-3) / (192 * Math.PI ** 3))).toBeCloseTo(1, 4);
  });

  it("the Z_D-mediated width dominates at small m_N and the SM one at large m_N; their ratio grows as m_N⁴ (Γ_ZD ∝ m_N⁵/m_ZD⁴ ∝ m_N)", () => {
    const r = (mN: number) => {
      const w = heavyZDNWidths(db.fig4Benchmark(mN, 1e-6));
      return w.smNuee / w.zdNuee;
    };
    expect(r(0.05)).toBeLessThan(1e-3);
    expect(r(1)).toBeGreaterThan(1e-2);
    expect(r(0.2) / r(0.1)).toBeCloseTo(16, 0);
  });

  it("the visible-energy fraction of N → νe⁺e⁻ is 0 at E_N ≤ E_cut, rises monotonically and → 1 for E_N ≫ E_cut", () => {
    const m = db.fig4Benchmark(0.1, 1e-6);
    expect(visibleFractionNuEE(m, 100, 100)).toBe(0);
    const fs = [110, 150, 300, 1000, 1e5].map((E) => visibleFractionNuEE(m, E, 100));
    for (let i = 1; i < fs.length; i++) expect(fs[i]!).toBeGreaterThan(fs[i - 1]!);
    expect(fs[fs.length - 1]!).toBeGreaterThan(0.99);
    // E_N = 2 E_cut: need E_ν < E_N/2; for β → 1, E_ν/E_N is uniform on [0, 2E*/m_N] with E* < m_N/2,
    // so P = ⟨min(1, m_N/(4E*))⟩ > ½
    expect(visibleFractionNuEE(m, 200, 100)).toBeGreaterThan(0.5);
  });
});

describe("elastic N e → N e with recoil cuts (lib/models/darkBoson/fig4/electron.ts)", () => {
  const m = db.fig4Benchmark(0.5, 1e-6);

  it("θ(T) is inverted exactly by T(θ), and θ = 0 at T_max", () => {
    const E = 300;
    for (const T of [0.5, 3, 15]) {
      const th = Math.acos(elasticRecoilCosTheta(E, T, m.mN));
      expect(elasticTAtAngle(E, m.mN, th) / T).toBeCloseTo(1, 8);
    }
    expect(elasticRecoilCosTheta(E, elasticTMax(E, m.mN), m.mN)).toBeCloseTo(1, 10);
  });

  it("T_max = 2m_e p²/(s) agrees with the physical t range of the model (t_min = −4m_e² p²/s)", () => {
    const E = 300;
    const r = db.tRangeNElectron(E, m.mN);
    expect(elasticTMax(E, m.mN) / (-r.tMin / (2 * m_e))).toBeCloseTo(1, 10);
  });

  it("in the contact, high-energy limit σ inside 0.3 < E_e < 20 GeV → α ε² g_D² 2m_e ΔT/m_ZD⁴ (dσ/dt → αε²g_D²/(m_ZD² − t)², ERRATA E7)", () => {
    const E = 5000;
    const win = elasticRecoilWindows(E, m.mN, fasernu2ElectronCutsNoAngle);
    expect(win.length).toBe(1);
    const [a, b] = win[0]!;
    expect(a).toBeCloseTo(0.3 - m_e, 12);
    expect(b).toBeCloseTo(20 - m_e, 12);
    const approx = (alpha * m.eps ** 2 * m.gD ** 2 * 2 * m_e * (b - a)) / m.mZD ** 4;
    expect(sigmaNElectronInBoxes(m, E, fasernu2ElectronCutsNoAngle) / approx).toBeCloseTo(1, 2);
  });
});

describe("N from Z_D → N N̄ through a detector face (lib/models/darkBoson/fig4/acceptance.ts)", () => {
  const mZD = 0.32, mN = 0.04;
  const square: DetectorFace = { shape: "square", halfWidth: 0.25 * metre, distance: 480 * metre };
  /** A synthetic Z_D sample: rings θ_k (uniform 2D density up to θmax) at one energy E. */
  const rings = (E: number, thetaMax: number, n = 4000): ZDAngularHistogram => ({
    mZD,
    energy: new Float64Array(n).fill(E),
    theta: Float64Array.from({ length: n }, (_, k) => (thetaMax * (k + 0.5)) / n),
    count: Float64Array.from({ length: n }, (_, k) => (2 * (k + 0.5)) / (n * n)), // Σ = 1, ∝ θ dθ
    thetaMax,
  });

  it("the square's ring fraction is continuous (1 at ρ = 1, 0 at √2) and integrates to the square's area: ∫ f(ρ) 2πρ dρ = 4", () => {
    expect(squareRingFraction(1)).toBe(1);
    expect(squareRingFraction(1 + 1e-12)).toBeCloseTo(1, 5);
    expect(squareRingFraction(Math.SQRT2 - 1e-12)).toBeCloseTo(0, 5);
    expect(integrate((r) => squareRingFraction(r) * 2 * Math.PI * r, 0, 1.5, { relTol: 1e-10 }).value / 4).toBeCloseTo(1, 8);
  });

  it("the rest-frame densities are normalised and the unpolarised one is (2 × transverse + longitudinal)/3", () => {
    const r = (4 * mN * mN) / (mZD * mZD);
    for (const pol of ["unpolarised", "transverse", "longitudinal"] as const) {
      expect(integrate((c) => decayAngularWeight(pol, c, r) / 2, -1, 1).value).toBeCloseTo(1, 10);
    }
    // every helicity has the same width, so the normalised densities average with weights 2 : 1
    for (const c of [-0.7, 0, 0.3, 1]) {
      const mix = (2 * decayAngularWeight("transverse", c, r) + decayAngularWeight("longitudinal", c, r)) / 3;
      expect(mix).toBeCloseTo(1, 12);
    }
  });

  it("a face much wider than every N direction accepts 2 BR N per Z_D with ⟨E_N⟩ = E_Z/2", () => {
    const zd = rings(800, 1e-3, 50);
    const wide: DetectorFace = { shape: "square", halfWidth: 100 * metre, distance: 480 * metre };
    const s = nSpectrumThroughFace(zd, mN, 0.9, wide);
    const n = s.count.reduce((a, b) => a + b, 0);
    const nE = s.energy.reduce((a, E, i) => a + E * s.count[i]!, 0);
    expect(n / (2 * 0.9)).toBeCloseTo(1, 10);
    expect(nE / n / 400).toBeCloseTo(1, 4);
  });

  it("collinear limit (m_ZD/E → 0): a uniform Z_D density is accepted in proportion to the area, the square as its equal-area disc", () => {
    const A = 0.25 / 480, thetaMax = 2 * A;
    const zd = rings(1e8, thetaMax); // opening angle ~ m_ZD/E = 3e-9 ≪ A
    const total = (f: DetectorFace) => nSpectrumThroughFace(zd, mN, 1, f).count.reduce((a, b) => a + b, 0);
    const expected = (2 * 4 * A * A) / (Math.PI * thetaMax * thetaMax);
    expect(total(square) / expected).toBeCloseTo(1, 3);
    const disc: DetectorFace = { shape: "disc", radius: (0.5 * metre) / Math.sqrt(Math.PI), distance: 480 * metre };
    expect(total(disc) / expected).toBeCloseTo(1, 3);
  });

  it("integration over the N direction agrees with a seeded 3-vector Monte Carlo (square and disc, two polarisations; 4σ and 1%)", () => {
    // Z_D at 100–3000 GeV spread over 2 mrad: opening angles m_ZD/E ~ 0.1–3 mrad straddle the 0.52 mrad face
    const n = 60;
    const zd: ZDAngularHistogram = {
      mZD,
      energy: Float64Array.from({ length: n }, (_, k) => 100 * 30 ** ((k % 10) / 9)),
      theta: Float64Array.from({ length: n }, (_, k) => 2e-3 * ((Math.floor(k / 10) + 0.5) / 6) ** 1.5),
      count: Float64Array.from({ length: n }, (_, k) => 1 + (k % 7)),
      thetaMax: 2e-3,
    };
    const g = (E: number) => Math.sqrt(E);
    const disc: DetectorFace = { shape: "disc", radius: 0.4 * metre, distance: 480 * metre };
    const rng = seededRandom(20111);
    for (const [face, pol] of [[square, "unpolarised"], [disc, "transverse"]] as const) {
      const s = nSpectrumThroughFace(zd, mN, 1, face, { polarisation: pol, cosNodes: 48, phiNodes: 48 });
      const quad = s.energy.reduce((a, E, i) => a + s.count[i]! * g(E), 0);
      const mc = nOnDetectorFaceMC(zd, mN, 1, face, g, rng, 400_000, { polarisation: pol });
      expect(Math.abs(quad - mc.value)).toBeLessThan(4 * mc.error);
      expect(Math.abs(quad / mc.value - 1)).toBeLessThan(0.01);
    }
  });

  it("on the real FASERν2 Z_D sample (m_N = 0.04 GeV), doubling the θ cells, the φ*/cos θ* nodes or lowering E_N,min from 10 to 3 GeV moves Σ N σ-like weight by < 0.5%", () => {
    const m = db.fig4Benchmark(mN, 1e-6);
    const lumi = makeSetup("fasernu2-faser2").detector.luminosity;
    const mq = { subdivisions: 2, cosNodes: 12, phiNodes: 12 };
    const hist = (eKeep: number, thetaBins: number) => zdAngularHistogram(m.mZD, m.eps, lumi, zdConeForFace(square, m.mZD, mN, eKeep), 0.25 / 480, eKeep, { mesonQuadrature: mq, thetaBins });
    const weigh = (h: ZDAngularHistogram, eKeep: number, nodes: number) => {
      const s = nSpectrumThroughFace(h, mN, 1, square, { energyMin: eKeep, cosNodes: nodes, phiNodes: nodes });
      return s.energy.reduce((a, E, i) => a + s.count[i]! * Math.min(1, E / 200), 0); // σ(E) rises then saturates
    };
    const h = hist(10, 48);
    const base = weigh(h, 10, 24);
    expect(Math.abs(weigh(h, 10, 48) / base - 1)).toBeLessThan(0.005);
    expect(Math.abs(weigh(hist(10, 96), 10, 24) / base - 1)).toBeLessThan(0.005);
    expect(Math.abs(weigh(hist(3, 48), 3, 24) / base - 1)).toBeLessThan(0.005);
  });
});

describe("heavy-Z_D signatures at a mass point (fig4Benchmark)", () => {
  const setup = makeSetup("fasernu2-faser2");

  it("for m_N → 0, N e → N e with N from mixing equals ν_τ e → N e (same vector exchange, K → 1)", () => {
    const p = heavyZDMassPoint(db.fig4Benchmark(0.005, 1e-6), setup, { signatures: ["inelastic", "mixing-elastic"] });
    expect(p.events("mixing-elastic", 1e-8) / p.events("inelastic", 1e-8)).toBeCloseTo(1, 1);
  });

  it("mixing and up-scattering vessel counts grow as U2² for a long-lived N (production ∝ U2, decay probability ∝ U2)", () => {
    const p = heavyZDMassPoint(db.fig4Benchmark(0.1, 1e-6), setup, { signatures: ["mixing-vessel", "upscattering"] });
    for (const s of ["mixing-vessel", "upscattering"] as const) {
      expect(p.events(s, 2e-9) / p.events(s, 1e-9)).toBeCloseTo(4, 3);
    }
    // and a short-lived N never reaches the vessel
    expect(p.events("mixing-vessel", 0.99)).toBeLessThan(p.events("mixing-vessel", 1e-2));
  });

  it("inelastic ν_τ e → N e is exactly linear in U2 (no decay required)", () => {
    const p = heavyZDMassPoint(db.fig4Benchmark(0.05, 1e-6), setup, { signatures: ["inelastic"] });
    expect(p.events("inelastic", 3e-4) / p.events("inelastic", 1e-4)).toBeCloseTo(3, 12);
    expect(p.inelasticPerU2!.noAngle).toBeGreaterThan(p.inelasticPerU2!.angle);
  });

  it("the scaling with g_D² U2 αε²/m_ZD⁴ holds for ν_τ e → N e while |t| ≪ m_ZD² (§3.2 of the paper)", () => {
    const a = heavyZDMassPoint(db.darkBosonModel({ mN: 0.05, mZD: 2, gD: 1, eps: 1e-3, U2: 1e-6, flavour: "tau" }), setup, { signatures: ["inelastic"] });
    const b = heavyZDMassPoint(db.darkBosonModel({ mN: 0.05, mZD: 4, gD: 2, eps: 2e-3, U2: 1e-6, flavour: "tau" }), setup, { signatures: ["inelastic"] });
    // |t| ≤ 2 m_e × 20 GeV = 0.02 GeV²: the propagators differ by (1 + 0.02/4)² at most
    expect(a.events("inelastic", 1e-4) / b.events("inelastic", 1e-4)).toBeCloseTo(1, 2);
  });

  it("N e → N e from Z_D decays does not depend on U2 while N survives and vanishes once it decays before FASERν2", () => {
    const p = heavyZDMassPoint(db.fig4Benchmark(0.02, 1e-6), setup, { signatures: ["zd-elastic"] });
    const e0 = p.events("zd-elastic", 0);
    expect(e0).toBeGreaterThan(0);
    expect(p.events("zd-elastic", 1e-10) / e0).toBeCloseTo(1, 6);
    expect(p.events("zd-elastic", 0.999)).toBeLessThan(e0);
  });

  it("a signature that was not computed is an error naming it, never a silent 0", () => {
    const p = heavyZDMassPoint(db.fig4Benchmark(0.05, 1e-6), setup, { signatures: ["inelastic"] });
    expect(() => p.events("zd-elastic", 0)).toThrow(/zd-elastic.*not computed/);
    expect(() => p.events("charm2", 0)).toThrow(/charm2.*not computed.*hadronsDir/);
    expect(() => p.events("upscattering", 1e-6)).toThrow(/upscattering/);
    expect(() => heavyZDMassPoint(db.fig4Benchmark(0.05, 1e-6), setup, { signatures: ["charm2"] })).toThrow(RangeError);
    // "inelastic" left out is not a silent 0 either, and the mass point does not pretend to have its table
    const q = heavyZDMassPoint(db.fig4Benchmark(0.05, 1e-6), setup, { signatures: ["mixing-elastic"] });
    expect(() => q.events("inelastic", 1e-6)).toThrow(/inelastic.*not computed/);
    expect(q.inelasticPerU2).toBeUndefined();
  });

  it("a bad option is a RangeError naming it: an unknown signature asked for, or to be evaluated", () => {
    expect(() => heavyZDMassPoint(db.fig4Benchmark(0.05, 1e-6), setup, { signatures: ["zd-elastik" as never] })).toThrow(/signatures\[\] = "zd-elastik" is not one of/);
    const p = heavyZDMassPoint(db.fig4Benchmark(0.05, 1e-6), setup, { signatures: ["inelastic"] });
    expect(() => p.events("nope" as never, 1e-6)).toThrow(/signature = "nope" is not one of/);
    expect(() => p.events("inelastic", -1)).toThrow(/U2 = -1/);
  });
});

describe("CHARM-II normalisation (lib/ip/charm2.ts)", () => {
  it("574 t of glass (Z/A = 11/20.7) holds 1.837e32 electrons: 5.74e8 g × 6.022e23 × 0.5314", () => {
    expect(charm2Electrons() / 1.8372e32).toBeCloseTo(1, 3);
  });

  it("the 450 GeV π⁰ table times the pseudo-luminosity gives POT × 4.02 π⁰ (file multiplicity per interaction)", () => {
    const s = readCharm2MesonSpectrum(HADRONS, "pi0");
    const n = s.sigma.reduce((a, b) => a + b, 0) * charm2Detector().luminosity;
    expect(n / (CHARM2_DEFAULTS.pot * 4.02172)).toBeCloseTo(1, 4);
  });
});

describe("production modes against independent estimates", () => {
  const setup = makeSetup("fasernu2-faser2");

  it("up-scattering on W: the engine's interactions equal Σ_bins Φ n_W L σ(E) with the adaptive σ_coh + σ_incoh at the bin centres (3%)", () => {
    const model = db.fig4Benchmark(0.02, 1e-6);
    const det = setup.detector;
    const fw = setup.flux.map((s) => (s.flavour === "nu_tau" || s.flavour === "nubar_tau" ? 1 : 0));
    const table = tabulateProduction(model.mN, setup.flux, fw, heavyZDUpscatteringChannels(model, det), tungsten, det.target.length, { mergeFlavours: true });
    let direct = 0;
    setup.flux.forEach((s, f) => {
      if (fw[f] === 0) return;
      s.counts.forEach((c, b) => {
        const E = Math.sqrt(s.edges[b]! * s.edges[b + 1]!);
        const sig = db.sigmaCoherent(model, E, tungsten) + db.sigmaIncoherent(model, E, tungsten);
        direct += c * nucleusDensity(tungsten) * det.target.length * sig;
      });
    });
    expect(table.total / direct).toBeCloseTo(1, 1);
    expect(Math.abs(table.total / direct - 1)).toBeLessThan(0.03);
  });

  it("N e → N e from Z_D decays, Rutherford-like limit: events = Σ N_N(E) n_e L ∫dt αε²g_D²/(m_ZD² − t)² over T ∈ [0.3 GeV, min(20 GeV, T_max)] − m_e, from below (B(t)/8m_e²p² = 1 − T/E + …, 5%)", () => {
    const model = db.fig4Benchmark(0.1, 1e-6);
    const p = heavyZDMassPoint(model, setup, { signatures: ["zd-elastic"] });
    const sp = p.spectra.zdFace!;
    const neL = electronDensity(tungsten) * setup.detector.target.length;
    let est = 0;
    sp.energy.forEach((E, i) => {
      const hi = Math.min(20 - m_e, elasticTMax(E, model.mN));
      const lo = 0.3 - m_e;
      // ∫ dt/(M² − t)² between t = −2m_e T_hi and −2m_e T_lo = 2m_e ΔT/[(M² + 2m_e T_lo)(M² + 2m_e T_hi)]
      const M2 = model.mZD ** 2;
      if (hi > lo) est += sp.count[i]! * neL * (alpha * model.eps ** 2 * model.gD ** 2 * 2 * m_e * (hi - lo)) / ((M2 + 2 * m_e * lo) * (M2 + 2 * m_e * hi));
    });
    const r = p.events("zd-elastic", 0, { angleCuts: false }) / est;
    expect(r).toBeLessThan(1);
    expect(r).toBeGreaterThan(0.95);
  });

  it("nSpectrumFromMixing is K_mix × (ν_τ + ν̄_τ) per bin above m_N", () => {
    const a = { centres: [1, 10, 100], counts: [5, 7, 11] };
    const b = { centres: [1, 10, 100], counts: [1, 2, 3] };
    const s = nSpectrumFromMixing(1.2, [a, b]);
    expect(s.energy).toEqual([10, 100]);
    expect(s.count[1]! / (14 * mixingFactor(1.2))).toBeCloseTo(1, 12);
  });
});

it("N → 3ν via Z_D (∝ g_D⁴U2³, E10 reading) grows as U2² relative to N → νee and overtakes it near U2 ≈ eε/g_D ≈ 3e-4 for the benchmark", () => {
  const r = (U2: number) => {
    const w = heavyZDNWidths(db.fig4Benchmark(0.1, U2));
    return w.zdNununu / w.zdNuee;
  };
  expect(r(1e-4) / r(1e-5)).toBeCloseTo(100, 6);
  expect(r(U2_REF)).toBeLessThan(1e-4);
  expect(r(1e-2)).toBeGreaterThan(1);
});
