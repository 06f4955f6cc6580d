/**
 * The dipole-portal event stream (lib/events/dipole.ts) as a {@link ChunkSource} for
 * {@link writeSample} (lib/events/parallel.ts): plain inputs, from which each worker thread builds
 * the setup and the mass point once. The full production table and the sampler plan of the
 * signature's table are built once, by the main thread, and handed to the workers
 * ({@link DipoleShared}: the table's numbers cloned, the plan's columns in shared memory, where
 * the rejection envelopes built by any thread serve all), instead of being rebuilt per thread.
 */
import { makeSetup, type SetupOptions } from "../engine/setup";
import type { ForceDecay } from "../engine/sampler";
import { dipoleModel, type DipoleCoupling, type DipoleModel } from "../models/dipole";
import { dipoleChannels, dipoleMassPoint, type DipoleMassPoint, type DipoleSignature, SIGNATURE_TABLE, signatureTable } from "../models/dipole/signatures";
import type { ProductionTable } from "../engine/productionTable";
import { adoptPlan, sharePlan, type SharedPlan } from "../engine/samplerPlan";
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

/** The setup, model and mass point (its tables not yet built) of a sample: what a worker makes while it waits for {@link DipoleShared}. */
export interface DipolePrepared {
  readonly setup: ReturnType<typeof makeSetup>;
  readonly model: DipoleModel;
  readonly point: DipoleMassPoint;
}

/** Setup, model and lazy mass point of a sample's inputs. */
export function prepareDipoleSample(a: DipoleSampleInputs): DipolePrepared {
  const coupling = a.coupling ?? "universal";
  const setup = makeSetup(a.detector ?? "fasernu2-faser2", a.setup ?? {});
  const model = dipoleModel({ mN: a.mN, mu: a.mu, coupling, decayFlavours: setup.resolved.decayFlavours });
  return { setup, model, point: dipoleMassPoint(model.mN, coupling, setup, { lazy: true }) };
}

/** What the main thread hands to the workers (structured-cloneable): the full production table without its channels, and the signature table's sampler plan. */
export interface DipoleShared {
  readonly production: Omit<ProductionTable, "channelDefs" | "source">;
  readonly plan: SharedPlan;
}

/** Whether a signature's table derives from the full production table (then it is shared with the workers; the ν e table is not). */
export function sharesProduction(signature: DipoleSignature): boolean {
  return SIGNATURE_TABLE[signature] !== "productionElectron";
}

/** The shared part of a built point (its production table read, the signature's plan made). */
export function shareOf(point: DipoleMassPoint, signature: DipoleSignature): DipoleShared {
  const t = point.production;
  const production = { mN: t.mN, flavours: t.flavours, channels: t.channels, nodes: t.nodes, cells: t.cells, binFlavourFractions: t.binFlavourFractions, total: t.total };
  return { production, plan: sharePlan(signatureTable(point, signature)) };
}

/**
 * Put a shared production table into a prepared point (before its table is read), with this
 * thread's channels (dσ/dt are functions: built here, as the point's own tabulation builds them),
 * and adopt the shared plan for the signature's table (RangeError if it does not fit).
 */
export function adoptShared(point: DipoleMassPoint, signature: DipoleSignature, sh: DipoleShared): void {
  const setup = point.setup;
  const channelDefs = dipoleChannels(point.mN, setup.detector.target.material, { screening: setup.screening ?? false });
  const production: ProductionTable = { ...sh.production, channelDefs };
  Object.defineProperty(point, "production", { value: production, enumerable: true, writable: false, configurable: false });
  adoptPlan(signatureTable(point, signature), sh.plan);
}

/**
 * The chunk factory of a dipole sample: setup and mass point built once (or taken from
 * `prepared`), the tables from `shared` when given (a worker), one stream per chunk; the
 * factory's `share` gives what the workers need.
 */
export function dipoleSampleFactory(a: DipoleSampleInputs, shared?: unknown, prepared?: unknown): ChunkFactory {
  const p = (prepared as DipolePrepared | undefined) ?? prepareDipoleSample(a);
  if (shared !== undefined) adoptShared(p.point, a.signature, shared as DipoleShared);
  const f = dipoleChunkFactory(p.point, p.model, a.signature, { ...(a.forceDecay ? { forceDecay: a.forceDecay } : {}), ...(a.meta ? { meta: a.meta } : {}) });
  return sharesProduction(a.signature) ? { ...f, share: () => shareOf(p.point, a.signature) } : f;
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
  const share = sharesProduction(a.signature) ? { prepareExport: "prepareDipoleSample" } : {};
  return { module: __filename, exportName: "dipoleSampleFactory", args: a, local: dipoleSampleFactory, ...share };
}
