/**
 * Fits the embedded default π⁰ and η spectra (lib/ip/mesons.ts) to the EPOS-LHC
 * 14 TeV tables and writes data/mesons-default.json.
 *
 *   npx tsx scripts/fit-mesons.ts [--hadrons-dir data/hadrons] [--out data/mesons-default.json]
 *
 * Method: the bin contents are treated as Poisson counts N = σ_bin / w, with w the smallest
 * non-zero bin of the file (the generator's per-particle weight), and the log-linear model
 * ln μ = ln(p_T² x Δ² / w) + Σ_k c_k φ_k(x, p_T) is fitted by maximum likelihood (Newton's
 * method with step halving on the Poisson deviance, which is convex in c). Empty bins
 * inside the domain take part (they pin the tails). Bins within twice the FASER 2 opening
 * angle get 5× weight, so that the accepted region, not the 20 mrad cone, drives the fit.
 * Only bin centres inside the domain θ < 20 mrad, p > 8 GeV, x < 1, p_T < 3 GeV are used.
 */
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { type MesonFit, mesonBasis } from "../lib/ip/mesonFit";
import { type AngleMomentumSpectrum, readAngleMomentumTable } from "../lib/ip/mesonTable";
import { pb } from "../lib/core/units";

const POWERS: [number, number, number][] = [
  [0, 0, 0], [1, 0, 0], [2, 0, 0], [3, 0, 0], [4, 0, 0],
  [0, 0, 0.5], [1, 0, 0.5], [2, 0, 0.5],
  [0, 0, 1], [1, 0, 1], [2, 0, 1], [3, 0, 1],
  [0, 0, 2], [1, 0, 2], [2, 0, 2],
  [0, 1, 0], [1, 1, 0], [0, 1, 1], [0, 2, 0],
];
const DOMAIN = { pBeam: 7000, thetaMax: 0.02, pMin: 8, pTMax: 3 };
/** FASER 2 opening angle R/L = 1 m / 482.2 m (front face of the vessel). */
const THETA_ACC = 1 / 482.2;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/**
 * Solves A x = b (A symmetric positive definite) by Cholesky. Written here rather than with
 * mathjs: mathjs has no Cholesky factorisation, and its LU solve (lusolve) would silently solve
 * an indefinite Hessian, whereas the failure of Cholesky is what switches on the
 * Levenberg–Marquardt damping below.
 */
function choleskySolve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const L = A.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i]![j]!;
      for (let k = 0; k < j; k++) s -= L[i]![k]! * L[j]![k]!;
      if (i === j) {
        if (!(s > 0)) throw new Error(`matrix not positive definite at ${i}`);
        L[i]![i] = Math.sqrt(s);
      } else L[i]![j] = s / L[j]![j]!;
    }
  }
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= L[i]![k]! * y[k]!;
    y[i] = s / L[i]![i]!;
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= L[k]![i]! * x[k]!;
    x[i] = s / L[i]![i]!;
  }
  return x;
}

interface Row {
  phi: number[];
  off: number;
  N: number;
  wt: number;
}

function fitOne(tab: AngleMomentumSpectrum): { fit: MesonFit; iterations: number; deviance: number } {
  const w = tab.binWidth;
  let unit = Infinity;
  for (const s of tab.sigma) if (s > 0 && s < unit) unit = s;
  const rows: Row[] = [];
  tab.sigma.forEach((s, i) => {
    const th = 10 ** tab.log10Theta[i]!;
    const p = 10 ** tab.log10P[i]!;
    const x = p / DOMAIN.pBeam;
    const pT = p * Math.sin(th);
    if (!(th < DOMAIN.thetaMax && p > DOMAIN.pMin && x < 1 && pT < DOMAIN.pTMax)) return;
    rows.push({
      phi: mesonBasis(POWERS, x, pT),
      off: Math.log(((pT * pT * x * w * w) * pb) / unit),
      N: s / unit,
      wt: th < 2 * THETA_ACC ? 5 : 1,
    });
  });
  const K = POWERS.length;
  // standardise the basis for a well-conditioned Newton step
  const mean = new Array<number>(K).fill(0);
  const sd = new Array<number>(K).fill(0);
  for (const r of rows) r.phi.forEach((v, k) => (mean[k]! += v / rows.length));
  for (const r of rows) r.phi.forEach((v, k) => (sd[k]! += (v - mean[k]!) ** 2 / rows.length));
  const isConst = POWERS.map(([a, b, c]) => a === 0 && b === 0 && c === 0);
  for (let k = 0; k < K; k++) {
    sd[k] = isConst[k] ? 1 : Math.sqrt(sd[k]!);
    if (isConst[k]) mean[k] = 0;
  }
  const G = rows.map((r) => r.phi.map((v, k) => (v - mean[k]!) / sd[k]!));
  const c = new Array<number>(K).fill(0);
  const k0 = isConst.indexOf(true);
  let sN = 0;
  let sE = 0;
  rows.forEach((r) => {
    sN += r.wt * r.N;
    sE += r.wt * Math.exp(r.off);
  });
  c[k0] = Math.log(sN / sE);
  const eta = (cc: number[], i: number) => {
    let e = rows[i]!.off;
    const g = G[i]!;
    for (let k = 0; k < K; k++) e += cc[k]! * g[k]!;
    return e;
  };
  const deviance = (cc: number[]) => {
    let D = 0;
    for (let i = 0; i < rows.length; i++) {
      const e = eta(cc, i);
      if (e > 700) return Infinity;
      D += rows[i]!.wt * (Math.exp(e) - rows[i]!.N * e);
    }
    return D;
  };
  let D = deviance(c);
  let it = 0;
  for (; it < 300; it++) {
    const grad = new Array<number>(K).fill(0);
    const H = Array.from({ length: K }, () => new Array<number>(K).fill(0));
    for (let i = 0; i < rows.length; i++) {
      const mu = Math.exp(eta(c, i));
      const r = rows[i]!;
      const g = G[i]!;
      for (let a = 0; a < K; a++) {
        grad[a]! += r.wt * (mu - r.N) * g[a]!;
        for (let b = 0; b <= a; b++) H[a]![b]! += r.wt * mu * g[a]! * g[b]!;
      }
    }
    for (let a = 0; a < K; a++) for (let b = 0; b < a; b++) H[b]![a] = H[a]![b]!;
    // Newton step; if round-off makes H numerically indefinite, damp it (Levenberg–Marquardt)
    let dc: number[] | undefined;
    for (let lambda = 0; dc === undefined; lambda = lambda === 0 ? 1e-12 : lambda * 10) {
      try {
        dc = choleskySolve(H.map((row, a) => row.map((v, b) => (a === b ? v * (1 + lambda) : v))), grad.map((v) => -v));
      } catch (e) {
        if (lambda > 1) throw e;
      }
    }
    let step = 1;
    let cNew = c;
    let DNew = D;
    while (step > 1e-10) {
      cNew = c.map((v, k) => v + step * dc![k]!);
      DNew = deviance(cNew);
      if (DNew <= D) break;
      step /= 2;
    }
    const done = Math.abs(D - DNew) <= 1e-13 * Math.abs(D);
    c.splice(0, K, ...cNew);
    D = DNew;
    if (done) break;
  }
  // back to the raw basis: Σ c_k (φ_k − m_k)/s_k = Σ (c_k/s_k) φ_k − Σ c_k m_k/s_k
  const raw = c.map((v, k) => v / sd[k]!);
  raw[k0] = raw[k0]! - c.reduce((s, v, k) => s + (isConst[k] ? 0 : (v * mean[k]!) / sd[k]!), 0);
  return { fit: { ...DOMAIN, powers: POWERS, coefficients: raw }, iterations: it + 1, deviance: D };
}

function main(): void {
  const dir = arg("--hadrons-dir") ?? join(__dirname, "..", "data", "hadrons");
  const out = resolve(arg("--out") ?? join(__dirname, "..", "data", "mesons-default.json"));
  const fits: Record<string, MesonFit> = {};
  const report: Record<string, unknown> = {};
  for (const [meson, pid] of [["pi0", 111], ["eta", 221]] as const) {
    const file = join(dir, "14TeV", "EPOSLHC", `EPOSLHC_14TeV_${pid}.txt`);
    const tab = readAngleMomentumTable(file);
    const r = fitOne(tab);
    fits[meson] = r.fit;
    report[meson] = { file: `hadrons/14TeV/EPOSLHC/EPOSLHC_14TeV_${pid}.txt`, newtonIterations: r.iterations };
    console.log(`${meson}: ${r.iterations} Newton iterations, deviance ${r.deviance.toExponential(6)}`);
  }
  const json = {
    provenance: {
      description:
        "Embedded default forward π⁰ and η spectra at √s = 14 TeV (pp, forward hemisphere): d²σ/(dlog10θ dlog10p) = (p_T/GeV)² x exp(Σ_k c_k (ln x)^a (ln(1−x))^b (p_T/GeV)^c) pb with x = p/p_beam, p_T = p sin θ; zero outside the domain.",
      fittedTo:
        "EPOS-LHC tables of FORESEE (github KlingFelix/FORESEE commit 2d6431f6f6e92287c1fe1b3003aea39234b29a4b, files/hadrons/14TeV/EPOSLHC, MIT licence), as shipped in data/hadrons/14TeV/EPOSLHC",
      method:
        "Poisson maximum likelihood (log-linear model, Newton with step halving) on the 0.05-dex bins with centres inside the domain; bins with θ < 2/482.2 weighted ×5",
      script: "scripts/fit-mesons.ts",
      command: "npx tsx scripts/fit-mesons.ts --hadrons-dir data/hadrons",
      domain: "θ < 20 mrad, 8 GeV < p < 7 TeV, p_T < 3 GeV (bin centres)",
      fits: report,
    },
    fits,
  };
  writeFileSync(out, JSON.stringify(json, null, 2) + "\n");
  console.log(`wrote ${out}`);
}

main();
