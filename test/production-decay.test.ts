import { describe, expect, it } from "vitest";
import { BR_eta_gg, BR_pi0_gg, m_eta, m_pi0 } from "../lib/core/constants";
import {
  type AngleMomentumSpectrum,
  boostDaughter,
  brMesonToGammaZD,
  combineAngles,
  restFrameZD,
  zdFromMesonDecays,
  zdRunsFromMesonDecays,
} from "../lib/ip";
import { gaussLegendre } from "../lib/core/quadrature";
import { seededRandom } from "../lib/core/random";
import { pb } from "../lib/core/units";

/** A one-bin meson spectrum at (log10 θ, log10 p) holding 1 pb. */
function oneBin(lt: number, lp: number): AngleMomentumSpectrum {
  return { source: "one bin", binWidth: 0.05, log10Theta: [lt], log10P: [lp], sigma: [1 * pb] };
}

describe("BR(M → γ Z_D) = 2ε²(1 − m²/M²)³ BR(M → γγ)", () => {
  it("→ 2ε² BR(γγ) as m_ZD → 0", () => {
    expect(brMesonToGammaZD("pi0", 1e-9, 1e-3) / (2e-6 * BR_pi0_gg)).toBeCloseTo(1, 12);
    expect(brMesonToGammaZD("eta", 1e-9, 1e-3) / (2e-6 * BR_eta_gg)).toBeCloseTo(1, 12);
  });
  it("→ 0 as m_ZD → M (cubic: halving M − m divides the BR by ≈ 8) and is exactly 0 at and above M", () => {
    const a = brMesonToGammaZD("pi0", m_pi0 * (1 - 2e-4), 1);
    const b = brMesonToGammaZD("pi0", m_pi0 * (1 - 1e-4), 1);
    expect(a / b).toBeCloseTo(8, 2);
    expect(brMesonToGammaZD("pi0", m_pi0, 1)).toBe(0);
    expect(brMesonToGammaZD("eta", 0.6, 1)).toBe(0);
  });
  it("scales as ε²", () => {
    expect(brMesonToGammaZD("eta", 0.1, 2e-4) / brMesonToGammaZD("eta", 0.1, 1e-4)).toBeCloseTo(4, 12);
  });
  it("bad input is a RangeError", () => {
    expect(() => brMesonToGammaZD("pi0", -1, 1)).toThrow(RangeError);
    expect(() => brMesonToGammaZD("pi0", 0.03, Number.NaN)).toThrow(/eps/);
  });
});

describe("two-body kinematics of M → γ Z_D", () => {
  it("E* + p* = M (energy conservation in the rest frame, massless photon) and E*² − p*² = m²", () => {
    const { eStar, pStar } = restFrameZD(m_eta, 0.2);
    expect(eStar + pStar).toBeCloseTo(m_eta, 14);
    expect(eStar * eStar - pStar * pStar).toBeCloseTo(0.04, 14);
  });
  it("in the lab E(Z_D) + E(γ) = E_M and the transverse momenta balance, for every decay angle", () => {
    const M = m_pi0;
    const m = 0.03;
    const E = 500;
    const { eStar, pStar } = restFrameZD(M, m);
    for (const c of [-1, -0.3, 0, 0.7, 1]) {
      const z = boostDaughter(E, M, eStar, pStar, c);
      const g = boostDaughter(E, M, pStar, pStar, -c); // the photon goes the other way
      expect((z.energy + g.energy) / E).toBeCloseTo(1, 12);
      const pz = Math.sqrt(z.energy ** 2 - m * m);
      expect(pz * Math.sin(z.alpha)).toBeCloseTo(g.energy * Math.sin(g.alpha), 9);
    }
  });
  it("an isotropic rest-frame decay gives a flat lab energy between γ(E* − βp*) and γ(E* + βp*) (seeded MC, χ² test)", () => {
    const M = m_eta;
    const m = 0.1;
    const E = 50;
    const { eStar, pStar } = restFrameZD(M, m);
    const g = E / M;
    const bg = Math.sqrt(E * E - M * M) / M;
    const lo = g * eStar - bg * pStar;
    const hi = g * eStar + bg * pStar;
    const rng = seededRandom(12345);
    const nBins = 20;
    const counts = new Array<number>(nBins).fill(0);
    const n = 200_000;
    let eMin = Infinity;
    let eMax = -Infinity;
    for (let i = 0; i < n; i++) {
      const c = 2 * rng() - 1; // isotropic: cos θ* uniform
      const e = boostDaughter(E, M, eStar, pStar, c).energy;
      eMin = Math.min(eMin, e);
      eMax = Math.max(eMax, e);
      counts[Math.min(nBins - 1, Math.floor(((e - lo) / (hi - lo)) * nBins))]! += 1;
    }
    expect(eMin).toBeGreaterThanOrEqual(lo - 1e-9);
    expect(eMax).toBeLessThanOrEqual(hi + 1e-9);
    expect((eMax - eMin) / (hi - lo)).toBeGreaterThan(0.999);
    const exp = n / nBins;
    const chi2 = counts.reduce((s, k) => s + (k - exp) ** 2 / exp, 0);
    expect(chi2).toBeLessThan(45); // 19 d.o.f.: P(χ² > 45) ≈ 7e-4
  });
  it("combineAngles equals the angle between explicit 3-vectors (its azimuth φ = 0 points towards the beam axis)", () => {
    for (const [tM, a, phi] of [[1e-3, 2e-4, 0.3], [1e-5, 3e-3, 2.0], [0.1, 0.05, 4.0]] as const) {
      const n = [Math.sin(tM), 0, Math.cos(tM)];
      // daughter: rotate (sin a cos φ, sin a sin φ, cos a) from the z axis onto n (rotation about y)
      const d0 = [Math.sin(a) * Math.cos(phi), Math.sin(a) * Math.sin(phi), Math.cos(a)];
      const d = [d0[0]! * Math.cos(tM) + d0[2]! * Math.sin(tM), d0[1]!, -d0[0]! * Math.sin(tM) + d0[2]! * Math.cos(tM)];
      const theta = Math.atan2(Math.hypot(d[0]!, d[1]!), d[2]!);
      expect(n[2]).toBeCloseTo(Math.cos(tM), 15);
      expect(combineAngles(tM, a, phi + Math.PI) / theta).toBeCloseTo(1, 9);
    }
  });
  it("Gauss–Legendre with n nodes integrates x^(2n−1) exactly", () => {
    for (const n of [1, 3, 8, 24]) {
      const { x, w } = gaussLegendre(n);
      const k = 2 * n - 2; // even power
      const s = x.reduce((acc, xi, i) => acc + w[i]! * xi ** k, 0);
      expect(s).toBeCloseTo(2 / (k + 1), 12);
      expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(2, 13);
    }
  });
});

describe("Z_D from a binned meson spectrum (deterministic quadrature)", () => {
  it("with an open cone the Z_D cross section is BR × σ_meson (nothing lost or double counted)", () => {
    let s = 0;
    zdFromMesonDecays(oneBin(-3.025, 2.025), "pi0", 0.03, { thetaMax: Math.PI }, (_e, _t, w) => (s += w));
    expect(s / (brMesonToGammaZD("pi0", 0.03, 1) * pb)).toBeCloseTo(1, 10);
  });
  it("the Z_D energies average to γE* and spread like a flat distribution (variance (βγp*)²/3) for a single meson momentum", () => {
    const lp = 2.025;
    let s = 0;
    let s1 = 0;
    let s2 = 0;
    zdFromMesonDecays(oneBin(-3.025, lp), "eta", 0.1, { thetaMax: Math.PI, subdivisions: 1 }, (e, _t, w) => {
      s += w;
      s1 += w * e;
      s2 += w * e * e;
    });
    const p = 10 ** lp;
    const E = Math.hypot(p, m_eta);
    const { eStar, pStar } = restFrameZD(m_eta, 0.1);
    const mean = s1 / s;
    expect(mean / ((E / m_eta) * eStar)).toBeCloseTo(1, 10);
    expect((s2 / s - mean * mean) / ((p / m_eta) * pStar) ** 2).toBeCloseTo(1 / 3, 8);
  });
  it("a meson far outside the cone feeds nothing; one on axis feeds the cone fully at high momentum", () => {
    let out = 0;
    zdFromMesonDecays(oneBin(-1.025, 3.025), "pi0", 0.03, { thetaMax: 2e-3 }, (_e, _t, w) => (out += w));
    expect(out).toBe(0);
    let inn = 0;
    zdFromMesonDecays(oneBin(-5.025, 3.025), "pi0", 0.03, { thetaMax: 2e-3 }, (_e, _t, w) => (inn += w));
    expect(inn / (brMesonToGammaZD("pi0", 0.03, 1) * pb)).toBeCloseTo(1, 10);
  });
  it("in runs: one energy per run, polar angles increasing inside the cone, the weights summing to BR × σ inside it as the points do", () => {
    const spec: AngleMomentumSpectrum = { source: "two bins", binWidth: 0.05, log10Theta: [-3.525, -3.025], log10P: [2.525, 3.025], sigma: [1 * pb, 2 * pb] };
    const thetaMax = 1e-3;
    let runs = 0, sum = 0, points = 0;
    zdRunsFromMesonDecays(spec, "pi0", 0.03, { thetaMax, energyMin: 200 }, (E, th, sg, n) => {
      runs++;
      expect(n).toBeGreaterThan(0);
      expect(E).toBeGreaterThanOrEqual(200);
      for (let i = 0; i < n; i++) {
        expect(th[i]!).toBeLessThan(thetaMax);
        if (i > 0) expect(th[i]!).toBeGreaterThanOrEqual(th[i - 1]!);
        sum += sg[i]!;
      }
      points += n;
    });
    let pointSum = 0, pointCount = 0;
    zdFromMesonDecays(spec, "pi0", 0.03, { thetaMax, energyMin: 200 }, (E, th, w) => {
      expect(th).toBeLessThan(thetaMax);
      pointSum += w;
      pointCount++;
    });
    expect(runs).toBeGreaterThan(10);
    expect(points).toBe(pointCount);
    expect(sum).toBe(pointSum);
    expect(sum).toBeGreaterThan(0);
    expect(sum).toBeLessThan(3 * pb * brMesonToGammaZD("pi0", 0.03, 1));
  });
  it("a low-momentum η on axis spreads its Z_D over ~m_η/p: only part lands within 2 mrad at p = 100 GeV", () => {
    let inn = 0;
    zdFromMesonDecays(oneBin(-5.025, 2.025), "eta", 0.03, { thetaMax: 2e-3 }, (_e, _t, w) => (inn += w));
    const f = inn / (brMesonToGammaZD("eta", 0.03, 1) * pb);
    // hand estimate: the Z_D angle is ≈ (2/γ)·sinθ*/(1 + cosθ*)-like; γ = 194 → typical 5 mrad, so well below 1/2 is inside
    expect(f).toBeGreaterThan(0.05);
    expect(f).toBeLessThan(0.5);
  });
});
