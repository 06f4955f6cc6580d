/**
 * Reader of the Kling–Nevay neutrino-flux table format (arXiv:2105.08270; files of
 * github KlingFelix/FastNeutrinoFluxSimulation `Fluxes/`): one bin per line, two columns —
 * bin-centre energy in GeV and the number of neutrinos (or CC interactions) in the bin for
 * the whole exposure. Empty lines and lines starting with `#` are ignored.
 */
import { readFileSync } from "node:fs";
import { requireInRange } from "../core/validate";
import { lineCount, numberField, tableError as fail, tableRows } from "../core/textTable";
import type { Flavour } from "./flavours";
import { makeSpectrum, type Spectrum } from "./spectrum";

/** The two columns of a flux table. */
export interface FluxTable {
  /** Where the numbers came from (file path or label), for messages and provenance. */
  readonly source: string;
  /** Bin centres, GeV. */
  readonly centres: readonly number[];
  /** Entries per bin (neutrinos or interactions for the whole exposure). */
  readonly counts: readonly number[];
}

/** Options of {@link parseFluxTable}. */
export interface ParseOptions {
  /**
   * Largest allowed relative deviation of each ln(c_{i+1}/c_i) from the median step
   * (default 0.05). The Kling–Nevay files step by 0.1000 dex except the first step,
   * 0.1013 dex (1.3 % off).
   */
  readonly logStepTolerance?: number;
}

/**
 * Parses and validates the text of a flux table. Throws an Error naming `source` and the
 * 1-based line number (lib/core/textTable) unless every data line holds exactly two finite non-negative numbers
 * (energy > 0), energies strictly increase, and the bins are log-spaced (constant ratio).
 */
export function parseFluxTable(text: string, source: string, options: ParseOptions = {}): FluxTable {
  const tol = options.logStepTolerance ?? 0.05;
  requireInRange("logStepTolerance", tol, 0, 1);
  const centres: number[] = [];
  const counts: number[] = [];
  const lineOf: number[] = [];
  for (const { line, text: row, fields } of tableRows(text)) {
    if (fields.length !== 2) fail(source, line, `expected 2 numbers (energy in GeV, entries in the bin), found ${fields.length} fields: "${row}"`);
    const [a, b] = fields as [string, string];
    const E = numberField(a, source, line);
    const N = numberField(b, source, line);
    if (!(E > 0)) fail(source, line, `energy ${a} GeV must be > 0`);
    if (!(N >= 0)) fail(source, line, `entry ${b} must be ≥ 0`);
    const prev = centres[centres.length - 1];
    if (prev !== undefined && !(E > prev)) fail(source, line, `energy ${E} GeV is not above the previous line's ${prev} GeV (must strictly increase)`);
    centres.push(E);
    counts.push(N);
    lineOf.push(line);
  }
  if (centres.length < 3) fail(source, lineCount(text), `found ${centres.length} data lines, need at least 3 to check the log spacing`);
  const steps = centres.slice(1).map((c, i) => Math.log(c / (centres[i] as number)));
  const med = [...steps].sort((x, y) => x - y)[Math.floor(steps.length / 2)] as number;
  steps.forEach((h, i) => {
    if (Math.abs(h / med - 1) > tol) {
      fail(
        source,
        lineOf[i + 1] as number,
        `bins are not log-spaced: step log10(E_i/E_{i-1}) = ${(h / Math.LN10).toFixed(5)} dex differs from the median ${(med / Math.LN10).toFixed(5)} dex by more than ${(tol * 100).toFixed(1)} %`,
      );
    }
  });
  return Object.freeze({ source, centres: Object.freeze(centres), counts: Object.freeze(counts) });
}

/** Reads and validates a flux table file (see {@link parseFluxTable}). */
export function readFluxTable(path: string, options: ParseOptions = {}): FluxTable {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new Error(`${path}: cannot read flux table (${(e as Error).message})`);
  }
  return parseFluxTable(text, path, options);
}

/** Reads a flux table file as the spectrum of flavour `f` (bin edges from the log spacing). */
export function readSpectrum(path: string, f: Flavour, options: ParseOptions = {}): Spectrum {
  const t = readFluxTable(path, options);
  return makeSpectrum(f, t.centres, t.counts);
}
