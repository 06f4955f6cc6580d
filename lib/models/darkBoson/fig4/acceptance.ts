/**
 * N from Z_D → N N̄ through a square detector face (Fig. 4 of arXiv:2011.04751; derivation in
 * docs/derivations/fig4.md §3). The Z_D are produced at the IP (π⁰/η → γZ_D, FWW bremsstrahlung,
 * lib/ip) with an azimuthally symmetric distribution in (E_Z, θ_Z); each decays to N N̄,
 * and the N — not the Z_D — must hit the face |x|, |y| < a at distance L.
 *
 * Geometry. For a Z_D at polar angle θ_Z and an N at opening angle α (rest-frame polar angle θ*
 * around the Z_D lab direction) and azimuth φ* around it, the N polar angle is
 * θ_N = combineAngles(θ_Z, α, φ*) (spherical law of cosines). Because the Z_D azimuth is uniform
 * and independent of (θ_Z, α, φ*), the N azimuth ψ is uniform and independent of θ_N, so the
 * square face accepts the fraction f_sq(tan θ_N · L/a) of each ring (see {@link squareRingFraction}).
 * Two N per decay × BR(Z_D → N N̄).
 *
 * Angular distribution in the Z_D rest frame (helicity axis = Z_D lab direction), r = 4m_N²/m_ZD²,
 * vector current Z_D N̄γ^μN: helicity ±1: 1 + cos²θ* + r sin²θ*; helicity 0: 2(sin²θ* + r cos²θ*)
 * (the Kroll–Wada form of P → γ ℓ⁺ℓ⁻, Phys. Rev. 98 (1955) 1355); their unpolarised average is flat.
 *
 * Units: GeV, GeV⁻¹ for lengths, rad.
 */
import { gaussLegendre } from "../../../core/quadrature";
import { type BremOptions, zdRunsFromBremsstrahlung } from "../../../ip/bremsstrahlung";
import { type MesonDecayQuadrature, type RunSink, zdRunsFromMesonDecays } from "../../../ip/mesonDecay";
import { defaultMesonSpectrum, type Meson } from "../../../ip/mesons";
import { PRIMARY_SOURCES, type PrimarySource } from "../../../ip/primary";
import type { AngleMomentumSpectrum } from "../../../ip/mesonTable";
import type { Random } from "../../../core/random";
import { requireInRange, requirePositive } from "../../../core/validate";
import { safeCellBounds } from "./zdCells";

/** Z_D polarisation along its lab direction assumed for Z_D → N N̄ (module comment). */
export type ZDPolarisation = "unpolarised" | "transverse" | "longitudinal";
export const ZD_POLARISATIONS: readonly ZDPolarisation[] = ["unpolarised", "transverse", "longitudinal"];

/** A detector face normal to the beam at `distance` from the production point: the square |x|, |y| < halfWidth or the disc r < radius (GeV⁻¹). */
export type DetectorFace =
  | { readonly shape: "square"; readonly halfWidth: number; readonly distance: number }
  | { readonly shape: "disc"; readonly radius: number; readonly distance: number };

/** Angular radii (rad) inside which every ring is accepted and beyond which none is (disc: also sin²(outer/2)). */
function faceAngles(face: DetectorFace): { readonly inner: number; readonly outer: number; readonly scale: number; readonly sinHalfOuter2: number } {
  requirePositive("distance", face.distance);
  if (face.shape === "square") {
    requirePositive("halfWidth", face.halfWidth);
    const A = face.halfWidth / face.distance;
    return { inner: Math.atan(A), outer: Math.atan(A * Math.SQRT2), scale: A, sinHalfOuter2: 0 };
  }
  if (face.shape === "disc") {
    requirePositive("radius", face.radius);
    const A = Math.atan(face.radius / face.distance);
    return { inner: A, outer: A, scale: A, sinHalfOuter2: Math.sin(A / 2) ** 2 };
  }
  throw new RangeError(`face.shape = ${JSON.stringify((face as { shape: unknown }).shape)} is not one of "square", "disc"`);
}

/** Z_D yield in cells of (log10 E_Z, θ_Z): weight-averaged E and θ per cell, counts for the exposure. */
export interface ZDAngularHistogram {
  readonly mZD: number;
  /** Per non-empty cell: mean energy (GeV), mean polar angle (rad), Z_D count. */
  readonly energy: Float64Array;
  readonly theta: Float64Array;
  readonly count: Float64Array;
  /** Upper edge of the θ_Z range included, rad. */
  readonly thetaMax: number;
}

/** Options of {@link zdAngularHistogram}. */
export interface ZDHistogramOptions {
  readonly sources?: readonly PrimarySource[];
  readonly mesonSpectra?: Partial<Readonly<Record<Meson, AngleMomentumSpectrum>>>;
  readonly mesonQuadrature?: Omit<MesonDecayQuadrature, "thetaMax" | "energyMin">;
  readonly brem?: BremOptions;
  /** θ cells (default 48; sinh-spaced, linear below θ₀ = thetaScale/8, logarithmic above). */
  readonly thetaBins?: number;
  /** log10 E cell width (default 0.02 dex). */
  readonly logEStep?: number;
}

/**
 * Z_D from the IP with θ_Z < thetaMax and E_Z > energyMin, luminosity × ε² × σ, binned in
 * sinh-spaced θ cells (scale `thetaScale`, the face's angular half-width) and log E cells.
 */
export function zdAngularHistogram(mZD: number, eps: number, luminosity: number, thetaMax: number, thetaScale: number, energyMin: number, opts: ZDHistogramOptions = {}): ZDAngularHistogram {
  return zdAngularHistograms(mZD, eps, luminosity, [{ thetaMax, thetaScale, energyMin }], opts)[0]!;
}

/** The cone, cell scale and energy cut of one histogram of {@link zdAngularHistograms}. */
export interface ZDHistogramCut {
  readonly thetaMax: number;
  readonly thetaScale: number;
  readonly energyMin: number;
}

/**
 * Several {@link zdAngularHistogram}s of one production (same m_ZD, ε, luminosity, options) with
 * their own cones and cells: the meson decays are integrated once, on the widest cone and lowest
 * energy, and every point goes to each histogram that accepts it — the same points in the same
 * order as separate calls, so the same numbers. (Bremsstrahlung is integrated per histogram: its
 * θ rule is split at each histogram's cell edges.)
 */
export function zdAngularHistograms(mZD: number, eps: number, luminosity: number, cuts: readonly ZDHistogramCut[], opts: ZDHistogramOptions = {}): ZDAngularHistogram[] {
  requirePositive("mZD", mZD);
  if (cuts.length === 0) return [];
  const hs = cuts.map((c) => histogramBuilder(mZD, eps * eps * luminosity, c, opts));
  const sources = opts.sources ?? PRIMARY_SOURCES;
  const thetaMax = Math.max(...cuts.map((c) => c.thetaMax)), energyMin = Math.min(...cuts.map((c) => c.energyMin));
  const runs = hs.map((h) => h.run);
  const run: RunSink = runs.length === 1 ? runs[0]! : (E, th, s, n) => {
    for (let i = 0; i < runs.length; i++) runs[i]!(E, th, s, n);
  };
  for (const m of ["pi0", "eta"] as const) {
    if (!sources.includes(m)) continue;
    zdRunsFromMesonDecays(opts.mesonSpectra?.[m] ?? defaultMesonSpectrum(m), m, mZD, { ...opts.mesonQuadrature, thetaMax, energyMin }, run);
  }
  // bremsstrahlung in runs (one call per momentum node: its θ nodes)
  if (sources.includes("brem")) hs.forEach((h, i) => zdRunsFromBremsstrahlung(mZD, { thetaMax: cuts[i]!.thetaMax, thetaBreaks: h.edges.slice(1, -1), energyMin: cuts[i]!.energyMin, thetaNodes: 4 }, h.run, opts.brem));
  return hs.map((h) => h.finish());
}

/** The cells of one histogram: its sink (cuts applied) and the read-out. */
function histogramBuilder(mZD: number, scale: number, cut: ZDHistogramCut, opts: ZDHistogramOptions) {
  const { thetaMax, thetaScale, energyMin } = cut;
  requirePositive("thetaMax", thetaMax);
  requirePositive("thetaScale", thetaScale);
  requireInRange("energyMin", energyMin, 1, 1e4);
  const nT = opts.thetaBins ?? 48;
  const dL = opts.logEStep ?? 0.02;
  if (!Number.isInteger(nT) || nT < 4) throw new RangeError(`thetaBins = ${nT} must be an integer ≥ 4`);
  requireInRange("logEStep", dL, 1e-4, 0.5);
  const t0 = thetaScale / 8;
  const du = Math.asinh(thetaMax / t0) / nT;
  const edges = Array.from({ length: nT + 1 }, (_, k) => t0 * Math.sinh(k * du));
  const nE = Math.ceil(4.2 / dL);
  const w = new Float64Array(nT * nE), wE = new Float64Array(nT * nE), wT = new Float64Array(nT * nE);
  // θ cell k = min(nT − 1, ⌊asinh(θ/θ₀)/du⌋): a point inside the last cell's safe bounds takes it without the asinh
  const { lo: kLo, hi: kHi } = safeCellBounds(t0, du, nT);
  let lastK = 0, bLo = Infinity, bHi = -Infinity;
  /** θ cell of a point (the last cell's, the next cell up's — the quadratures' θ mostly grow within a run — else the asinh's). */
  const cellOf = (th: number): number => {
    if (th >= bLo && th <= bHi) return lastK;
    const up = lastK + 1;
    const k = (lastK = up < nT && th >= kLo[up]! && th <= kHi[up]! ? up : Math.min(nT - 1, Math.floor(Math.asinh(th / t0) / du)));
    bLo = kLo[k]!;
    bHi = kHi[k]!;
    return k;
  };
  // the quadratures feed runs of points at one energy: its cell is computed once per run
  const run: RunSink = (E, ths, ss, n) => {
    if (!(E >= energyMin)) return;
    const j = Math.floor(Math.log10(E) / dL);
    if (j < 0 || j >= nE) return;
    for (let i = 0; i < n; i++) {
      const th = ths[i]!, s = ss[i]!;
      if (!(th < thetaMax) || !(s > 0)) continue;
      const c = cellOf(th) * nE + j;
      w[c]! += s;
      wE[c]! += s * E;
      wT[c]! += s * th;
    }
  };
  const finish = (): ZDAngularHistogram => {
    const E: number[] = [], T: number[] = [], C: number[] = [];
    for (let c = 0; c < w.length; c++) {
      if (!(w[c]! > 0)) continue;
      E.push(wE[c]! / w[c]!);
      T.push(wT[c]! / w[c]!);
      C.push(scale * w[c]!);
    }
    return { mZD, energy: Float64Array.from(E), theta: Float64Array.from(T), count: Float64Array.from(C), thetaMax };
  };
  return { edges, run, finish };
}

/**
 * Fraction of a ring of radius ρ (in units of the half-width a) centred on a square |x|, |y| < 1
 * that lies inside it: 1 for ρ ≤ 1, 1 − (4/π) arccos(1/ρ) for 1 < ρ < √2, 0 beyond. Dimensionless.
 */
export function squareRingFraction(rho: number): number {
  if (rho <= 1) return 1;
  if (rho >= Math.SQRT2) return 0;
  return 1 - (4 / Math.PI) * Math.acos(1 / rho);
}

/** Normalised rest-frame density in c = cos θ* (∫ f dc/2 = 1) for the polarisation (module comment), r = 4m_N²/m_ZD². */
export function decayAngularWeight(pol: ZDPolarisation, c: number, r: number): number {
  if (pol === "unpolarised") return 1;
  const s2 = 1 - c * c;
  if (pol === "transverse") return (1 + c * c + r * s2) / (4 / 3 + (2 * r) / 3);
  if (pol === "longitudinal") return (s2 + r * c * c) / (2 / 3 + r / 3);
  throw new RangeError(`polarisation = ${JSON.stringify(pol)} is not one of ${ZD_POLARISATIONS.join(", ")}`);
}

/** Options of {@link nSpectrumThroughFace}. */
export interface NFaceOptions {
  readonly polarisation?: ZDPolarisation;
  /** Gauss–Legendre nodes in cos θ* (default 24) and midpoint nodes in φ* ∈ [0, π] (default 24). */
  readonly cosNodes?: number;
  readonly phiNodes?: number;
  /** Lowest N energy kept, GeV (default 1). */
  readonly energyMin?: number;
  /** Diagnostic: put every N on the Z_D direction (α = 0), the approximation this module replaces. */
  readonly collinear?: boolean;
}

/**
 * Fraction of the N at opening angle α around a Z_D at θ_Z (averaged over φ* and the azimuth)
 * that hits the face. Disc: exact, the φ* arc with θ_N < Θ, 2 asin(√((sin²(Θ/2) − h₀)/(sin θ_Z sin α)))/π.
 * Square: midpoint rule in φ* of the ring fraction (nodes sin²(½φ*) given, increasing). The
 * nodes' h = sin²(θ_N/2) grow with sin²(½φ*), so once a node is past the square's corner (ring
 * fraction 0) or at θ_N ≥ π/2, every later node is too: the loop stops there (the same sum).
 */
function ringAcceptance(face: DetectorFace, ang: ReturnType<typeof faceAngles>, thZ: number, alpha: number, sinHalf2: Float64Array): number {
  if (thZ + alpha <= ang.inner) return 1;
  if (Math.abs(thZ - alpha) >= ang.outer) return 0;
  const st = Math.sin(thZ) * Math.sin(alpha), h0 = Math.sin((thZ - alpha) / 2) ** 2;
  if (face.shape === "disc") {
    const q = (ang.sinHalfOuter2 - h0) / st;
    return q >= 1 ? 1 : q <= 0 ? 0 : (2 * Math.asin(Math.sqrt(q))) / Math.PI;
  }
  // tan θ_N from h = sin²(θ_N/2): tan θ = 2√(h(1−h))/(1 − 2h) (θ_N ≥ π/2 never reaches the face)
  let f = 0;
  const n = sinHalf2.length, scale = ang.scale;
  for (let k = 0; k < n; k++) {
    const h = Math.min(1, h0 + st * sinHalf2[k]!);
    if (h >= 0.5) break;
    const rho = (2 * Math.sqrt(h * (1 - h))) / (1 - 2 * h) / scale;
    if (rho >= Math.SQRT2) break;
    f += squareRingFraction(rho);
  }
  return f / n;
}

/** Lab kinematics of N at rest-frame cos θ* from a Z_D of energy E: energy and opening angle α. GeV, rad. */
function nLab(E: number, mZD: number, eS: number, pS: number, c: number): { readonly e: number; readonly alpha: number } {
  const g = E / mZD;
  const bg = Math.sqrt((E - mZD) * (E + mZD)) / mZD;
  const s = Math.sqrt(Math.max(0, 1 - c * c));
  return { e: g * eS + bg * pS * c, alpha: Math.atan2(pS * s, g * pS * c + bg * eS) };
}

/**
 * N through a square face from Z_D → N N̄ (2 × BR per decay), integrated over the N direction:
 * Gauss–Legendre in cos θ*, midpoint rule in φ*, the square's ring fraction in the N azimuth.
 * Histogram on 100 bins per decade from 1 GeV up to the largest Z_D energy (mean energy per bin). Counts.
 */
export function nSpectrumThroughFace(zd: ZDAngularHistogram, mN: number, br: number, face: DetectorFace, opts: NFaceOptions = {}): { energy: Float64Array; count: Float64Array } {
  const mZD = zd.mZD;
  if (!(mZD > 2 * mN)) return { energy: new Float64Array(0), count: new Float64Array(0) };
  const pol = opts.polarisation ?? "unpolarised";
  const nc = opts.cosNodes ?? 24, nphi = opts.phiNodes ?? 24;
  const eKeep = opts.energyMin ?? 1;
  const gl = gaussLegendre(nc);
  const sinHalf2 = Float64Array.from({ length: nphi }, (_, k) => Math.sin((Math.PI * (k + 0.5)) / nphi / 2) ** 2);
  const ang = faceAngles(face);
  const eS = mZD / 2, pS = Math.sqrt(eS * eS - mN * mN), r = (4 * mN * mN) / (mZD * mZD);
  requireInRange("energyMin", eKeep, 1, Infinity);
  let eMax = 1;
  for (const E of zd.energy) if (E > eMax) eMax = E;
  const nb = Math.ceil(Math.log10(eMax) * 100) + 1; // 100 bins per decade from 1 GeV, up to the largest Z_D energy
  const w = new Float64Array(nb), wE = new Float64Array(nb);
  // per cos θ* node: p* sin θ* of nLab and the angular weight, once (nLab's products in its order: the energy bins need the same bits)
  const ps = Float64Array.from(gl.x, (x) => pS * Math.sqrt(Math.max(0, 1 - x * x)));
  const dw = Float64Array.from(gl.x, (x) => decayAngularWeight(pol, x, r));
  const collinear = opts.collinear === true;
  for (let i = 0; i < zd.count.length; i++) {
    const EZ = zd.energy[i]!, thZ = zd.theta[i]!;
    if (!(EZ > mZD)) continue;
    const n = zd.count[i]! * 2 * br;
    // nLab's boost of this Z_D cell
    const g = EZ / mZD, bg = Math.sqrt((EZ - mZD) * (EZ + mZD)) / mZD;
    const geS = g * eS, bgpS = bg * pS, gpS = g * pS, bgeS = bg * eS;
    for (let c = 0; c < nc; c++) {
      const x = gl.x[c]!;
      const e = geS + bgpS * x;
      if (!(e >= eKeep)) continue;
      const alpha = collinear ? 0 : Math.atan2(ps[c]!, gpS * x + bgeS);
      const frac = ringAcceptance(face, ang, thZ, alpha, sinHalf2);
      if (frac === 0) continue;
      const v = (n * gl.w[c]! * dw[c]! * frac) / 2;
      const j = Math.floor(Math.log10(e) * 100);
      if (j < 0 || j >= nb) continue;
      w[j]! += v;
      wE[j]! += v * e;
    }
  }
  const E: number[] = [], C: number[] = [];
  for (let j = 0; j < nb; j++) {
    if (w[j]! > 0) {
      E.push(wE[j]! / w[j]!);
      C.push(w[j]!);
    }
  }
  return { energy: Float64Array.from(E), count: Float64Array.from(C) };
}

/**
 * Monte Carlo cross-check of {@link nSpectrumThroughFace} with full 3-vectors: Z_D cells drawn
 * by weight, a uniform Z_D azimuth, cos θ* from the polarisation density (rejection), a uniform
 * φ*, the N boosted to the lab and propagated to the plane z = L; accepted if |x|, |y| < a.
 * Returns Σ_accepted weight × g(E_N) and its standard error, for a caller's g (e.g. σ(E_N)).
 */
export function nOnDetectorFaceMC(zd: ZDAngularHistogram, mN: number, br: number, face: DetectorFace, g: (E: number) => number, rng: Random, samples: number, opts: Pick<NFaceOptions, "polarisation" | "energyMin"> = {}): { readonly value: number; readonly error: number } {
  const mZD = zd.mZD;
  const pol = opts.polarisation ?? "unpolarised";
  const eKeep = opts.energyMin ?? 1;
  const eS = mZD / 2, pS = Math.sqrt(eS * eS - mN * mN), r = (4 * mN * mN) / (mZD * mZD);
  const cum = new Float64Array(zd.count.length);
  let tot = 0;
  zd.count.forEach((c, i) => (cum[i] = tot += c));
  const fMax = pol === "unpolarised" ? 1 : Math.max(decayAngularWeight(pol, 0, r), decayAngularWeight(pol, 1, r));
  let s = 0, s2 = 0;
  for (let n = 0; n < samples; n++) {
    const u = rng() * tot;
    let lo = 0, hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    const EZ = zd.energy[lo]!, thZ = zd.theta[lo]!, phZ = 2 * Math.PI * rng();
    let c: number;
    do c = 2 * rng() - 1;
    while (rng() * fMax > decayAngularWeight(pol, c, r));
    const phi = 2 * Math.PI * rng();
    const { e, alpha } = nLab(EZ, mZD, eS, pS, c);
    let val = 0;
    if (e >= eKeep) {
      // N direction: rotate (sin α cos φ, sin α sin φ, cos α) from the Z_D frame to the lab
      const dx = Math.sin(alpha) * Math.cos(phi), dy = Math.sin(alpha) * Math.sin(phi), dz = Math.cos(alpha);
      const ct = Math.cos(thZ), st = Math.sin(thZ);
      const x1 = ct * dx + st * dz, z1 = -st * dx + ct * dz;
      const X = Math.cos(phZ) * x1 - Math.sin(phZ) * dy, Y = Math.sin(phZ) * x1 + Math.cos(phZ) * dy;
      const x = (X / z1) * face.distance, y = (Y / z1) * face.distance;
      const inside = face.shape === "square" ? Math.abs(x) < face.halfWidth && Math.abs(y) < face.halfWidth : x * x + y * y < face.radius * face.radius;
      if (z1 > 0 && inside) val = g(e);
    }
    s += val;
    s2 += val * val;
  }
  const mean = s / samples;
  const scale = tot * 2 * br;
  return { value: scale * mean, error: (scale * Math.sqrt(Math.max(0, s2 / samples - mean * mean))) / Math.sqrt(samples) };
}

/** Largest Z_D polar angle that can feed an N with E_N ≥ eKeep into the face: corner + asin(p* ÷ p_keep). rad. */
export function zdConeForFace(face: DetectorFace, mZD: number, mN: number, eKeep: number): number {
  const pS = Math.sqrt(Math.max(0, (mZD / 2) ** 2 - mN * mN));
  const pKeep = Math.sqrt(Math.max(0, eKeep * eKeep - mN * mN));
  return faceAngles(face).outer + (pKeep > pS ? Math.asin(pS / pKeep) : Math.PI / 2);
}

/** Where the Z_D come from: exposure and production inputs (defaults: the 14 TeV embedded meson fit, FWW brem at 7 TeV). */
export interface ZDProductionInputs extends Omit<ZDHistogramOptions, "thetaBins" | "logEStep"> {
  /** Integrated luminosity (GeV²) or POT × interactions/σ_ref (lib/ip/charm2.ts). */
  readonly luminosity: number;
}

/** Options of {@link nSpectrumFromZDThroughFace}: the N integration plus the Z_D cell sizes. */
export type FaceSpectrumOptions = NFaceOptions & Pick<ZDHistogramOptions, "thetaBins" | "logEStep">;

/**
 * N from Z_D → N N̄ (Z_D at mixing ε from `prod`) that hit `face` with E_N ≥ energyMin: the Z_D
 * inside the exact feeding cone {@link zdConeForFace}, then {@link nSpectrumThroughFace}. Counts.
 */
export function nSpectrumFromZDThroughFace(mZD: number, eps: number, mN: number, br: number, face: DetectorFace, prod: ZDProductionInputs, opts: FaceSpectrumOptions = {}): { energy: Float64Array; count: Float64Array } {
  return nSpectraFromZDThroughFaces(mZD, eps, mN, br, [{ face, energyMin: opts.energyMin ?? 1 }], prod, opts)[0]!;
}

/**
 * {@link nSpectrumFromZDThroughFace} for several faces (each with its lowest N energy) of one Z_D
 * production: the Z_D histograms share their meson-decay pass ({@link zdAngularHistograms}); the
 * same numbers as separate calls.
 */
export function nSpectraFromZDThroughFaces(mZD: number, eps: number, mN: number, br: number, faces: readonly { readonly face: DetectorFace; readonly energyMin: number }[], prod: ZDProductionInputs, opts: Omit<FaceSpectrumOptions, "energyMin"> = {}): { energy: Float64Array; count: Float64Array }[] {
  if (!(mZD > 2 * mN)) return faces.map(() => ({ energy: new Float64Array(0), count: new Float64Array(0) }));
  const { luminosity, ...production } = prod;
  const cuts = faces.map(({ face, energyMin }) => ({ thetaMax: zdConeForFace(face, mZD, mN, energyMin), thetaScale: faceAngles(face).scale, energyMin: Math.max(1, Math.min(energyMin, 1e4)) }));
  const hs = zdAngularHistograms(mZD, eps, luminosity, cuts, {
    ...production,
    ...(opts.thetaBins !== undefined ? { thetaBins: opts.thetaBins } : {}),
    ...(opts.logEStep !== undefined ? { logEStep: opts.logEStep } : {}),
  });
  return hs.map((h, i) => nSpectrumThroughFace(h, mN, br, faces[i]!.face, { ...opts, energyMin: faces[i]!.energyMin }));
}
