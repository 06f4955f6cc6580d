/**
 * What lib/events/sampleColumns.ts and its worker entry (columnsWorker.ts) share: the layout of
 * the sampler's event columns in one SharedArrayBuffer, the messages, and the event table made
 * from the columns.
 */
import { existsSync } from "node:fs";
import * as path from "node:path";
import type { EventTable } from "../engine/sampler";
import type { DipoleSampleInputs, DipoleShared } from "./dipoleSource";

/** The numeric columns of an event table, in buffer order (the Float64 ones, then the Uint8 indices). */
export const FLOAT_COLUMNS = ["Enu", "t", "zProd", "xProd", "yProd", "EN", "pxN", "pyN", "pzN", "zDecay", "xDecay", "yDecay", "Evis1", "Evis2", "weight"] as const;
export const INDEX_COLUMNS = ["flavourIndex", "channelIndex", "modeIndex"] as const;
export const COLUMN_NAMES = [...FLOAT_COLUMNS, ...INDEX_COLUMNS] as const;
type Views = { [K in (typeof FLOAT_COLUMNS)[number]]: Float64Array } & { [K in (typeof INDEX_COLUMNS)[number]]: Uint8Array };

/** Bytes of the columns of n events. */
export function columnBytes(n: number): number {
  return FLOAT_COLUMNS.length * 8 * n + INDEX_COLUMNS.length * n;
}

/** The columns of n events as views of `buffer`. */
export function columnViews(buffer: SharedArrayBuffer, n: number): Views {
  const out: Record<string, Float64Array | Uint8Array> = {};
  FLOAT_COLUMNS.forEach((c, j) => (out[c] = new Float64Array(buffer, 8 * n * j, n)));
  INDEX_COLUMNS.forEach((c, j) => (out[c] = new Uint8Array(buffer, 8 * n * FLOAT_COLUMNS.length + n * j, n)));
  return out as Views;
}

/** A chunk to draw into the columns: the sample (n, seed, chunk), the chunk k, and once per worker and inputs the inputs and this thread's share. */
export interface ColumnsTask {
  readonly buffer: SharedArrayBuffer;
  readonly n: number;
  readonly seed: number;
  readonly chunk: number;
  readonly k: number;
  readonly key: string;
  readonly init?: { readonly args: DipoleSampleInputs; readonly shared: DipoleShared };
}

/** A worker's answer: chunk k drawn (its trials), or its error. */
export interface ColumnsReply {
  readonly k: number;
  readonly trials: number;
  readonly error?: string;
}

/** The compiled worker entry, or null when running from the TypeScript sources. */
export function columnsWorkerFile(): string | null {
  const f = path.join(__dirname, "columnsWorker.js");
  return __filename.endsWith(".js") && existsSync(f) ? f : null;
}

/** The event table (lib/engine/sampler EventTable) of the columns: string columns made from the indices on first access. */
export function columnTable(buffer: SharedArrayBuffer, n: number, names: { readonly flavours: readonly string[]; readonly channels: readonly string[]; readonly modes: readonly string[] }, trials: number): EventTable {
  const v = columnViews(buffer, n);
  const strings = (list: readonly string[], idx: Uint8Array) => Array.from(idx, (i) => list[i]!);
  let flavour: string[] | undefined, channel: string[] | undefined, decayMode: string[] | undefined;
  const table = {
    ...v,
    ...names,
    stats: { trials, envelopeViolations: 0 },
    get flavour() {
      return (flavour ??= strings(names.flavours, v.flavourIndex));
    },
    get channel() {
      return (channel ??= strings(names.channels, v.channelIndex));
    },
    get decayMode() {
      return (decayMode ??= strings(names.modes, v.modeIndex));
    },
    reset() {
      flavour = channel = decayMode = undefined;
      return table;
    },
  };
  return table as unknown as EventTable;
}
