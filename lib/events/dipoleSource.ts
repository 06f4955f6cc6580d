/**
 * The dipole-portal event stream (lib/events/dipole.ts) as a {@link ChunkSource} for
 * {@link writeSample} (lib/events/parallel.ts): plain inputs, from which each worker thread builds
 * the setup, the mass point and the stream once.
 */
import { makeSetup, type SetupOptions } from "../engine/setup";
import type { ForceDecay } from "../engine/sampler";
import { dipoleModel, type DipoleCoupling, type DipoleModel } from "../models/dipole";
import { dipoleMassPoint, type DipoleMassPoint, type DipoleSignature } from "../models/dipole/signatures";
import type { ChunkFactory } from "./chunks";
import { dipoleEventStream, type DipoleStreamOptions } from "./dipole";
import type { ChunkSource } from "./parallel";

/** Inputs of a dipole sample (structured-cloneable). */
export interface DipoleSampleInputs {
  /** N mass (GeV) and dipole coupling μ_N (GeV⁻¹). */
  readonly mN: number;
  readonly mu: number;
  readonly coupling?: DipoleCoupling;
  readonly signature: DipoleSignature;
  /** Detector pair (default "fasernu2-faser2") and setup options (lib/engine/setup). */
  readonly detector?: string;
  readonly setup?: SetupOptions;
  /** Decays forced into a region (default the signature's). */
  readonly forceDecay?: ForceDecay;
  /** Extra metadata written to the file header. */
  readonly meta?: Record<string, unknown>;
}

/** The chunk factory of a dipole sample: setup and mass point built once, one stream per chunk. */
export function dipoleSampleFactory(a: DipoleSampleInputs): ChunkFactory {
  const coupling = a.coupling ?? "universal";
  const setup = makeSetup(a.detector ?? "fasernu2-faser2", a.setup ?? {});
  const model = dipoleModel({ mN: a.mN, mu: a.mu, coupling, decayFlavours: setup.resolved.decayFlavours });
  const point = dipoleMassPoint(model.mN, coupling, setup, { lazy: true });
  return dipoleChunkFactory(point, model, a.signature, { ...(a.forceDecay ? { forceDecay: a.forceDecay } : {}), ...(a.meta ? { meta: a.meta } : {}) });
}

/**
 * The chunk factory of a built mass point: one {@link dipoleEventStream} per chunk (seed, n),
 * the streams sharing one scratch (sampler columns, decay stash: no allocation per chunk);
 * names and metadata from a one-event stream.
 */
export function dipoleChunkFactory(point: DipoleMassPoint, model: DipoleModel, signature: DipoleSignature, opts: Omit<DipoleStreamOptions, "n" | "seed" | "scratch">): ChunkFactory {
  const head = dipoleEventStream(point, model, signature, { ...opts, n: 1, seed: 0 });
  const scratch = {};
  return { weightNames: head.weightNames, meta: head.meta, stream: (seed, n) => dipoleEventStream(point, model, signature, { ...opts, n, seed, scratch }) };
}

/** A dipole sample as a source for writeSample (workers load the compiled lib/events/dipoleSource.js). */
export function dipoleSampleSource(a: DipoleSampleInputs): ChunkSource<DipoleSampleInputs> {
  return { module: __filename, exportName: "dipoleSampleFactory", args: a, local: dipoleSampleFactory };
}
