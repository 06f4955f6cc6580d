/**
 * The `nudump sample` dipole stream as a chunk source (lib/events/parallel.ts): each worker
 * thread rebuilds the setup and mass point from the parsed command-line values, so the streams
 * of every thread are those of the main thread; the production table and sampler plan are built
 * by the main thread only and handed to the workers (lib/events/dipoleSource.ts DipoleShared).
 */
import { signatureSelection } from "../lib/models/dipole/sampling";
import { DIPOLE_SIGNATURES } from "../lib/models/dipole/signatures";
import { adoptShared, dipoleChunkFactory, type DipoleShared, SAMPLE_CHUNK, shareOf, sharesProduction, type ChunkFactory, type ChunkSource, type EventFormat } from "../lib/events";
import { type DipoleArgs, dipoleFromArgs } from "./events";
import { choice, num, type Parsed, type Values } from "./options";

/** What a worker gets: the parsed values, the options given, and the format (for the metadata). */
export interface SampleSourceArgs {
  readonly v: Values;
  readonly given: readonly string[];
  readonly format: EventFormat;
}

/** The setup, model and (lazy) mass point of `sample`'s values: what a worker makes while it waits for the main thread's share. */
export function prepareSampleFromArgs(a: SampleSourceArgs): DipoleArgs {
  return dipoleFromArgs({ v: a.v, given: new Set(a.given) });
}

/**
 * The dipole stream factory of `sample` (the expensive part once: setup, mass point; a worker
 * takes the tables from `shared`, the main thread's factory's share).
 */
export function dipoleSampleFactoryFromArgs(a: SampleSourceArgs, shared?: unknown, prepared?: unknown): ChunkFactory {
  const p = (prepared as DipoleArgs | undefined) ?? prepareSampleFromArgs(a);
  if (shared !== undefined) adoptShared(p.point, p.signature, shared as DipoleShared);
  const n = num(p.v, "n");
  const seed = num(p.v, "seed");
  // default: decays forced into the signature's region (vessel, tungsten; none for electron scattering)
  const forceDecay = choice(p.v, "force-decay", ["vessel", "tungsten", "none"] as const, signatureSelection(p.signature).region);
  const meta = { ...p.inputs, n, seed, seeding: `per chunk of ${SAMPLE_CHUNK} events (lib/events/chunks.ts chunkSeed)`, force_decay: forceDecay, format: a.format };
  const f = dipoleChunkFactory(p.point, p.model, p.signature, { forceDecay, meta });
  return sharesProduction(p.signature) ? { ...f, share: () => shareOf(p.point, p.signature) } : f;
}

/** The chunk source of a parsed `sample --model dipole` call. */
export function dipoleSampleSourceFromArgs(parsed: Parsed, format: EventFormat): ChunkSource<SampleSourceArgs> {
  const args: SampleSourceArgs = { v: parsed.v, given: [...parsed.given], format };
  const share = sharesProduction(choice(parsed.v, "signature", DIPOLE_SIGNATURES)) ? { prepareExport: "prepareSampleFromArgs" } : {};
  return { module: __filename, exportName: "dipoleSampleFactoryFromArgs", args, local: dipoleSampleFactoryFromArgs, ...share };
}
