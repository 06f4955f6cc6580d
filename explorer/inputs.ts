/**
 * The explorer's inputs: their defaults and ranges, the URL query that holds them
 * (`explorer.html?model=dipole&mN=0.5&mu=5e-7&coupling=universal&preset=paper`), the
 * preset → library options map, and the equivalent `nudump events` command lines. Shared by
 * the page (explorer/main.ts), its workers and the Chromium test; no DOM, no node modules.
 */
import { presetByName } from "../lib/detector/presets";

export type Model = "dipole" | "darkboson";
export type Coupling = "universal" | "tau";
export type Flavour = "e" | "mu" | "tau";
export type DetectorName = "fasernu2-faser2" | "fasernu-faser";
export type PresetName = import("../lib/detector/presets").PresetName;
export type Normalisation = "kling-nevay" | "tp";

/** Everything the page computes from (numbers in GeV, GeV⁻¹ or dimensionless). */
export interface ExplorerInputs {
  readonly model: Model;
  /** Dipole: which flavours carry μ_N. */
  readonly coupling: Coupling;
  /** Z_D: the active flavour N mixes with. */
  readonly flavour: Flavour;
  readonly mN: number;
  readonly mu: number;
  readonly U2: number;
  readonly mZD: number;
  readonly alphaD: number;
  readonly alphaEps2: number;
  readonly detector: DetectorName;
  readonly preset: PresetName;
  /** Explicit override of the preset's flux normalisation (undefined: the preset's). */
  readonly normalisation?: Normalisation;
  /** Explicit override of the preset's decay-flavour count (dipole; undefined: the preset's). */
  readonly decayFlavours?: number;
}

export const DEFAULT_INPUTS: ExplorerInputs = {
  model: "dipole",
  coupling: "universal",
  flavour: "mu",
  mN: 0.5,
  mu: 5e-7,
  U2: 1e-6,
  mZD: 0.03,
  alphaD: 0.25,
  alphaEps2: 2e-10,
  detector: "fasernu2-faser2",
  preset: "paper",
};

/** A log slider: the numeric inputs, with units (HTML) and the slider's range. */
export interface NumericSpec {
  readonly key: "mN" | "mu" | "U2" | "mZD" | "alphaD" | "alphaEps2";
  readonly label: string;
  readonly unit: string;
  readonly min: number;
  readonly max: number;
  readonly models: readonly Model[];
}

export const NUMERIC: readonly NumericSpec[] = [
  { key: "mN", label: "m<sub>N</sub>", unit: "GeV", min: 1e-3, max: 10, models: ["dipole", "darkboson"] },
  { key: "mu", label: "μ<sub>N</sub>", unit: "GeV<sup>−1</sup>", min: 1e-10, max: 1e-3, models: ["dipole"] },
  { key: "U2", label: "|U<sub>αN</sub>|²", unit: "", min: 1e-10, max: 1e-2, models: ["darkboson"] },
  { key: "mZD", label: "m<sub>Z<sub>D</sub></sub>", unit: "GeV", min: 1e-3, max: 1, models: ["darkboson"] },
  { key: "alphaD", label: "α<sub>D</sub>", unit: "", min: 1e-3, max: 1, models: ["darkboson"] },
  { key: "alphaEps2", label: "αε²", unit: "", min: 1e-14, max: 1e-6, models: ["darkboson"] },
];

/** The preset's values with the explicit overrides applied (what makeSetup resolves; lib/detector/presets.ts). */
export function resolvedOptions(i: ExplorerInputs): { normalisation: Normalisation; decayFlavours: number } {
  const p = presetByName(i.preset);
  return { normalisation: i.normalisation ?? p.normalisation, decayFlavours: i.decayFlavours ?? p.decayFlavours };
}

/** The makeSetup options of a view: the preset and only the explicit overrides, as the CLI passes them. */
export function setupOptions(i: ExplorerInputs): { preset: PresetName; normalisation?: Normalisation; decayFlavours?: number } {
  return {
    preset: i.preset,
    ...(i.normalisation !== undefined ? { normalisation: i.normalisation } : {}),
    ...(i.model === "dipole" && i.decayFlavours !== undefined ? { decayFlavours: i.decayFlavours } : {}),
  };
}

const CHOICES = {
  model: ["dipole", "darkboson"],
  coupling: ["universal", "tau"],
  flavour: ["e", "mu", "tau"],
  detector: ["fasernu2-faser2", "fasernu-faser"],
  preset: ["paper", "current"],
  normalisation: ["kling-nevay", "tp"],
} as const;

/** Inputs from a URL query (unknown keys ignored; a malformed value is a RangeError naming it). */
export function inputsFromQuery(search: string): ExplorerInputs {
  const q = new URLSearchParams(search);
  const out: Record<string, unknown> = { ...DEFAULT_INPUTS };
  for (const [key, allowed] of Object.entries(CHOICES)) {
    const v = q.get(key);
    if (v === null) continue;
    if (!(allowed as readonly string[]).includes(v)) throw new RangeError(`${key} = ${JSON.stringify(v)} is not one of ${allowed.join(", ")}`);
    out[key] = v;
  }
  for (const spec of NUMERIC) {
    const v = q.get(spec.key);
    if (v === null) continue;
    const x = Number(v);
    if (v.trim() === "" || !Number.isFinite(x)) throw new RangeError(`${spec.key} = ${JSON.stringify(v)} is not a finite number`);
    out[spec.key] = x;
  }
  const nf = q.get("decayFlavours");
  if (nf !== null) {
    const x = Number(nf);
    if (!(Number.isInteger(x) && x >= 1 && x <= 3)) throw new RangeError(`decayFlavours = ${JSON.stringify(nf)} must be 1, 2 or 3`);
    out["decayFlavours"] = x;
  }
  return out as unknown as ExplorerInputs;
}

/** A number as typed on a command line or in a URL: exact (round-trips), "1e-6" rather than "0.000001". */
export function numArg(x: number): string {
  const a = Math.abs(x);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? x.toExponential().replace("e+", "e") : String(x);
}

/** The URL query of a view: the model's own parameters plus the common choices. */
export function queryOf(i: ExplorerInputs): string {
  const q = new URLSearchParams();
  q.set("model", i.model);
  for (const spec of NUMERIC) if (spec.models.includes(i.model)) q.set(spec.key, numArg(i[spec.key]));
  if (i.model === "dipole") q.set("coupling", i.coupling);
  else q.set("flavour", i.flavour);
  q.set("detector", i.detector);
  q.set("preset", i.preset);
  if (i.normalisation !== undefined) q.set("normalisation", i.normalisation);
  if (i.decayFlavours !== undefined && i.model === "dipole") q.set("decayFlavours", String(i.decayFlavours));
  return q.toString();
}

/** Dipole signatures, in the order of `nudump events --signature` (lib/models/dipole/signatures DIPOLE_SIGNATURES). */
export const DIPOLE_SIGNATURE_NAMES = ["vessel-photons", "vessel-dileptons", "ecc-photons-1tev", "ecc-photons-3tev", "electron-scattering"] as const;

/** The `nudump events` arguments that give the same count as the page for one signature. */
export function cliArgs(i: ExplorerInputs, signature: string): string[] {
  const common = ["--detector", i.detector, "--preset", i.preset, ...(i.normalisation !== undefined ? ["--normalisation", i.normalisation] : []), "--mN", numArg(i.mN)];
  if (i.model === "dipole") {
    const nf = i.decayFlavours !== undefined ? ["--decay-flavours", String(i.decayFlavours)] : [];
    return ["events", "--model", "dipole", "--signature", signature, ...common, "--mu", numArg(i.mu), "--coupling", i.coupling, ...nf, "--json"];
  }
  return [
    "events", "--model", "darkboson", "--signature", signature, ...common, "--U2", numArg(i.U2), "--mZD", numArg(i.mZD),
    "--alphaD", numArg(i.alphaD), "--alphaEps2", numArg(i.alphaEps2), "--flavour", i.flavour, "--json",
  ];
}

/** Signatures the CLI reproduces for a model (the Z_D ν e → N e count of Fig. 3 is library-only). */
export function cliSignatures(model: Model): readonly string[] {
  return model === "dipole" ? DIPOLE_SIGNATURE_NAMES : ["vessel-dileptons"];
}

/** The command line shown beside the download (one signature; the others differ only in --signature). */
export function commandLine(i: ExplorerInputs): string {
  const sigs = cliSignatures(i.model);
  const args = cliArgs(i, sigs[0]!);
  const line = `nudump ${args.join(" ")}`;
  return sigs.length > 1 ? `${line}\n# and --signature ${sigs.slice(1).join(" | ")}` : line;
}
