import { describe, expect, it } from "vitest";
import {
  fasernu2Faser2, fasernuFaser, detectorByName, probDecayInTungsten, probDecayInVessel,
  squareDiscOverlap, transverseAcceptance,
} from "../lib/detector/geometry";
import { integrate } from "../lib/core/quadrature";
import { cm, fb_inv, m } from "../lib/core/units";
import { g_per_cm3 } from "../lib/core/units";

describe("detector geometry (SPEC §3)", () => {
  it("FASERν2 + FASER 2: 1.8 m of W, vessel from 2.2 m to 7.2 m, R = 1 m, 3000 fb⁻¹", () => {
    const d = fasernu2Faser2();
    expect(d.target.length / m).toBeCloseTo(1.8, 12);
    expect(d.vessel.start / m).toBeCloseTo(2.2, 12);
    expect((d.vessel.start + d.vessel.length) / m).toBeCloseTo(7.2, 12);
    expect(d.luminosity / fb_inv).toBeCloseTo(3000, 9);
    expect(fasernu2Faser2({ tungstenLength: 2 * m }).target.length / m).toBeCloseTo(2, 12);
  });
  it("FASERν holds 1.2 t of tungsten: ρ × side² × length = 1.2e6 g", () => {
    const d = fasernuFaser();
    const mass_g = (d.target.material.density / g_per_cm3) * (d.target.side / cm) ** 2 * (d.target.length / cm);
    expect(mass_g).toBeCloseTo(1.2e6, 3);
  });
  it("unknown detector names and a vessel inside the tungsten are RangeErrors", () => {
    expect(() => detectorByName("ship")).toThrow(RangeError);
    expect(() => fasernu2Faser2({ vesselStart: 1 * m })).toThrow(/vesselStart/);
  });
});

describe("decay probabilities for production spread along the tungsten", () => {
  const t = 1.8, xMin = 2.2, delta = 5;
  it("vessel: equals SPEC's form (d/t) e^{−(x_min+Δ)/d}(e^{Δ/d}−1)(e^{t/d}−1) where that does not overflow", () => {
    for (const d of [0.3, 1, 4.7, 30]) {
      const spec = (d / t) * Math.exp(-(xMin + delta) / d) * Math.expm1(delta / d) * Math.expm1(t / d);
      expect(probDecayInVessel(d, t, xMin, delta) / spec).toBeCloseTo(1, 12);
    }
  });
  it("vessel: equals the direct average over the production point (1/t)∫dz [e^{−(x_min−z)/d} − e^{−(x_min+Δ−z)/d}]", () => {
    const d = 2.3;
    const direct = integrate((z) => Math.exp(-(xMin - z) / d) - Math.exp(-(xMin + delta - z) / d), 0, t).value / t;
    expect(probDecayInVessel(d, t, xMin, delta)).toBeCloseTo(direct, 12);
  });
  it("vessel: → 0 for d → 0 without NaN, and → Δ/d for d → ∞", () => {
    expect(probDecayInVessel(1e-3, t, xMin, delta)).toBeLessThan(1e-150);
    expect(probDecayInVessel(0, t, xMin, delta)).toBe(0);
    const d = 1e9;
    expect(probDecayInVessel(d, t, xMin, delta) / (delta / d)).toBeCloseTo(1, 6);
  });
  it("vessel: a probability ≤ 1, largest for d between the distance to the vessel and its far end", () => {
    let best = 0, bestD = 0;
    for (let i = 0; i <= 400; i++) {
      const d = Math.pow(10, -1 + (3 * i) / 400);
      const p = probDecayInVessel(d, t, xMin, delta);
      expect(p).toBeLessThanOrEqual(1);
      if (p > best) { best = p; bestD = d; }
    }
    expect(bestD).toBeGreaterThan(1);
    expect(bestD).toBeLessThan(10);
  });
  it("tungsten: → 1 for d → 0, → t/(2d) for d → ∞, and matches the direct average", () => {
    expect(probDecayInTungsten(0, t)).toBe(1);
    expect(1 - probDecayInTungsten(1e-6, t)).toBeCloseTo(1e-6 / t, 12);
    expect(probDecayInTungsten(1e8, t) / (t / 2e8)).toBeCloseTo(1, 6);
    const d = 0.9;
    const direct = integrate((z) => 1 - Math.exp(-(t - z) / d), 0, t).value / t;
    expect(probDecayInTungsten(d, t)).toBeCloseTo(direct, 12);
    // continuity across the series switch at t/d = 1e-3
    expect(probDecayInTungsten(t / 0.999e-3, t) / probDecayInTungsten(t / 1.001e-3, t)).toBeCloseTo(1, 2);
  });
  it("negative decay lengths and a vessel inside the tungsten are RangeErrors", () => {
    expect(() => probDecayInVessel(-1, t, xMin, delta)).toThrow(RangeError);
    expect(() => probDecayInVessel(1, t, 1, delta)).toThrow(/xMin/);
  });
});

describe("transverse acceptance", () => {
  it("square–disc overlap: disc inside → πR², square inside → side², and a Monte-Carlo-free midpoint check", () => {
    expect(squareDiscOverlap(1, 0.5)).toBeCloseTo(Math.PI * 0.25, 14);
    expect(squareDiscOverlap(1, 2)).toBeCloseTo(4, 14);
    // R = h√(2)·0.9: compare with a fine midpoint grid of the quadrant
    const h = 1, R = 1.2;
    let n = 0; const N = 2000;
    for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) {
      const x = ((i + 0.5) / N) * h, y = ((j + 0.5) / N) * h;
      if (x * x + y * y <= R * R) n++;
    }
    expect(squareDiscOverlap(h, R) / (4 * (n / (N * N)) * h * h)).toBeCloseTo(1, 4);
  });
  it("FASERν → FASER (25 cm square, R = 10 cm) is π·10²/25² = 0.503; FASERν2 → FASER 2 is 1", () => {
    expect(transverseAcceptance(fasernuFaser())).toBeCloseTo(Math.PI * 100 / 625, 12);
    expect(transverseAcceptance(fasernu2Faser2())).toBe(1);
  });
});
