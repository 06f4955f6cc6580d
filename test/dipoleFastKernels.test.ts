/**
 * The production tables evaluate dσ/dt through each channel's fast paths — `kernel`, and the
 * factorised `kernelWith`/`kernelMany` with the Dirac bracket's E-only factors hoisted
 * (lib/models/dipole/scattering.ts diracAtE: the bracket of (A.10) as a polynomial in t). Each
 * must give the checked dσ/dt of its channel ((A.10)–(A.12), ERRATA E1–E3) to the rounding, at
 * every mass, energy and t of the physical range.
 */
import { describe, expect, it } from "vitest";
import { tungsten } from "../lib/core/constants";
import { tRange } from "../lib/core/kinematics";
import { dipoleChannels } from "../lib/models/dipole/signatures";

/** Relative difference of a fast value from the reference (both ≥ 0). */
const rel = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)));

describe("dipole production kernels: the fast paths equal dσ/dt", () => {
  for (const screening of [false, true]) {
    it(`kernel, kernelWith and kernelMany against dsigmadt for all four channels (screening ${screening})`, () => {
      let worst = 0, checked = 0;
      for (const mN of [0.01, 0.3, 2]) {
        for (const ch of dipoleChannels(mN, tungsten, { screening })) {
          const fk = ch.factorised!;
          for (const E of [5, 100, 3000]) {
            const r = tRange(E, mN, ch.targetMass);
            if (r === null) continue;
            // 41 points log-spaced in |t| strictly inside the physical range
            const a0 = -r.tMax, a1 = -r.tMin;
            const ts = Float64Array.from({ length: 41 }, (_, i) => -a0 * Math.pow(a1 / a0, (i + 0.5) / 41));
            const g = new Float64Array(ts.length * fk.count), many = new Float64Array(ts.length);
            ts.forEach((t, j) => fk.tFactors(t, g, j * fk.count));
            fk.kernelMany?.(E, ts, g, ts.length, many);
            ts.forEach((t, j) => {
              const ref = ch.dsigmadt(E, t);
              expect(ref).toBeGreaterThanOrEqual(0);
              const fast = [ch.kernel!(E, t), fk.kernelWith(E, t, g, j * fk.count), ...(fk.kernelMany ? [many[j]!] : [])];
              for (const v of fast) worst = Math.max(worst, rel(v, ref));
              checked++;
            });
          }
        }
      }
      expect(checked).toBeGreaterThan(1000);
      expect(worst).toBeLessThan(1e-13); // measured 2.7e-15
    });
  }
});
