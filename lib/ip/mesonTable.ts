/**
 * Reader of the angle–momentum table format of FORESEE (Kling & Trojanowski,
 * arXiv:2105.07077; files of github KlingFelix/FORESEE `files/hadrons/…` and
 * `Models/DarkPhoton/model/direct/…`): lines beginning `#` are header (one may read
 * `# Normalization: <sigma> pb`), then one bin per line with three columns —
 * log10(θ/rad), log10(p/GeV) at the bin centre, and the cross section IN THE BIN in pb.
 * Bins are 0.05 dex wide in both variables; only the forward hemisphere is tabulated.
 * Number of particles = Σ bins × luminosity.
 */
import { readFileSync } from "node:fs";
import { pb } from "../core/units";
import { requirePositive } from "../core/validate";
import { isNumberField, lineCount, numberField, tableError as fail } from "../core/textTable";

/** A binned (θ, p) spectrum: parallel arrays of bin centres and cross sections. */
export interface AngleMomentumSpectrum {
  /** Where the numbers came from (file path or label), for messages and provenance. */
  readonly source: string;
  /** Bin width in both log10 θ and log10 p, dex (0.05 for the FORESEE tables). */
  readonly binWidth: number;
  /** log10(θ/rad) of each bin centre. */
  readonly log10Theta: readonly number[];
  /** log10(p/GeV) of each bin centre. */
  readonly log10P: readonly number[];
  /** Cross section in each bin, GeV⁻² (divide by `units.pb` for pb). */
  readonly sigma: readonly number[];
  /** The header's `# Normalization:` value if present, GeV⁻². */
  readonly normalization?: number;
}

/** Options of {@link parseAngleMomentumTable}. */
export interface TableOptions {
  /** Bin width in dex (default 0.05). Bin centres must sit at (k + ½)·binWidth. */
  readonly binWidth?: number;
  /** Allowed deviation of a centre from the grid, in dex (default 1e-6). */
  readonly gridTolerance?: number;
}

/**
 * Parses and validates the text of an angle–momentum table. Throws an Error naming `source`
 * and the 1-based line unless every data line holds exactly three finite numbers, the cross
 * section is ≥ 0, both centres lie on the (k + ½)·binWidth grid, and no bin repeats.
 */
export function parseAngleMomentumTable(text: string, source: string, opts: TableOptions = {}): AngleMomentumSpectrum {
  const w = opts.binWidth ?? 0.05;
  const tol = opts.gridTolerance ?? 1e-6;
  requirePositive("binWidth", w);
  requirePositive("gridTolerance", tol);
  const lt: number[] = [];
  const lp: number[] = [];
  const sg: number[] = [];
  const seen = new Map<number, number>();
  let normalization: number | undefined;
  const onComment = (c: string, line: number) => {
    const m = /^#\s*Normalization:\s*(\S+)\s*pb/i.exec(c);
    if (!m) return;
    if (!isNumberField(m[1] as string) || Number(m[1]) < 0) fail(source, line, `normalization "${m[1]}" is not a finite non-negative number of pb`);
    normalization = Number(m[1]) * pb;
  };
  // line by line without row objects (a table has ~2·10⁴ lines): the checks and messages of the core tokeniser
  const offGrid = (name: string, v: number, line: number) => {
    const kk = v / w - 0.5;
    if (Math.abs(kk - Math.round(kk)) * w > tol) fail(source, line, `${name} = ${v} is not a bin centre of the ${w}-dex grid ((k + 1/2)·${w})`);
  };
  let line = 0;
  for (let pos = 0; pos <= text.length; ) {
    let end = text.indexOf("\n", pos);
    if (end < 0) end = text.length;
    const row = text.slice(pos, end).trim(); // trim also drops the \r of a \r\n ending
    pos = end + 1;
    line++;
    if (row.startsWith("#")) {
      onComment(row, line);
      continue;
    }
    if (row === "") continue;
    const fields = row.split(/\s+/);
    if (fields.length !== 3) fail(source, line, `expected 3 numbers (log10 θ, log10 p, pb in the bin), found ${fields.length} fields: "${row}"`);
    const a = numberField(fields[0]!, source, line), b = numberField(fields[1]!, source, line), c = numberField(fields[2]!, source, line);
    if (!(c >= 0)) fail(source, line, `cross section ${c} pb must be ≥ 0`);
    offGrid("log10(θ)", a, line);
    offGrid("log10(p)", b, line);
    // the bin's integer indices as one exact number (|k| < 2²⁰ on any table of this format)
    const key = (Math.round(a / w - 0.5) + 2 ** 20) * 2 ** 21 + (Math.round(b / w - 0.5) + 2 ** 20);
    const prev = seen.get(key);
    if (prev !== undefined) fail(source, line, `bin (log10 θ = ${a}, log10 p = ${b}) repeats line ${prev}`);
    seen.set(key, line);
    lt.push(a);
    lp.push(b);
    sg.push(c * pb);
  }
  if (sg.length === 0) fail(source, lineCount(text), "no data lines");
  const out: AngleMomentumSpectrum = {
    source,
    binWidth: w,
    log10Theta: Object.freeze(lt),
    log10P: Object.freeze(lp),
    sigma: Object.freeze(sg),
    ...(normalization !== undefined ? { normalization } : {}),
  };
  return Object.freeze(out);
}

/** Reads and validates a table file (see {@link parseAngleMomentumTable}). */
export function readAngleMomentumTable(path: string, opts: TableOptions = {}): AngleMomentumSpectrum {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new Error(`${path}: cannot read angle–momentum table (${(e as Error).message})`);
  }
  return parseAngleMomentumTable(text, path, opts);
}

/** Total cross section of a spectrum, Σ bins, GeV⁻². */
export function totalSigma(s: AngleMomentumSpectrum): number {
  let t = 0;
  for (const v of s.sigma) t += v;
  return t;
}

/** Cross section in the bins whose centre satisfies θ < thetaMax and p > pMin, GeV⁻². */
export function sigmaInCone(s: AngleMomentumSpectrum, thetaMax: number, pMin = 0): number {
  requirePositive("thetaMax", thetaMax);
  const lt = Math.log10(thetaMax);
  const lpMin = pMin > 0 ? Math.log10(pMin) : -Infinity;
  let t = 0;
  s.sigma.forEach((v, i) => {
    if ((s.log10Theta[i] as number) < lt && (s.log10P[i] as number) > lpMin) t += v;
  });
  return t;
}

/**
 * The momentum spectrum inside a cone: Σ over the θ bins whose centre is below thetaMax, per
 * log10 p bin. Returns bin centres log10(p/GeV) (increasing) and cross sections, GeV⁻².
 */
export function momentumSpectrumInCone(s: AngleMomentumSpectrum, thetaMax: number): { readonly log10P: number[]; readonly sigma: number[] } {
  requirePositive("thetaMax", thetaMax);
  const lt = Math.log10(thetaMax);
  const w = s.binWidth;
  const acc = new Map<number, number>();
  s.sigma.forEach((v, i) => {
    if ((s.log10Theta[i] as number) < lt) {
      const k = Math.round((s.log10P[i] as number) / w - 0.5);
      acc.set(k, (acc.get(k) ?? 0) + v);
    }
  });
  const keys = [...acc.keys()].sort((a, b) => a - b);
  return { log10P: keys.map((k) => (k + 0.5) * w), sigma: keys.map((k) => acc.get(k) as number) };
}

/**
 * Compares a model spectrum with a reference inside a cone, per momentum bin: the bins that
 * together hold `fraction` of the reference's in-cone cross section (largest first) and the
 * model/reference ratio in each. Used by the meson and bremsstrahlung validations.
 */
export function compareInCone(
  model: AngleMomentumSpectrum,
  reference: AngleMomentumSpectrum,
  thetaMax: number,
  fraction = 0.99,
): { readonly log10P: number[]; readonly ratio: number[]; readonly totalRatio: number } {
  const r = momentumSpectrumInCone(reference, thetaMax);
  const mm = momentumSpectrumInCone(model, thetaMax);
  const w = reference.binWidth;
  const mMap = new Map(mm.log10P.map((x, i) => [Math.round(x / w - 0.5), mm.sigma[i] as number]));
  const tot = r.sigma.reduce((a, b) => a + b, 0);
  const mTot = mm.sigma.reduce((a, b) => a + b, 0);
  const order = r.sigma.map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0]);
  const keep: number[] = [];
  let cum = 0;
  for (const [v, i] of order) {
    if (cum >= fraction * tot) break;
    keep.push(i);
    cum += v;
  }
  keep.sort((a, b) => a - b);
  return {
    log10P: keep.map((i) => r.log10P[i] as number),
    ratio: keep.map((i) => (mMap.get(Math.round((r.log10P[i] as number) / w - 0.5)) ?? 0) / (r.sigma[i] as number)),
    totalRatio: mTot / tot,
  };
}
