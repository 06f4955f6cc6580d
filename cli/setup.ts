/**
 * From the parsed options to the engine's setup (lib/engine/setup.ts): the detector, flux and
 * preset options every signal command shares, and the resolved inputs echoed under `inputs`.
 * The detector names come from lib/detector/geometry through cli/spec.ts (a detector added
 * there needs no CLI edit).
 */
import { inputsJson, makeSetup, type ResolvedInputs, type Setup, type SetupOptions } from "../lib/engine/setup";
import { FLUX_CONFIG_NAMES } from "../lib/flux";
import { choice, decayFlavoursFromArgs, type Values } from "./options";
import { DETECTOR_NAMES } from "./spec";

/** The input options a user gave (the preset fills the rest); `--flux` is read by {@link setupFromArgs}. */
export interface InputOptions {
  preset?: "paper" | "current";
  fluxDir?: string;
  fluxSource?: "tables" | "embedded";
  normalisation?: "kling-nevay" | "tp";
}

/** makeSetup options from the parsed values: only what the user gave (the preset fills the rest). */
export function setupOptionsFromArgs(v: Record<string, unknown>): InputOptions {
  const out: InputOptions = {};
  if (v.preset !== undefined) out.preset = choice(v, "preset", ["paper", "current"] as const);
  if (typeof v["flux-dir"] === "string") out.fluxDir = v["flux-dir"];
  if (v["flux-source"] !== undefined) out.fluxSource = choice(v, "flux-source", ["tables", "embedded"] as const);
  if (v.normalisation !== undefined) out.normalisation = choice(v, "normalisation", ["kling-nevay", "tp"] as const);
  return out;
}

/**
 * The setup of `--detector` (default fasernu2-faser2; `allowed` narrows the names a command
 * supports) with `--flux`, the input options and `--decay-flavours`, plus the command's own
 * settings in `extra`.
 */
export function setupFromArgs(v: Values, extra: Omit<SetupOptions, keyof InputOptions | "flux"> = {}, allowed: readonly string[] = DETECTOR_NAMES): { detector: string; setup: Setup } {
  const detector = choice(v, "detector", allowed, "fasernu2-faser2");
  const flux = v.flux === undefined ? undefined : choice(v, "flux", FLUX_CONFIG_NAMES);
  const nf = decayFlavoursFromArgs(v);
  const setup = makeSetup(detector, {
    ...setupOptionsFromArgs(v),
    ...(flux !== undefined ? { flux } : {}),
    ...(nf !== undefined ? { decayFlavours: nf } : {}),
    ...extra,
  });
  return { detector, setup };
}

/**
 * The resolved inputs as echoed under `inputs` (lib/engine/setup.ts inputsJson), with text in
 * place of the null table directory of the embedded fit: no output carries null for a value.
 */
export function resolvedInputs(r: ResolvedInputs): Record<string, unknown> {
  const j = inputsJson(r);
  if (j.flux_dir === null) j.flux_dir = "none: the embedded fit of the shipped data/flux tables";
  return j;
}
