/**
 * Z_D (dark-photon-like vector, coupling ε e to the proton's EM current) from proton
 * bremsstrahlung p p → p p Z_D in the Fermi–Weizsäcker–Williams (FWW) approximation, as used
 * for FASER by Feng, Galon, Kling, Trojanowski (arXiv:1708.09389, §II.B) following
 * Blümlein and Brunner (arXiv:1311.3870, eqs. (2)–(5)):
 *
 *   d²σ/(dz dp_T²) = σ_pp(s') |F₁(m²)|² w(z, p_T²),   s' = s(1 − z),
 *
 * with z the fraction of the beam momentum carried by Z_D, p_T its transverse momentum, the
 * splitting function w of {@link fwwSplitting}, and the timelike Dirac form factor of the
 * proton F₁ in the vector-meson-dominance fit of Faessler, Fuchs, Krivoruchenko
 * (arXiv:0910.5589) that Blümlein–Brunner use ({@link protonFormFactorF1}).
 * Derivations and the validation against FORESEE's tables: docs/derivations/primary-production.md.
 */
import { alpha, m_p } from "../core/constants";
import { mb } from "../core/units";
import { requireFinite, requireNonNegative, requirePositive } from "../core/validate";
import type { AngleMomentumSpectrum } from "./mesonTable";
import { type PointSink, type RunSink, runsToPoints } from "./mesonDecay";
import { gaussLegendre } from "../core/quadrature";
import { expSmall, log1pSmall } from "../core/series";

/**
 * FWW splitting function w(z, p_T²) for ε = 1, (3)–(4) of arXiv:1311.3870 (Blümlein–Brunner):
 *   w = α/(2πH) { [1 + (1−z)²]/z − 2z(1−z)[(2M² + m²)/H − 2z²M⁴/H²]
 *               + 2z(1−z)[1 + (1−z)²] M²m²/H² + 2z(1−z)² m⁴/H² },
 *   H = p_T² + (1 − z) m² + z² M²,  M = m_p, m = m_ZD.  GeV⁻² (per unit z per unit p_T²).
 */
export function fwwSplitting(z: number, pT2: number, mZD: number, M = m_p): number {
  requireFinite("z", z);
  if (!(z > 0 && z < 1)) throw new RangeError(`z = ${z} must lie in (0, 1)`);
  requireNonNegative("pT2", pT2);
  requireNonNegative("mZD", mZD);
  const m2 = mZD * mZD;
  const M2 = M * M;
  const H = pT2 + (1 - z) * m2 + z * z * M2;
  const omz = 1 - z;
  const a = (1 + omz * omz) / z;
  const b = 2 * z * omz * ((2 * M2 + m2) / H - (2 * z * z * M2 * M2) / (H * H));
  const c = (2 * z * omz * (1 + omz * omz) * M2 * m2) / (H * H);
  const d = (2 * z * omz * omz * m2 * m2) / (H * H);
  return (alpha / (2 * Math.PI * H)) * (a - b + c + d);
}

/** A vector meson of the VMD form factor: coupling f, mass and width in GeV. */
export interface VectorMesonPole {
  readonly name: string;
  readonly f: number;
  readonly mass: number;
  readonly width: number;
}

/**
 * VMD poles of F₁ (Faessler, Fuchs, Krivoruchenko, arXiv:0910.5589, as quoted in (5) of
 * arXiv:1311.3870): couplings f_ρ = 0.616, f_ρ′ = 0.223, f_ρ″ = −0.339, f_ω = 1.011,
 * f_ω′ = −0.881, f_ω″ = 0.369 (Σ f_ρ ≈ Σ f_ω ≈ ½, so F₁(0) ≈ 1), masses and widths of
 * ρ(770), ρ(1450), ρ(1700), ω(782), ω(1420), ω(1650) (PDG 2024).
 */
export const F1_POLES: readonly VectorMesonPole[] = [
  { name: "rho(770)", f: 0.616, mass: 0.77526, width: 0.1474 },
  { name: "rho(1450)", f: 0.223, mass: 1.465, width: 0.4 },
  { name: "rho(1700)", f: -0.339, mass: 1.72, width: 0.25 },
  { name: "omega(782)", f: 1.011, mass: 0.78266, width: 0.00868 },
  { name: "omega(1420)", f: -0.881, mass: 1.41, width: 0.29 },
  { name: "omega(1650)", f: 0.369, mass: 1.67, width: 0.315 },
];

/**
 * |F₁(q²)|² of the proton for timelike q² = m² ≥ 0 in VMD, (5) of arXiv:1311.3870:
 * F₁(q²) = Σ_V f_V m_V² / (m_V² − q² − i m_V Γ_V). Dimensionless.
 */
export function protonFormFactorF1Squared(q2: number, poles: readonly VectorMesonPole[] = F1_POLES): number {
  requireNonNegative("q2", q2);
  let re = 0;
  let im = 0;
  for (const v of poles) {
    const m2 = v.mass * v.mass;
    const dr = m2 - q2;
    const di = -v.mass * v.width;
    const den = dr * dr + di * di;
    // f m² / (dr + i di) = f m² (dr − i di) / den
    re += (v.f * m2 * dr) / den;
    im += (-v.f * m2 * di) / den;
  }
  return re * re + im * im;
}

/**
 * Total pp cross section σ_tot(s) from the PDG high-energy fit (Review of Particle Physics,
 * "Plots of cross sections and related quantities", COMPETE-type form
 * σ = Z + B ln²(s/s_M) + Y₁ (s₁/s)^η₁ − Y₂ (s₁/s)^η₂ with Z = 35.45 mb, B = 0.308 mb,
 * Y₁ = 42.53 mb, Y₂ = 33.34 mb, η₁ = 0.458, η₂ = 0.545, s_M = (2m_p + 2.15 GeV)², s₁ = 1 GeV²).
 * Only the ratio σ(s′)/σ(s) enters {@link bremDensity} unless `sigmaNorm` says otherwise. GeV⁻².
 */
export function sigmaPPTotal(s: number): number {
  requirePositive("s", s);
  const sM = (2 * m_p + 2.15) ** 2;
  const L = Math.log(s / sM);
  return (35.45 + 0.308 * L * L + 42.53 * s ** -0.458 - 33.34 * s ** -0.545) * mb;
}

/** Options of the bremsstrahlung calculation. */
export interface BremOptions {
  /** Beam energy per proton, GeV (default 7000: √s = 14 TeV). */
  readonly beamEnergy?: number;
  /** Upper cut on p_T, GeV (default 1 GeV, the FWW validity cut of arXiv:1708.09389). */
  readonly pTMax?: number;
  /** Range of z (default (0, 1), both ends open; the FWW approximation needs z(1−z)E_p ≫ m_p, p_T). */
  readonly zMin?: number;
  readonly zMax?: number;
  /**
   * The cross section that multiplies the splitting function, σ_pp(s′) = sigmaNorm × σ_tot(s′)/σ_tot(s),
   * GeV⁻². Default: the inelastic pp cross section at 14 TeV, 79.5 mb (the value that the
   * FORESEE reference tables imply, see the derivation note).
   */
  readonly sigmaNorm?: number;
}

const DEFAULT_SIGMA_INEL_14TEV = 79.5 * mb;

/**
 * d²σ/(dθ dp) of Z_D from proton bremsstrahlung at ε = 1 (multiply by ε²), at polar angle θ
 * and momentum p: with p_z = p cos θ = z P, p_T = p sin θ,
 * d²σ/(dθ dp) = σ_pp(s(1−z)) |F₁(m²)|² w(z, p_T²) × 2 p_T p / P  (Jacobian of (z, p_T²) → (p, θ)).
 * Zero outside the cuts. GeV⁻³ rad⁻¹.
 */
export function bremDensity(mZD: number, theta: number, p: number, opts: BremOptions = {}): number {
  return bremKernel(mZD, opts)(theta, p);
}

/**
 * {@link bremDensity} at fixed m_ZD and options as a function of (θ, p), GeV⁻³ rad⁻¹: the factors
 * that do not depend on (θ, p) — |F₁(m²)|², σ_tot(s), log s_M — evaluated once, σ_tot(s′) with one
 * logarithm (s′^−η = e^{−η ln s′}), the splitting function of {@link fwwSplitting} unchecked inline.
 */
export function bremKernel(mZD: number, opts: BremOptions = {}): (theta: number, p: number) => number {
  requireNonNegative("mZD", mZD);
  const P = opts.beamEnergy ?? 7000;
  const pTMax = opts.pTMax ?? 1;
  const zMin = opts.zMin ?? 0;
  const zMax = opts.zMax ?? 1;
  const norm = opts.sigmaNorm ?? DEFAULT_SIGMA_INEL_14TEV;
  const s = 4 * P * P;
  const scale = ((norm / sigmaPPTotal(s)) * protonFormFactorF1Squared(mZD * mZD) * alpha) / (2 * Math.PI);
  const lnSM = Math.log((2 * m_p + 2.15) ** 2);
  const m2 = mZD * mZD, M2 = m_p * m_p, M4 = M2 * M2;
  return (theta, p) => {
    const pT = p * Math.sin(theta);
    const z = (p * Math.cos(theta)) / P;
    if (!(pT < pTMax && z > zMin && z < zMax && z > 0 && z < 1)) return 0;
    // σ_tot(s(1 − z)) of {@link sigmaPPTotal}
    const ls = Math.log(s * (1 - z));
    const L = ls - lnSM;
    const sigma = (35.45 + 0.308 * L * L + 42.53 * Math.exp(-0.458 * ls) - 33.34 * Math.exp(-0.545 * ls)) * mb;
    return fwwWithJacobian(scale * sigma, z, 1 - z, pT, p, P, m2, M2, M4);
  };
}

/**
 * `pre` × w(z, p_T²) × 2π/α × 2 p_T p / P: the splitting function of {@link fwwSplitting}
 * ((3)–(4) of arXiv:1311.3870, unchecked; omz = 1 − z passed in, as each caller has it to full
 * precision) times the Jacobian of (z, p_T²) → (p, θ) of {@link bremDensity}; GeV⁻³ rad⁻¹ for
 * pre = scale × σ_pp(s′) in GeV⁻².
 */
function fwwWithJacobian(pre: number, z: number, omz: number, pT: number, p: number, P: number, m2: number, M2: number, M4: number): number {
  const H = pT * pT + omz * m2 + z * z * M2;
  const iH2 = 1 / (H * H);
  const a = (1 + omz * omz) / z;
  const b = 2 * z * omz * ((2 * M2 + m2) / H - 2 * z * z * M4 * iH2);
  const c = 2 * z * omz * (1 + omz * omz) * M2 * m2 * iH2;
  const d = 2 * z * omz * omz * m2 * m2 * iH2;
  return (pre * (a - b + c + d) * ((2 * pT * p) / P)) / H;
}

/**
 * The bremsstrahlung spectrum at ε = 1 integrated over the 0.05-dex (θ, p) bins of the
 * FORESEE tables (3 × 3 Gauss–Legendre points per bin in log θ, log p), for bins with
 * centre θ < thetaMax and pMin < p < beam energy. Same format as the reference tables. GeV⁻² per bin.
 */
export function bremSpectrumOnGrid(
  mZD: number,
  opts: BremOptions & { readonly thetaMax?: number; readonly pMin?: number } = {},
): AngleMomentumSpectrum {
  requirePositive("mZD", mZD);
  const P = opts.beamEnergy ?? 7000;
  const w = 0.05;
  const thetaMax = opts.thetaMax ?? 0.1;
  const pMin = opts.pMin ?? 1;
  const gl = gaussLegendre(3);
  const density = bremKernel(mZD, opts);
  const lt: number[] = [];
  const lp: number[] = [];
  const sg: number[] = [];
  const ln10 = Math.LN10;
  for (let i = Math.floor(-7.3 / w); (i + 0.5) * w < Math.log10(thetaMax); i++) {
    const a = (i + 0.5) * w;
    for (let j = Math.floor(Math.log10(pMin) / w); (j + 0.5) * w - w / 2 < Math.log10(P); j++) {
      const b = (j + 0.5) * w;
      let sum = 0;
      for (let u = 0; u < 3; u++) {
        const th = 10 ** (a + ((gl.x[u] as number) * w) / 2);
        for (let v = 0; v < 3; v++) {
          const p = 10 ** (b + ((gl.x[v] as number) * w) / 2);
          // dθ dp = (ln 10)² θ p dlog10θ dlog10p
          sum += ((gl.w[u] as number) * (gl.w[v] as number) * density(th, p) * ln10 * ln10 * th * p) / 4;
        }
      }
      if (sum > 0) {
        lt.push(a);
        lp.push(b);
        sg.push(sum * w * w);
      }
    }
  }
  return Object.freeze({
    source: `FWW bremsstrahlung m_ZD = ${mZD} GeV, ε = 1 (lib/ip/bremsstrahlung.ts)`,
    binWidth: w,
    log10Theta: Object.freeze(lt),
    log10P: Object.freeze(lp),
    sigma: Object.freeze(sg),
  });
}

/** Threshold of the short series of {@link bremAlongTheta}: |x| < 1e-2 keeps their truncation below 1e-16 of the result. */
const SERIES_MAX = 1e-2;

/**
 * {@link bremKernel} (default z range) along θ at fixed p, GeV⁻³ rad⁻¹: the same formula with the
 * p-only factors once — σ_tot(s(1 − z)) as σ_tot at θ = 0 times the short series of its small
 * change (1 − z = (1 − p/P)(1 + d), d = (p/P)(1 − cos θ)/(1 − p/P)), and sin θ, 1 − cos θ from
 * u = θ² by their series for u < 1e-2 (truncation u⁷/14! < 2e-25) — equal to bremKernel within
 * rounding (≤ 2e-14 relative, test/production-brem.test.ts: bremKernel's 1 − z loses digits as
 * z → 1, this form does not). Returns (u, θ = √u) ↦ density.
 */
function bremAlongTheta(k: BremConstants, p: number): (u: number, theta: number) => number {
  const { P, s, scale, lnSM, m2, M2, M4, pTMax } = k;
  const r = p / P, omz0 = 1 - r;
  const ls0 = Math.log(s * omz0);
  const e1 = Math.exp(-0.458 * ls0), e2 = Math.exp(-0.545 * ls0);
  return (u, theta) => {
    let sinT: number, omc: number;
    if (u < SERIES_MAX) {
      sinT = theta * (1 - (u / 6) * (1 - (u / 20) * (1 - (u / 42) * (1 - (u / 72) * (1 - u / 110)))));
      omc = (u / 2) * (1 - (u / 12) * (1 - (u / 30) * (1 - (u / 56) * (1 - (u / 90) * (1 - u / 132)))));
    } else {
      sinT = Math.sin(theta);
      omc = 1 - Math.cos(theta);
    }
    const pT = p * sinT;
    const z = r - r * omc;
    if (!(pT < pTMax && z > 0)) return 0;
    const omz = omz0 + r * omc;
    const d = (r * omc) / omz0;
    const x = d < SERIES_MAX ? log1pSmall(d) : Math.log1p(d);
    const L = ls0 + x - lnSM;
    const f1 = x < SERIES_MAX ? expSmall(-0.458 * x) : Math.exp(-0.458 * x);
    const f2 = x < SERIES_MAX ? expSmall(-0.545 * x) : Math.exp(-0.545 * x);
    const sigma = (35.45 + 0.308 * L * L + 42.53 * e1 * f1 - 33.34 * e2 * f2) * mb;
    return fwwWithJacobian(scale * sigma, z, omz, pT, p, P, m2, M2, M4);
  };
}

/** The (θ, p)-independent factors of {@link bremKernel}. */
interface BremConstants {
  readonly P: number;
  readonly s: number;
  readonly scale: number;
  readonly lnSM: number;
  readonly m2: number;
  readonly M2: number;
  readonly M4: number;
  readonly pTMax: number;
}

function bremConstants(mZD: number, opts: BremOptions): BremConstants {
  const P = opts.beamEnergy ?? 7000;
  const s = 4 * P * P;
  const norm = opts.sigmaNorm ?? DEFAULT_SIGMA_INEL_14TEV;
  const scale = ((norm / sigmaPPTotal(s)) * protonFormFactorF1Squared(mZD * mZD) * alpha) / (2 * Math.PI);
  const M2 = m_p * m_p;
  return { P, s, scale, lnSM: Math.log((2 * m_p + 2.15) ** 2), m2: mZD * mZD, M2, M4: M2 * M2, pTMax: opts.pTMax ?? 1 };
}

/**
 * Feeds `sink` with bremsstrahlung Z_D at ε = 1 inside the cone θ < thetaMax: Gauss–Legendre
 * in θ² on [0, min(θ_max, θ_pTcut(p))²] (split at the interior `thetaBreaks`) times Gauss–Legendre in ln p on
 * `pNodes` panels of 0.01 dex between energyMin and the beam energy. Deterministic.
 */
export function zdFromBremsstrahlung(mZD: number, quad: BremQuadrature, sink: PointSink, opts: BremOptions = {}): void {
  zdRunsFromBremsstrahlung(mZD, quad, runsToPoints(sink), opts);
}

/** Quadrature settings of {@link zdFromBremsstrahlung}: the cone (rad), its interior θ breaks, the lowest energy (GeV), Gauss–Legendre nodes per θ² segment (default 8). */
export interface BremQuadrature {
  readonly thetaMax: number;
  readonly thetaBreaks?: readonly number[];
  readonly energyMin?: number;
  readonly thetaNodes?: number;
}

/** {@link zdFromBremsstrahlung} feeding runs: every θ node of one momentum node, at one energy. */
export function zdRunsFromBremsstrahlung(mZD: number, quad: BremQuadrature, sink: RunSink, opts: BremOptions = {}): void {
  requirePositive("mZD", mZD);
  requirePositive("thetaMax", quad.thetaMax);
  const P = opts.beamEnergy ?? 7000;
  const eMin = Math.max(quad.energyMin ?? 1, mZD * 1.001);
  const pLo = Math.sqrt(eMin * eMin - mZD * mZD);
  const edges = [0, ...(quad.thetaBreaks ?? []).filter((t) => t > 0 && t < quad.thetaMax), quad.thetaMax];
  const edges2 = Float64Array.from(edges, (t) => t ** 2);
  const glT = gaussLegendre(quad.thetaNodes ?? 8);
  const tx = Float64Array.from(glT.x), tw = Float64Array.from(glT.w), nT = tx.length;
  const glP = gaussLegendre(4);
  const panel = 0.01 * Math.LN10;
  const nPanels = Math.ceil(Math.log(P / pLo) / panel);
  const pTMax = opts.pTMax ?? 1;
  // the default z range (0, 1): the kernel along θ at each p; other ranges: bremKernel as is
  const k = (opts.zMin ?? 0) === 0 && (opts.zMax ?? 1) === 1 ? bremConstants(mZD, opts) : null;
  const density = k === null ? bremKernel(mZD, opts) : null;
  const runT = new Float64Array((edges2.length - 1) * nT), runS = new Float64Array(runT.length);
  for (let kp = 0; kp < nPanels; kp++) {
    const l0 = Math.log(pLo) + kp * panel;
    const l1 = Math.min(l0 + panel, Math.log(P));
    for (let j = 0; j < 4; j++) {
      const lnp = (l0 + l1) / 2 + ((l1 - l0) / 2) * (glP.x[j] as number);
      const p = Math.exp(lnp);
      const wp = ((l1 - l0) / 2) * (glP.w[j] as number) * p;
      // the p_T cut is a sharp edge in θ at fixed p: integrate θ² only up to it
      const thetaCut = pTMax < p ? Math.asin(pTMax / p) : Infinity;
      const uCut = thetaCut * thetaCut * (1 - 1e-12);
      const E = Math.hypot(p, mZD);
      const along = k === null ? null : bremAlongTheta(k, p);
      let n = 0;
      for (let e = 0; e + 1 < edges2.length; e++) {
        const u0 = edges2[e]!;
        if (!(uCut > u0)) break; // this and every later segment are past the cut
        const u1 = Math.min(edges2[e + 1]!, uCut);
        if (!(u1 > u0)) continue;
        for (let i = 0; i < nT; i++) {
          const u = (u0 + u1) / 2 + ((u1 - u0) / 2) * tx[i]!;
          const wu = ((u1 - u0) / 2) * tw[i]!;
          const theta = Math.sqrt(u);
          const d = along !== null ? along(u, theta) : density!(theta, p);
          // dθ = du / (2θ)
          if (d > 0) {
            runT[n] = theta;
            runS[n++] = (d * wu * wp) / (2 * theta);
          }
        }
      }
      if (n > 0) sink(E, runT, runS, n);
    }
  }
}
