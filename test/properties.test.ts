/**
 * Property-based tests (fast-check) over the public physics API: valid inputs give finite,
 * non-negative results where physical; invalid ones throw RangeError; the scaling laws hold
 * (σ ∝ μ², Γ ∝ μ² m³, Γ(Z_D → ℓℓ) ∝ ε², vessel counts ∝ μ⁴ for a long-lived N). numRuns are
 * modest to keep the file at a few seconds.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tungsten } from "../lib/core/constants";
import { atomicScreening, dipoleFormFactor, helm, nucleonFormFactors } from "../lib/core/formFactors";
import { gammaFactor, kallen, labDecayLength, momentum, thresholdEnergy, tRange, twoBodyMomentum } from "../lib/core/kinematics";
import * as dark from "../lib/models/darkBoson";
import * as dipole from "../lib/models/dipole";
import { parseQuantity } from "../lib/core/quantity";
import { dipoleEvents, dipoleMassPoint } from "../lib/models/dipole/signatures";
import { makeSetup } from "../lib/engine/setup";
import { LIMITS } from "../lib/core/validate";

const logUniform = (lo: number, hi: number) => fc.double({ min: Math.log(lo), max: Math.log(hi), noNaN: true }).map(Math.exp);
const mass = logUniform(1e-4, 100);
const coupling = logUniform(1e-12, 1e-2);
const energy = logUniform(1, 7000);
/** Values no physical argument may take. */
const invalid = fc.constantFrom(NaN, Infinity, -Infinity, -1, 0, 1e308, -1e308);
// a fixed seed: the same properties are checked on every run (reproducible CI); change it to explore
const R = { numRuns: 40, seed: 20261201 };
const rel = (a: number, b: number) => Math.abs(a / b - 1);

describe("kinematics", () => {
  it("two-body momentum, threshold and t range are finite, ordered and physical", () => {
    fc.assert(
      fc.property(logUniform(1e-3, 1e3), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (M, a, b) => {
        const p = twoBodyMomentum(M, (a * M) / 2, (b * M) / 2);
        return Number.isFinite(p) && p >= 0 && p <= (M / 2) * (1 + 1e-12); // massless daughters: p = M/2 up to rounding
      }),
      R,
    );
    fc.assert(
      fc.property(energy, mass, logUniform(5e-4, 200), (E, mN, M) => {
        const Eth = thresholdEnergy(mN, M);
        const r = tRange(E, mN, M);
        if (E <= Eth) return r === null;
        return r !== null && Number.isFinite(r.tMin) && r.tMin <= r.tMax && r.tMax <= 0;
      }),
      R,
    );
    fc.assert(fc.property(mass, mass, mass, (a, b, c) => Number.isFinite(kallen(a * a, b * b, c * c))), R);
  });
  it("momentum, γ and the lab decay length: finite and ≥ 0 above the mass; invalid input throws", () => {
    fc.assert(
      fc.property(mass, logUniform(1, 1e4), logUniform(1e-30, 1), (m, g, w) => {
        const E = m * g;
        return momentum(E, m) >= 0 && gammaFactor(E, m) >= 1 && Number.isFinite(labDecayLength(E, m, w)) && labDecayLength(E, m, w) >= 0;
      }),
      R,
    );
    fc.assert(fc.property(invalid, (x) => (expect(() => twoBodyMomentum(x, 0.1, 0.1)).toThrow(RangeError), true)), R);
    fc.assert(fc.property(invalid.filter((x) => !(x > 0 && x < 1e300)), (x) => (expect(() => thresholdEnergy(1, x)).toThrow(RangeError), true)), R);
    fc.assert(fc.property(invalid, (x) => (expect(() => momentum(x, 1)).toThrow(RangeError), true)), R);
  });
});

describe("form factors", () => {
  it("Helm, dipole, screening and nucleon form factors are finite and bounded; Q < 0 throws", () => {
    fc.assert(
      fc.property(logUniform(1e-6, 10), (Q) => {
        const h = helm(Q, tungsten.A);
        const d = dipoleFormFactor(Q);
        const s = atomicScreening(Q, tungsten.Z);
        const n = nucleonFormFactors(Q, "p");
        return Math.abs(h) <= 1 && d > 0 && d <= 1 && s >= 0 && s <= 1 && Number.isFinite(n.F1) && Number.isFinite(n.F2);
      }),
      R,
    );
    fc.assert(fc.property(fc.constantFrom(NaN, -1, -Infinity, Infinity), (Q) => (expect(() => helm(Q, tungsten.A)).toThrow(RangeError), true)), R);
  });
});

describe("dipole portal", () => {
  it("Γ(N → νγ) = μ²m³/4π scales as μ² m³ and is finite over the documented ranges", () => {
    fc.assert(
      fc.property(mass, coupling, fc.double({ min: 0.1, max: 10, noNaN: true }), (m, mu, k) => {
        const g = dipole.widthNuGammaPerFlavour(m, mu);
        return (
          Number.isFinite(g) && g > 0 && rel(dipole.widthNuGammaPerFlavour(m, k * mu), k * k * g) < 1e-12 &&
          (k * m > LIMITS.mass || rel(dipole.widthNuGammaPerFlavour(k * m, mu), k ** 3 * g) < 1e-12)
        );
      }),
      R,
    );
  });
  it("Γ(N → ν ℓℓ) ∝ μ², finite and ≥ 0", () => {
    fc.assert(
      fc.property(mass, coupling, fc.constantFrom("e" as const, "mu" as const), (m, mu, l) => {
        const g = dipole.widthNuLLPerFlavour(m, mu, l);
        return Number.isFinite(g) && g >= 0 && (g === 0 || rel(dipole.widthNuLLPerFlavour(m, 2 * mu, l), 4 * g) < 1e-10);
      }),
      { numRuns: 15, seed: R.seed },
    );
  });
  it("σ(ν e → N e), σ(ν p → N p) and coherent σ scale as μ², finite and ≥ 0", () => {
    fc.assert(
      fc.property(energy, logUniform(1e-3, 5), coupling, (E, m, mu) => {
        const se = dipole.sigmaElectron(E, m, mu);
        const sp = dipole.sigmaNucleon(E, m, mu, "p");
        const sc = dipole.sigmaCoherent(E, m, mu, tungsten);
        const ok = [se, sp, sc].every((s) => Number.isFinite(s) && s >= 0);
        const s2 = dipole.sigmaElectron(E, m, 3 * mu);
        return ok && (se === 0 ? s2 === 0 : rel(s2, 9 * se) < 1e-9);
      }),
      { numRuns: 12, seed: R.seed },
    );
  });
  it("invalid inputs throw: couplings of 1e308, NaN, negative masses, energies beyond the range", () => {
    fc.assert(
      fc.property(invalid, (x) => {
        expect(() => dipole.dipoleModel({ mN: 1, mu: x, coupling: "universal" })).toThrow(RangeError);
        expect(() => dipole.dipoleModel({ mN: x, mu: 1e-6, coupling: "universal" })).toThrow(RangeError);
        expect(() => dipole.sigmaElectron(x, 0.1, 1e-6)).toThrow(RangeError);
        expect(() => dipole.sigmaCoherent(1000, x, 1e-6, tungsten)).toThrow(RangeError);
        if (x !== 0) expect(() => dipole.widthNuGammaPerFlavour(1, x)).toThrow(RangeError);
        return true;
      }),
      { numRuns: 20, seed: R.seed },
    );
  });
  it("vessel counts ∝ μ⁴ for a long-lived N (production ∝ μ², decay probability ∝ Γ ∝ μ²)", () => {
    const point = dipoleMassPoint(0.05, "universal", makeSetup("fasernu2-faser2"));
    fc.assert(
      fc.property(logUniform(1e-10, 1e-8), fc.double({ min: 1.5, max: 3, noNaN: true }), (mu, k) => {
        const a = dipoleEvents(point, mu, "vessel-photons").events;
        const b = dipoleEvents(point, k * mu, "vessel-photons").events;
        return a > 0 && rel(b, k ** 4 * a) < 1e-3;
      }),
      { numRuns: 10, seed: R.seed },
    );
  });
});

describe("dark-boson portal", () => {
  const model = fc.record({ mN: mass, mZD: mass, gD: logUniform(1e-6, 4 * Math.PI), eps: fc.double({ min: -1, max: 1, noNaN: true }), U2: logUniform(1e-12, 0.5) });
  it("Z_D and N widths are finite and ≥ 0; Γ(Z_D → ℓℓ) ∝ ε²", () => {
    fc.assert(
      fc.property(model, ({ mN, mZD, gD, eps, U2 }) => {
        if (Math.abs(mN / mZD - 1) < 1e-6 || eps === 0) return true;
        const m = dark.darkBosonModel({ mN, mZD, gD, eps, U2, flavour: "mu" });
        const zd = dark.zdWidths(m);
        const n = dark.nWidths(m);
        const all = [...Object.values(zd), ...Object.values(n)];
        const m2 = dark.darkBosonModel({ mN, mZD, gD, eps: eps / 2, U2, flavour: "mu" });
        const ee = dark.zdWidths(m2).ee;
        return all.every((w) => Number.isFinite(w) && w >= 0) && (zd.ee === 0 || rel(ee, zd.ee / 4) < 1e-12);
      }),
      R,
    );
  });
  it("the model constructors reject 1e308, NaN and out-of-range couplings and masses", () => {
    fc.assert(
      fc.property(invalid, (x) => {
        expect(() => dark.darkBosonModel({ mN: 1, mZD: 0.1, gD: x, eps: 1e-3, U2: 1e-6, flavour: "mu" })).toThrow(RangeError);
        expect(() => dark.darkBosonModel({ mN: x, mZD: 0.1, gD: 1, eps: 1e-3, U2: 1e-6, flavour: "mu" })).toThrow(RangeError);
        expect(() => dark.darkBosonModel({ mN: 1, mZD: x, gD: 1, eps: 1e-3, U2: 1e-6, flavour: "mu" })).toThrow(RangeError);
        if (Math.abs(x) > 1 || Number.isNaN(x)) expect(() => dark.darkBosonModel({ mN: 1, mZD: 0.1, gD: 1, eps: x, U2: 1e-6, flavour: "mu" })).toThrow(RangeError);
        if (!(x >= 0 && x < 1)) expect(() => dark.darkBosonModel({ mN: 1, mZD: 0.1, gD: 1, eps: 1e-3, U2: x, flavour: "mu" })).toThrow(RangeError);
        expect(() => dark.fromAlphas({ mN: 1, mZD: 0.1, alphaD: x, alphaEps2: 2e-10, U2: 1e-6, flavour: "mu" })).toThrow(RangeError);
        return true;
      }),
      { numRuns: 20, seed: R.seed },
    );
  });
  it("σ(ν T → N T) on electrons and nucleons is finite and ≥ 0, and ∝ U2", () => {
    fc.assert(
      fc.property(energy, logUniform(1e-3, 2), logUniform(1e-3, 2), logUniform(1e-10, 0.1), (E, mN, mZD, U2) => {
        if (Math.abs(mN / mZD - 1) < 1e-3) return true;
        const m = dark.darkBosonModel({ mN, mZD, gD: 1, eps: 1e-3, U2, flavour: "mu" });
        const s = dark.sigmaNuElectron(m, E);
        const p = dark.sigmaNucleon(m, E, "p");
        const m2 = dark.darkBosonModel({ mN, mZD, gD: 1, eps: 1e-3, U2: U2 / 2, flavour: "mu" });
        const s2 = dark.sigmaNuElectron(m2, E);
        return Number.isFinite(s) && s >= 0 && Number.isFinite(p) && p >= 0 && (s === 0 || rel(s2, s / 2) < 1e-6);
      }),
      { numRuns: 12, seed: R.seed },
    );
  });
});

describe("quantities (lib/core/quantity.ts)", () => {
  it("a value in MeV, TeV or keV converts to the same GeV number; GeV⁻¹ likewise", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (x) => {
        const s = x.toPrecision(6);
        const v = Number(s);
        return (
          rel(parseQuantity(`${s} MeV`, "GeV"), v / 1e3) < 1e-14 &&
          rel(parseQuantity(`${s}TeV`, "GeV"), v * 1e3) < 1e-14 &&
          rel(parseQuantity(`${s}/GeV`, "GeV^-1"), v) < 1e-14 &&
          rel(parseQuantity(`${s} MeV^-1`, "GeV^-1"), v * 1e3) < 1e-14
        );
      }),
      R,
    );
    expect(parseQuantity("500 MeV", "GeV")).toBe(0.5);
    expect(() => parseQuantity("1 m", "GeV", "--mN")).toThrow(/--mN.*dimension/);
    expect(() => parseQuantity("0x10", "GeV", "--mN")).toThrow(RangeError);
  });
});
