import { describe, expect, it } from "vitest";
import { expectRelClose } from "./support/relClose";
import { alpha, m_e } from "../lib/core/constants";
import { fig3PrimaryCheck } from "../lib/figures";
import { m as metre } from "../lib/core/units";

describe("Fig. 3 right in numbers: the primary Z_D count at αε² = 2×10⁻¹⁰", () => {
  const r = fig3PrimaryCheck();

  it("Γ(Z_D → e⁺e⁻) = (αε²/3) m (1 + 2r)√(1 − 4r), r = m_e²/m²; cτ ≈ 0.1 mm, so a 7 TeV Z_D flies ≈ 23 m and survives 482 m with e^{−21} ≈ 10⁻⁹", () => {
    const mZD = r.params.mZD, x = (m_e / mZD) ** 2;
    const gee = ((r.params.alphaEps2 / 3) * mZD * (1 + 2 * x) * Math.sqrt(1 - 4 * x));
    expect((r.gammaZD_GeV * r.brEE) / gee).toBeCloseTo(1, 6);
    expect(r.eps2).toBeCloseTo(r.params.alphaEps2 / alpha, 15);
    expect(r.ctau_m).toBeGreaterThan(0.9e-4);
    expect(r.ctau_m).toBeLessThan(1.1e-4);
    const at7 = r.atEnergy.find((e) => e.E_GeV === 7000)!;
    const p = Math.sqrt(7000 ** 2 - mZD ** 2);
    expect(at7.decayLength_m / ((p / mZD) * r.ctau_m)).toBeCloseTo(1, 9);
    expectRelClose(at7.survival, Math.exp(-r.L1_m / at7.decayLength_m), 1e-12);
    expect(at7.survival).toBeLessThan(1e-8);
    expect(r.L1_m * metre).toBeGreaterThan(0);
  });

  it("a by-hand π⁰ count (bin centres, Z_D along the π⁰, E_ZD uniform) agrees with the engine's sub-cell quadrature to 30 %", () => {
    // e^{−L/d} changes ×12 across a 0.05-dex table bin at L/d ≈ 21: bin centres underestimate
    expect(r.pi0EventsByHand / r.pi0EventsEngine).toBeGreaterThan(0.7);
    expect(r.pi0EventsByHand / r.pi0EventsEngine).toBeLessThan(1.3);
    // and it is BR × (π⁰ in the acceptance) × a survival far below 10⁻⁶
    expect(r.brPi0 / (2 * r.eps2 * (1 - (r.params.mZD / 0.1349768) ** 2) ** 3 * 0.98823)).toBeCloseTo(1, 4); // PDG m_π⁰, BR(γγ)
    expect(r.pi0EventsEngine / (r.brPi0 * r.pi0InAcceptance.above5TeV)).toBeLessThan(1e-6);
  });

  it("in counts there is no second peak (primary/secondary < 10⁻⁵); the two are equal only for αε² between 2×10⁻¹¹ and 10⁻¹⁰", () => {
    expect(r.primaryEngine / r.secondary).toBeLessThan(1e-5);
    expect(r.equalCountsAlphaEps2).not.toBeNull();
    expect(r.equalCountsAlphaEps2!).toBeGreaterThan(2e-11);
    expect(r.equalCountsAlphaEps2!).toBeLessThan(1e-10);
    // smaller ε: more primary Z_D survive (longer-lived), fewer secondary decays are e⁺e⁻ in time
    const scan = r.epsilonScan;
    expect(scan[1]!.primary).toBeGreaterThan(scan[0]!.primary);
    expect(scan[scan.length - 1]!.secondary).toBeLessThan(scan[0]!.secondary);
  });
});
