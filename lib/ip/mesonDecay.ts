/**
 * Z_D (dark-photon-like vector) from radiative meson decays M → γ Z_D, M = π⁰, η.
 * Branching ratio, two-body kinematics in the meson rest frame, and the deterministic
 * quadrature that maps a binned meson (θ, p) spectrum onto Z_D (E, θ) points.
 * Derivations: docs/derivations/primary-production.md.
 */
import { BR_eta_gg, BR_pi0_gg } from "../core/constants";
import { gaussLegendre } from "../core/quadrature";
import { requireFinite, requireInRange, requireNonNegative, requirePositive } from "../core/validate";
import { type Meson, MESON_MASS } from "./mesons";
import type { AngleMomentumSpectrum } from "./mesonTable";

/** BR(M → γγ) of each meson (constants.BR_pi0_gg, BR_eta_gg; PDG 2024). */
export const BR_GAMMA_GAMMA: Readonly<Record<Meson, number>> = { pi0: BR_pi0_gg, eta: BR_eta_gg };

/**
 * BR(M → γ Z_D) = 2ε² (1 − m_ZD²/M²)³ BR(M → γγ) — arXiv:1708.09389 §II.A (FASER, dark
 * photons; the factor 2 counts the two photons either of which can be replaced). 0 for m_ZD ≥ M. Dimensionless.
 */
export function brMesonToGammaZD(meson: Meson, mZD: number, eps: number): number {
  requireNonNegative("mZD", mZD);
  requireFinite("eps", eps);
  const M = MESON_MASS[meson];
  if (M === undefined) throw new RangeError(`meson = ${JSON.stringify(meson)} is not one of "pi0", "eta"`);
  if (mZD >= M) return 0;
  const r = 1 - (mZD * mZD) / (M * M);
  return 2 * eps * eps * r * r * r * BR_GAMMA_GAMMA[meson];
}

/** Rest-frame energy and momentum of Z_D in M → γ Z_D: E* = (M² + m²)/(2M), p* = (M² − m²)/(2M). GeV. */
export function restFrameZD(M: number, mZD: number): { readonly eStar: number; readonly pStar: number } {
  requirePositive("M", M);
  requireInRange("mZD", mZD, 0, M);
  return { eStar: (M * M + mZD * mZD) / (2 * M), pStar: (M * M - mZD * mZD) / (2 * M) };
}

/**
 * Lab energy and opening angle (to the meson direction) of a daughter with rest-frame
 * energy eStar, momentum pStar at rest-frame polar angle cos θ* = cosStar, from a parent of
 * lab energy E and mass M: E = γ(E* + β p* cos θ*), tan α = p* sin θ* / [γ(p* cos θ* + β E*)].
 * Textbook Lorentz boost along the parent direction. GeV, rad.
 */
export function boostDaughter(E: number, M: number, eStar: number, pStar: number, cosStar: number): { readonly energy: number; readonly alpha: number } {
  const g = E / M;
  const bg = Math.sqrt(Math.max(0, (E - M) * (E + M))) / M;
  const sinStar = Math.sqrt(Math.max(0, 1 - cosStar * cosStar));
  const pPar = g * pStar * cosStar + bg * eStar;
  const pPerp = pStar * sinStar;
  return { energy: g * eStar + bg * pStar * cosStar, alpha: Math.atan2(pPerp, pPar) };
}

/**
 * Polar angle to the beam of a direction at opening angle α and azimuth φ around a parent
 * direction at polar angle θ_M (spherical law of cosines in haversine form, exact and free
 * of cancellation at μrad angles); φ = 0 is the side facing the beam axis (θ = |θ_M − α|). rad.
 */
export function combineAngles(thetaM: number, alpha: number, phi: number): number {
  const h = Math.sin((thetaM - alpha) / 2) ** 2 + Math.sin(thetaM) * Math.sin(alpha) * Math.sin(phi / 2) ** 2;
  return 2 * Math.asin(Math.sqrt(Math.min(1, h)));
}

/** A callback receiving one quadrature point: Z_D energy (GeV), polar angle (rad), cross section (GeV⁻²). */
export type PointSink = (energy: number, theta: number, sigma: number) => void;

/**
 * A callback receiving a run of n quadrature points at one Z_D energy (GeV): polar angles (rad)
 * and cross sections (GeV⁻²) in theta[0..n), sigma[0..n) — buffers the caller reuses, to be read
 * during the call. The points and their order are those a {@link PointSink} receives one by one.
 */
export type RunSink = (energy: number, theta: Float64Array, sigma: Float64Array, n: number) => void;

/** A {@link RunSink} that hands each point of a run to `sink` in order. */
export function runsToPoints(sink: PointSink): RunSink {
  return (E, th, sg, n) => {
    for (let i = 0; i < n; i++) sink(E, th[i]!, sg[i]!);
  };
}

/** Quadrature settings of {@link zdFromMesonDecays}. */
export interface MesonDecayQuadrature {
  /** Sub-cells per meson bin in log θ and in log p (midpoint rule; default 3). */
  readonly subdivisions?: number;
  /** Gauss–Legendre nodes in cos θ* (default 24). */
  readonly cosNodes?: number;
  /** Azimuth nodes (periodic trapezoid; default 24). */
  readonly phiNodes?: number;
  /** Only Z_D with θ below this reach the sink (rad); meson cells that cannot feed it are skipped. */
  readonly thetaMax: number;
  /** Only Z_D with energy above this reach the sink (GeV, default 0). */
  readonly energyMin?: number;
}

/**
 * Feeds `sink` with the Z_D from M → γ Z_D for every bin of a meson spectrum, at ε = 1
 * (multiply by ε² for another mixing: the BR is ∝ ε²). Each meson bin is split into
 * subdivisions² cells uniform in (log θ, log p); in each, the isotropic rest-frame decay is
 * integrated with Gauss–Legendre in cos θ* and the trapezoid rule in the azimuth. The sum of
 * all weights equals BR(ε=1) × Σ σ_bin over the cells that can feed the cone (test).
 * Deterministic; no random numbers. The points of {@link zdRunsFromMesonDecays}, one by one.
 */
export function zdFromMesonDecays(
  spectrum: AngleMomentumSpectrum,
  meson: Meson,
  mZD: number,
  quad: MesonDecayQuadrature,
  sink: PointSink,
): void {
  zdRunsFromMesonDecays(spectrum, meson, mZD, quad, runsToPoints(sink));
}

/**
 * {@link zdFromMesonDecays} in runs: for each cell and cos θ* node, the azimuth nodes inside the
 * cone share one Z_D energy and go to `run` in one call (polar angles increasing), so a
 * histogram finds the energy's cell once per run. The same points in the same order.
 */
export function zdRunsFromMesonDecays(
  spectrum: AngleMomentumSpectrum,
  meson: Meson,
  mZD: number,
  quad: MesonDecayQuadrature,
  run: RunSink,
): void {
  const M = MESON_MASS[meson];
  requirePositive("thetaMax", quad.thetaMax);
  const br = brMesonToGammaZD(meson, mZD, 1);
  if (br === 0) return;
  const nSub = quad.subdivisions ?? 3;
  const nc = quad.cosNodes ?? 24;
  const nphi = quad.phiNodes ?? 24;
  const eMin = quad.energyMin ?? 0;
  const { eStar, pStar } = restFrameZD(M, mZD);
  const betaStar = pStar / eStar;
  const gl = gaussLegendre(nc);
  const w = spectrum.binWidth;
  // φ_k and φ_{n−1−k} = 2π − φ_k give the same polar angle (sin²(φ/2) is symmetric about π):
  // each distinct node once, with the weight of the nodes it stands for (exact)
  const phis = Array.from({ length: Math.ceil(nphi / 2) }, (_, k) => (2 * Math.PI * (k + 0.5)) / nphi);
  const sinHalf2 = Float64Array.from(phis, (p) => Math.sin(p / 2) ** 2);
  const mult = Float64Array.from(phis, (_, k) => (2 * k + 1 === nphi ? 1 : 2));
  const thetaMax = quad.thetaMax, nK = sinHalf2.length;
  const runTheta = new Float64Array(nK), runSigma = new Float64Array(nK);
  spectrum.sigma.forEach((sig, i) => {
    if (!(sig > 0)) return;
    const lt = spectrum.log10Theta[i] as number;
    const lp = spectrum.log10P[i] as number;
    // largest Z_D energy from this bin: a Z_D below eMin everywhere can be skipped
    const pHi = 10 ** (lp + w / 2);
    const eHi = Math.hypot(pHi, M);
    if ((eHi / M) * (eStar + pStar) < eMin) return;
    for (let a = 0; a < nSub; a++) {
      const thetaM = 10 ** (lt - w / 2 + ((a + 0.5) * w) / nSub);
      for (let b = 0; b < nSub; b++) {
        const p = 10 ** (lp - w / 2 + ((b + 0.5) * w) / nSub);
        const E = Math.hypot(p, M);
        const betaM = p / E;
        // largest opening angle: tan α_max = β*/(γ_M √(β_M² − β*²)) if β_M > β*, else any
        if (betaM > betaStar) {
          const tanMax = betaStar / ((E / M) * Math.sqrt((betaM - betaStar) * (betaM + betaStar)));
          if (thetaM - Math.atan(tanMax) > thetaMax) continue;
        }
        const cellSigma = (sig * br) / (nSub * nSub);
        const st = Math.sin(thetaM);
        for (let c = 0; c < nc; c++) {
          const { energy, alpha } = boostDaughter(E, M, eStar, pStar, gl.x[c] as number);
          if (energy < eMin) continue;
          const wc = (cellSigma * (gl.w[c] as number)) / 2 / nphi;
          const sta = st * Math.sin(alpha);
          const h0 = Math.sin((thetaM - alpha) / 2) ** 2;
          // θ grows with sin²(φ/2): once past thetaMax, every later node is too
          let n = 0;
          for (let k = 0; k < nK; k++) {
            const h = h0 + sta * sinHalf2[k]!;
            const th = 2 * Math.asin(Math.sqrt(Math.min(1, h)));
            if (!(th < thetaMax)) break;
            runTheta[n] = th;
            runSigma[n++] = wc * mult[k]!;
          }
          if (n > 0) run(energy, runTheta, runSigma, n);
        }
      }
    }
  });
}
