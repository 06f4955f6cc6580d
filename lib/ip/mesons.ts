/**
 * Forward π⁰ and η spectra at √s = 14 TeV: the FORESEE tables (EPOS-LHC, SIBYLL, QGSJET),
 * shipped in data/hadrons/14TeV (provenance in data/hadrons/14TeV/<GEN>/README.md), and a
 * smooth fit to the EPOS-LHC tables (`data/mesons-default.json`, made by
 * `scripts/fit-mesons.ts`; derivation in docs/derivations/primary-production.md).
 *
 * The default of the primary production is the shipped EPOS-LHC table ({@link shippedMesonSpectrum}).
 * The fit stays as an option (`mesonSpectra: { pi0: defaultMesonSpectrum("pi0"), … }`): it is
 * smooth where the tables' far-forward bins hold few Monte Carlo entries, and it defines the
 * spectrum between bins — a check of how much a count depends on the binning.
 *
 * Fit parametrisation (x = p/p_beam, p_T = p sin θ, p_beam = 7 TeV):
 *   d²σ/(dlog10θ dlog10p) = (p_T/GeV)² x exp(Σ_k c_k φ_k(x, p_T))  pb,
 *   φ_k = (ln x)^a (ln(1 − x))^b (p_T/GeV)^c  with (a, b, c) listed per coefficient.
 * The factor p_T² x is the Jacobian from the invariant-like density d²σ/(dx dp_T²), which
 * is smooth and finite as p_T → 0; the exponent is a low-order polynomial in ln x and p_T.
 * Valid inside the fit domain only (θ < θ_max, p_min < p < p_beam, p_T < p_T,max);
 * outside it the default is 0, and the functions say so by their domain fields.
 */
import { join } from "node:path";
import { dataDir } from "../core/dataDir";
import fitData from "../../data/mesons-default.json";
import { m_eta, m_pi0 } from "../core/constants";
import { requirePositive } from "../core/validate";
import { type AngleMomentumSpectrum, readAngleMomentumTable } from "./mesonTable";
import { type MesonFit, fittedMesonDensity } from "./mesonFit";

export { type MesonFit, fittedMesonDensity, mesonBasis } from "./mesonFit";

/** The two mesons of the issue. */
export type Meson = "pi0" | "eta";
/** The three event generators of the reference tables. */
export type Generator = "EPOSLHC" | "SIBYLL" | "QGSJET";
export const GENERATORS: readonly Generator[] = ["EPOSLHC", "SIBYLL", "QGSJET"];
export const MESONS: readonly Meson[] = ["pi0", "eta"];

/** PDG code of each meson. */
export const MESON_PID: Readonly<Record<Meson, number>> = { pi0: 111, eta: 221 };
/** Mass of each meson, GeV (constants.m_pi0, m_eta). */
export const MESON_MASS: Readonly<Record<Meson, number>> = { pi0: m_pi0, eta: m_eta };

function checkMeson(meson: string): asserts meson is Meson {
  if (meson !== "pi0" && meson !== "eta") throw new RangeError(`meson = ${JSON.stringify(meson)} is not one of "pi0", "eta"`);
}
function checkGenerator(g: string): asserts g is Generator {
  if (!(GENERATORS as readonly string[]).includes(g)) {
    throw new RangeError(`generator = ${JSON.stringify(g)} is not one of ${GENERATORS.map((x) => JSON.stringify(x)).join(", ")}`);
  }
}

/** Path of a 14 TeV meson table under a `hadrons` directory: `<dir>/14TeV/<GEN>/<GEN>_14TeV_<pid>.txt`. */
export function mesonTablePath(hadronsDir: string, generator: Generator, meson: Meson): string {
  checkGenerator(generator);
  checkMeson(meson);
  return join(hadronsDir, "14TeV", generator, `${generator}_14TeV_${MESON_PID[meson]}.txt`);
}

/** Reads and validates one generator's 14 TeV spectrum of a meson (see mesonTable.ts). */
export function readMesonSpectrum(hadronsDir: string, generator: Generator, meson: Meson): AngleMomentumSpectrum {
  return readAngleMomentumTable(mesonTablePath(hadronsDir, generator, meson));
}

const shippedCache = new Map<string, AngleMomentumSpectrum>();

/**
 * One generator's 14 TeV spectrum from the shipped tables (data/hadrons), read once per process.
 * RangeError naming the file if it is missing.
 */
export function shippedMesonSpectrum(generator: Generator, meson: Meson): AngleMomentumSpectrum {
  const key = `${generator}/${meson}`;
  let s = shippedCache.get(key);
  if (s === undefined) {
    s = readMesonSpectrum(dataDir("hadrons"), generator, meson);
    shippedCache.set(key, s);
  }
  return s;
}

/**
 * The spectrum of a meson per generator (EPOS-LHC, SIBYLL, QGSJET): evaluate any observable
 * with each to obtain the generator-spread uncertainty band. `hadronsDir` undefined: the
 * shipped tables (data/hadrons); else a directory of the same layout.
 */
export function mesonSpectraByGenerator(hadronsDir: string | undefined, meson: Meson): Readonly<Record<Generator, AngleMomentumSpectrum>> {
  const read = (g: Generator) => (hadronsDir === undefined ? shippedMesonSpectrum(g, meson) : readMesonSpectrum(hadronsDir, g, meson));
  return { EPOSLHC: read("EPOSLHC"), SIBYLL: read("SIBYLL"), QGSJET: read("QGSJET") };
}

interface FitFile {
  readonly provenance: unknown;
  readonly fits: Readonly<Record<Meson, MesonFit>>;
}

/** The embedded fits (EPOS-LHC, 14 TeV; an option, the default is the table) with their provenance. */
export const defaultMesonFits: FitFile = fitData as unknown as FitFile;

/**
 * d²σ/(dlog10θ dlog10p) of the embedded fit to EPOS-LHC at 14 TeV (an option), GeV⁻² per dex².
 * 0 outside the fit domain (θ < 20 mrad, p_T < 3 GeV, p > ~9 GeV; see the JSON).
 */
export function defaultMesonDensity(meson: Meson, theta: number, p: number): number {
  checkMeson(meson);
  return fittedMesonDensity(defaultMesonFits.fits[meson], theta, p);
}

const defaultCache = new Map<Meson, AngleMomentumSpectrum>();

/**
 * The embedded fit (an option; the production default is {@link shippedMesonSpectrum}) evaluated on the 0.05-dex grid of the reference tables (bin content
 * = density at the bin centre × 0.05²), restricted to the fit domain. GeV⁻² per bin.
 */
export function defaultMesonSpectrum(meson: Meson, fit?: MesonFit): AngleMomentumSpectrum {
  checkMeson(meson);
  // the embedded fit's grid is the same every time: evaluated once per process (the result is frozen)
  if (fit === undefined) {
    let s = defaultCache.get(meson);
    if (s === undefined) defaultCache.set(meson, (s = defaultMesonSpectrum(meson, defaultMesonFits.fits[meson])));
    return s;
  }
  const f = fit;
  requirePositive("thetaMax", f.thetaMax);
  const w = 0.05;
  const lt: number[] = [];
  const lp: number[] = [];
  const sg: number[] = [];
  const kt0 = Math.floor(-7.3 / w);
  const kt1 = Math.ceil(Math.log10(f.thetaMax) / w);
  const kp0 = Math.floor(Math.log10(f.pMin) / w);
  const kp1 = Math.ceil(Math.log10(f.pBeam) / w);
  for (let i = kt0; i < kt1; i++) {
    const a = (i + 0.5) * w;
    for (let j = kp0; j < kp1; j++) {
      const b = (j + 0.5) * w;
      const d = fittedMesonDensity(f, 10 ** a, 10 ** b);
      if (d > 0) {
        lt.push(a);
        lp.push(b);
        sg.push(d * w * w);
      }
    }
  }
  return Object.freeze({
    source: `embedded default ${meson} (fit to EPOS-LHC 14 TeV, data/mesons-default.json)`,
    binWidth: w,
    log10Theta: Object.freeze(lt),
    log10P: Object.freeze(lp),
    sigma: Object.freeze(sg),
  });
}
