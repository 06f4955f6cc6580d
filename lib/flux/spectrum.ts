/**
 * A binned neutrino energy spectrum: bin centres and edges in GeV, and the number of
 * neutrinos IN EACH BIN for the whole exposure (the Kling–Nevay convention,
 * arXiv:2105.08270 — not per GeV, not per cm²).
 */
import type { Flavour } from "./flavours";
import { requireFinite, requireNonNegative, requirePositive } from "../core/validate";

/** One flavour's binned spectrum. Energies in GeV; counts are neutrinos per bin for the exposure. */
export interface Spectrum {
  readonly flavour: Flavour;
  /** Bin centres, GeV, strictly increasing (as given by the table). */
  readonly centres: readonly number[];
  /** Bin edges, GeV, length centres.length + 1: geometric midpoints between centres; the
   * outer two edges half a (median) logarithmic step beyond the first and last centre. */
  readonly edges: readonly number[];
  /** Neutrinos in each bin for the whole exposure (dimensionless, ≥ 0). */
  readonly counts: readonly number[];
}

/** Median of a non-empty list. */
function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  const mid = Math.floor(n / 2);
  return n % 2 === 1 ? (s[mid] as number) : 0.5 * ((s[mid - 1] as number) + (s[mid] as number));
}

/** Median logarithmic step ln(c_{i+1}/c_i) of increasing positive centres (≥ 2 of them). */
export function medianLogStep(centres: readonly number[]): number {
  if (centres.length < 2) throw new RangeError(`centres.length = ${centres.length} must be ≥ 2`);
  const steps: number[] = [];
  for (let i = 0; i + 1 < centres.length; i++) steps.push(Math.log((centres[i + 1] as number) / (centres[i] as number)));
  return median(steps);
}

/**
 * Bin edges of log-spaced bin centres, GeV: e_i = √(c_{i−1} c_i) inside, e_0 = c_0 e^{−h/2},
 * e_n = c_{n−1} e^{h/2} with h the median ln-step.
 */
export function logBinEdges(centres: readonly number[]): number[] {
  const h = medianLogStep(centres);
  const n = centres.length;
  const edges: number[] = [(centres[0] as number) * Math.exp(-h / 2)];
  for (let i = 1; i < n; i++) edges.push(Math.sqrt((centres[i - 1] as number) * (centres[i] as number)));
  edges.push((centres[n - 1] as number) * Math.exp(h / 2));
  return edges;
}

/** Builds a Spectrum from centres (GeV, > 0, strictly increasing, ≥ 2) and counts (≥ 0); edges from {@link logBinEdges}. */
export function makeSpectrum(flavour: Flavour, centres: readonly number[], counts: readonly number[]): Spectrum {
  if (centres.length !== counts.length) {
    throw new RangeError(`counts.length = ${counts.length} must equal centres.length = ${centres.length}`);
  }
  if (centres.length < 2) throw new RangeError(`centres.length = ${centres.length} must be ≥ 2`);
  centres.forEach((c, i) => {
    requirePositive(`centres[${i}]`, c);
    if (i > 0 && !(c > (centres[i - 1] as number))) {
      throw new RangeError(`centres[${i}] = ${c} must be > centres[${i - 1}] = ${centres[i - 1]} (strictly increasing)`);
    }
  });
  counts.forEach((n, i) => requireNonNegative(`counts[${i}]`, n));
  return Object.freeze({
    flavour,
    centres: Object.freeze([...centres]),
    edges: Object.freeze(logBinEdges(centres)),
    counts: Object.freeze([...counts]),
  });
}

/** Total number of neutrinos in the spectrum (sum over bins). Dimensionless. */
export function total(s: Spectrum): number {
  return s.counts.reduce((a, b) => a + b, 0);
}

/** Mean energy Σ c_i N_i / Σ N_i, GeV, with bin centres c_i. RangeError if the spectrum is empty. */
export function meanEnergy(s: Spectrum): number {
  const n = total(s);
  if (!(n > 0)) throw new RangeError(`total(${s.flavour}) = ${n}: mean energy of an empty spectrum is undefined (need > 0)`);
  return s.counts.reduce((a, N, i) => a + N * (s.centres[i] as number), 0) / n;
}

/** Counts per unit energy N_i / (e_{i+1} − e_i) in each bin, GeV⁻¹. */
export function countsPerGeV(s: Spectrum): number[] {
  return s.counts.map((N, i) => N / ((s.edges[i + 1] as number) - (s.edges[i] as number)));
}

/** The spectrum with every bin multiplied by `factor` (finite, ≥ 0). */
export function scaleSpectrum(s: Spectrum, factor: number): Spectrum {
  requireFinite("factor", factor);
  requireNonNegative("factor", factor);
  return makeSpectrum(s.flavour, s.centres, s.counts.map((n) => n * factor));
}
