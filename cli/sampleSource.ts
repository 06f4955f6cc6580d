/**
 * The `nudump sample` dipole stream as a chunk source (lib/events/parallel.ts): each worker
 * thread rebuilds the setup and mass point from the parsed command-line values, so the streams
 * of every thread are those of the main thread.
 */
import { signatureSelection } from "../lib/models/dipole/sampling";
import { dipoleChunkFactory, SAMPLE_CHUNK, type ChunkFactory, type ChunkSource, type EventFormat } from "../lib/events";
import { dipoleFromArgs } from "./events";
import { choice, num, type Parsed, type Values } from "./options";

/** What a worker gets: the parsed values, the options given, and the format (for the metadata). */
export interface SampleSourceArgs {
  readonly v: Values;
  readonly given: readonly string[];
  readonly format: EventFormat;
}

/** The dipole stream factory of `sample` (the expensive part once: setup, mass point). */
export function dipoleSampleFactoryFromArgs(a: SampleSourceArgs): ChunkFactory {
  const p = dipoleFromArgs({ v: a.v, given: new Set(a.given) });
  const n = num(p.v, "n");
  const seed = num(p.v, "seed");
  // default: decays forced into the signature's region (vessel, tungsten; none for electron scattering)
  const forceDecay = choice(p.v, "force-decay", ["vessel", "tungsten", "none"] as const, signatureSelection(p.signature).region);
  const meta = { ...p.inputs, n, seed, seeding: `per chunk of ${SAMPLE_CHUNK} events (lib/events/chunks.ts chunkSeed)`, force_decay: forceDecay, format: a.format };
  return dipoleChunkFactory(p.point, p.model, p.signature, { forceDecay, meta });
}

/** The chunk source of a parsed `sample --model dipole` call. */
export function dipoleSampleSourceFromArgs(parsed: Parsed, format: EventFormat): ChunkSource<SampleSourceArgs> {
  return { module: __filename, exportName: "dipoleSampleFactoryFromArgs", args: { v: parsed.v, given: [...parsed.given], format }, local: dipoleSampleFactoryFromArgs };
}
