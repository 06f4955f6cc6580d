import { describe, expect, it } from "vitest";
import { expectRelClose } from "./support/relClose";
import * as u from "../lib/core/units";
import * as c from "../lib/core/constants";
import * as k from "../lib/core/kinematics";
import { integrate, integrateLog, integrateOverT } from "../lib/core/quadrature";
import { atomicScreening, dipoleFormFactor, helm, helmParameters, nucleonFormFactors } from "../lib/core/formFactors";

describe("units and constants", () => {
  it("ħc derived from the exact SI h, e and c is 1.973269804e-16 GeV m (SPEC §2)", () => {
    expectRelClose(u.hbarc_GeV_m, 1.973269804e-16, 1e-9); // CODATA to 10 digits
    expect(u.hbarc_GeV_m / 1.973269804e-16).toBeCloseTo(1, 9);
  });
  it("1 fm = 1/0.1973 GeV⁻¹, so ħc = 0.1973 GeV fm", () => {
    expect(1 / u.fm).toBeCloseTo(0.1973269804, 9);
  });
  it("1 GeV⁻² = 0.3894 mb (the textbook conversion)", () => {
    expect(1 / u.mb).toBeCloseTo(0.3893793721, 8);
  });
  it("1 fb⁻¹ × 1 fb = 1 event, and pb⁻¹ = 1e-3 fb⁻¹", () => {
    expect(u.fb_inv * u.fb).toBeCloseTo(1, 14);
    expect(u.pb_inv / u.fb_inv).toBeCloseTo(1e-3, 15);
  });
  it("1 GeV/c² = 1.78266192e-27 kg", () => {
    expectRelClose(1 / u.kg, 1.78266192e-27, 1e-8); // 9 digits
  });
  it("e² = 4πα and α ≈ 1/137.036", () => {
    expect((c.e_charge * c.e_charge) / (4 * Math.PI)).toBeCloseTo(c.alpha, 15);
    expect(1 / c.alpha).toBeCloseTo(137.036, 3);
  });
  it("m_n − m_p = 1.29333 MeV (PDG) and m_p ≈ 1.00728 u", () => {
    expect((c.m_n - c.m_p) / u.MeV).toBeCloseTo(1.29333, 4);
    expect(c.m_p / c.amu).toBeCloseTo(1.007276, 5);
  });
  it("tungsten nuclear mass is A·u = 171.25 GeV and its electron density is 4.68e24 cm⁻³", () => {
    expect(c.tungsten.mass).toBeCloseTo(171.25, 1);
    // n_e = Z ρ N_A / M = 74 × 19.3 × 6.022e23 / 183.84 = 4.678e24 cm⁻³ (hand calculation)
    expectRelClose(c.electronDensity(c.tungsten) * u.cm3, 4.6783e24, 1e-4); // 5 digits
  });
  it("G_F = πα/(√2 m_W² sin²θ_W) holds to ~7% at tree level (radiative Δr)", () => {
    const sw2OnShell = 1 - (c.m_W * c.m_W) / (c.m_Z * c.m_Z);
    const gfTree = (Math.PI * c.alpha) / (Math.SQRT2 * c.m_W * c.m_W * sw2OnShell);
    expect(gfTree / c.G_F).toBeGreaterThan(0.9);
    expect(gfTree / c.G_F).toBeLessThan(1.0);
  });
});

describe("kinematics", () => {
  it("Källén function is symmetric and vanishes at threshold, λ(M², (m1+m2)², 0)…", () => {
    expect(k.kallen(9, 4, 1)).toBe(k.kallen(4, 9, 1));
    expect(k.kallen(9, 1, 4)).toBe(k.kallen(1, 4, 9));
    // λ((m1+m2)², m1², m2²) = 0
    expect(k.kallen(25, 4, 9)).toBeCloseTo(0, 12);
  });
  it("two-body momentum: π⁰ → γγ gives p* = m_π/2; zero below threshold", () => {
    expect(k.twoBodyMomentum(c.m_pi0, 0, 0)).toBeCloseTo(c.m_pi0 / 2, 15);
    expect(k.twoBodyMomentum(1, 0.6, 0.6)).toBe(0);
  });
  it("t range ends agree with the textbook CM formulas where those are accurate", () => {
    const E = 50, mN = 3, M = c.m_p;
    const r = k.tRange(E, mN, M)!;
    const s = k.sFixedTarget(E, M);
    const rs = Math.sqrt(s);
    const p1 = (s - M * M) / (2 * rs);
    const E3 = (s + mN * mN - M * M) / (2 * rs);
    const p3 = Math.sqrt(E3 * E3 - mN * mN);
    expect(r.tMin).toBeCloseTo(mN * mN - 2 * p1 * (E3 + p3), 9);
    expect(r.tMax).toBeCloseTo(mN * mN - 2 * p1 * (E3 - p3), 9);
  });
  it("|t|_min keeps full precision: for W at 1 TeV and m_N = 1 MeV it equals (m_N²/2E)² to 1e-6", () => {
    // |t|_min → (m_N²/(2E))² for a heavy target and E ≫ m_N (the classic coherence condition)
    const r = k.tRange(1000, 1e-3, c.tungsten.mass)!;
    const approx = ((1e-3 * 1e-3) / 2000) ** 2;
    expect(-r.tMax / approx).toBeCloseTo(1, 5);
    expect(-r.tMax).toBeGreaterThan(0);
  });
  it("t range is null below threshold and degenerates to a point at threshold", () => {
    const M = c.m_e, mN = 0.1;
    const Eth = k.thresholdEnergy(mN, M);
    expect(k.tRange(Eth * 0.999, mN, M)).toBeNull();
    const r = k.tRange(Eth * (1 + 1e-9), mN, M)!;
    expect(Math.abs(r.tMin - r.tMax) / Math.abs(r.tMin)).toBeLessThan(1e-3);
  });
  it("t₊ t₋ = m_N⁴ M²/s and both are ≤ 0", () => {
    const E = 300, mN = 0.5, M = c.tungsten.mass;
    const r = k.tRange(E, mN, M)!;
    expect(r.tMax).toBeLessThan(0);
    expect((r.tMin * r.tMax) / ((mN ** 4 * M * M) / k.sFixedTarget(E, M))).toBeCloseTo(1, 12);
  });
  it("recoil energy ↔ t is an involution, T = −t/2M", () => {
    const t = -0.37;
    expect(k.tFromRecoilEnergy(k.recoilEnergyFromT(t, c.m_e), c.m_e)).toBeCloseTo(t, 14);
    expect(() => k.recoilEnergyFromT(0.1, c.m_e)).toThrow(RangeError);
  });
  it("recoil angle: massless elastic scattering gives cos θ = (E+M)/E √(T/(T+2M)), and cos θ = 1 at T_max", () => {
    const E = 10, M = c.m_e, T = 2;
    expect(k.recoilCosTheta(E, T, M)).toBeCloseTo(((E + M) / E) * Math.sqrt(T / (T + 2 * M)), 14);
    // the largest recoil (t = tMin) is emitted forward
    const r = k.tRange(E, 0.01, M)!;
    const Tmax = k.recoilEnergyFromT(r.tMin, M);
    expect(k.recoilCosTheta(E, Tmax, M, 0.01)).toBeCloseTo(1, 9);
  });
  it("N → νγ photon lab energy is uniform on [E(1−β)/2, E(1+β)/2] (SPEC §5)", () => {
    const E = 500, mN = 1;
    const [lo, hi] = k.masslessDaughterEnergyRange(E, mN);
    const b = k.beta(E, mN);
    expect(lo).toBeCloseTo((E * (1 - b)) / 2, 9);
    expect(hi).toBeCloseTo((E * (1 + b)) / 2, 9);
    expect(lo + hi).toBeCloseTo(E, 9);
  });
  it("lab decay length is βγ/Γ; Γ = 0 gives ∞ and Γ < 0 throws", () => {
    expect(k.labDecayLength(10, 1, 2)).toBeCloseTo(Math.sqrt(99) / 2, 12);
    expect(k.properDecayLength(0)).toBe(Infinity);
    expect(() => k.properDecayLength(-1)).toThrow(RangeError);
  });
  it("bad input is a RangeError naming the parameter", () => {
    expect(() => k.tRange(-1, 0.1, 1)).toThrow(/E = -1/);
    expect(() => k.tRange(10, Number.NaN, 1)).toThrow(/mN = NaN/);
    expect(() => k.momentum(0.5, 1)).toThrow(RangeError);
  });
});

describe("adaptive Gauss–Kronrod quadrature", () => {
  it("∫₀^π sin x dx = 2 to 1e-12", () => {
    expect(integrate(Math.sin, 0, Math.PI, { relTol: 1e-12 }).value).toBeCloseTo(2, 12);
  });
  it("∫₀¹ √x dx = 2/3 (endpoint singularity in the derivative) to 1e-8", () => {
    const r = integrate(Math.sqrt, 0, 1, { relTol: 1e-10 });
    expect(Math.abs(r.value - 2 / 3)).toBeLessThan(1e-8);
  });
  it("a sharp Lorentzian peak: ∫ ε/((x−0.3)²+ε²) dx over [−10,10] ≈ π at 1e-6 relative", () => {
    const eps = 1e-5;
    const exact = Math.atan((10 - 0.3) / eps) + Math.atan((10 + 0.3) / eps);
    const r = integrate((x) => eps / ((x - 0.3) ** 2 + eps * eps), -10, 10, { relTol: 1e-8 });
    expect(Math.abs(r.value / exact - 1)).toBeLessThan(1e-6);
  });
  it("its error estimate bounds the true error on ∫₀¹ eˣ dx", () => {
    const r = integrate(Math.exp, 0, 1, { relTol: 1e-4 });
    expect(Math.abs(r.value - (Math.E - 1))).toBeLessThanOrEqual(r.error + 1e-15);
  });
  it("in ln x: ∫_{1e-12}^{1} dx/(x+1e-12) = ln(1e12+1) − ln 2 across 12 decades", () => {
    const a = 1e-12;
    const r = integrateLog((x) => 1 / (x + a), a, 1, { relTol: 1e-9 });
    expect(r.value / (Math.log(1 + a) - Math.log(2 * a)) - 1).toBeLessThan(1e-8);
  });
  it("over t: ∫_{−10}^{−1e-10} dt/(m² − t)² = 1/(m²+1e-10) − 1/(m²+10)", () => {
    const m2 = 1e-4;
    const v = integrateOverT((t) => 1 / (m2 - t) ** 2, -10, -1e-10, { relTol: 1e-10 });
    expect(v / (1 / (m2 + 1e-10) - 1 / (m2 + 10))).toBeCloseTo(1, 8);
  });
  it("reversed limits flip the sign; non-finite integrands throw", () => {
    expect(integrate((x) => x, 1, 0).value).toBeCloseTo(-0.5, 14);
    expect(() => integrate((x) => 1 / x, -1, 1)).toThrow(RangeError);
  });
});

describe("form factors", () => {
  it("Helm (A.4) is 1 at Q = 0 and falls like 1 − Q²⟨r²⟩/6 with ⟨r²⟩ = 3r²/5 + 3s²", () => {
    const A = 183.84;
    const { r, s } = helmParameters(A);
    expect(helm(0, A)).toBe(1);
    const Q = 1e-3;
    const r2 = (3 / 5) * r * r + 3 * s * s;
    expect((1 - helm(Q, A)) / ((Q * Q * r2) / 6)).toBeCloseTo(1, 4);
  });
  it("Helm for tungsten: R = 1.2 A^{1/3} fm = 6.82 fm, r = √(R² − 5s²) = 6.45 fm", () => {
    const { r } = helmParameters(183.84);
    expect(r / u.fm).toBeCloseTo(Math.sqrt((1.2 * Math.cbrt(183.84)) ** 2 - 5), 10);
    expect(r / u.fm).toBeCloseTo(6.447, 2);
  });
  it("Helm has its first zero where tan(Qr) = Qr, Qr ≈ 4.4934", () => {
    const { r } = helmParameters(183.84);
    expect(Math.abs(helm(4.493409 / r, 183.84))).toBeLessThan(1e-6);
  });
  it("atomic screening (A.5) → 1 for Q ≫ 1/a and ∝ Q² for Q ≪ 1/a, a = 111 Z^{-1/3}/m_e", () => {
    const a = (111 * Math.pow(74, -1 / 3)) / c.m_e;
    expect(atomicScreening(100 / a, 74)).toBeCloseTo(1 / (1 + 1e-4), 10);
    expect(atomicScreening(1e-3 / a, 74) / 1e-6).toBeCloseTo(1, 5);
  });
  it("nucleon form factors at Q = 0 are the charges and anomalous moments (A.6–A.8, E3 corrected)", () => {
    const p = nucleonFormFactors(0, "p");
    const n = nucleonFormFactors(0, "n");
    expect(p.F1).toBe(1);
    expect(p.F2).toBeCloseTo(1.793, 12);
    expect(n.F1).toBe(0);
    expect(n.F2).toBeCloseTo(-1.913, 12);
  });
  it("ERRATA E3: with 4 m_p² in (A.6) the Sachs relations invert, G_E = F₁ − τF₂ and G_M = F₁ + F₂", () => {
    const Q = 1.3;
    const tau = (Q * Q) / (4 * c.m_p * c.m_p);
    const { F1, F2 } = nucleonFormFactors(Q, "p");
    const GD = dipoleFormFactor(Q);
    expect(F1 - tau * F2).toBeCloseTo(GD, 14);
    expect(F1 + F2).toBeCloseTo(2.793 * GD, 14);
  });
});
