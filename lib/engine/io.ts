/**
 * Event tables out of the library: CSV, JSON and danfo DataFrames. Number formatting is
 * fixed (shortest round-trip representation, JavaScript's default), so the same seed gives
 * the same bytes.
 */
import type { EventTable } from "./sampler";
import { m } from "../core/units";

/** Column names of exported events, with units, in order. */
export const EVENT_COLUMNS = [
  "flavour",
  "channel",
  "E_nu_GeV",
  "t_GeV2",
  "z_prod_m",
  "x_prod_m",
  "y_prod_m",
  "E_N_GeV",
  "px_N_GeV",
  "py_N_GeV",
  "pz_N_GeV",
  "z_decay_m",
  "x_decay_m",
  "y_decay_m",
  "decay_mode",
  "E_vis1_GeV",
  "E_vis2_GeV",
  "weight",
  "selected_weight",
] as const;

function row(ev: EventTable, selected: Float64Array | undefined, i: number): (string | number)[] {
  return [
    ev.flavour[i]!,
    ev.channel[i]!,
    ev.Enu[i]!,
    ev.t[i]!,
    ev.zProd[i]! / m,
    ev.xProd[i]! / m,
    ev.yProd[i]! / m,
    ev.EN[i]!,
    ev.pxN[i]!,
    ev.pyN[i]!,
    ev.pzN[i]!,
    ev.zDecay[i]! / m,
    ev.xDecay[i]! / m,
    ev.yDecay[i]! / m,
    ev.decayMode[i]!,
    ev.Evis1[i]!,
    ev.Evis2[i]!,
    ev.weight[i]!,
    selected ? selected[i]! : ev.weight[i]!,
  ];
}

/** Events as CSV: a header of {@link EVENT_COLUMNS} and one row per event (weights in expected events). */
export function eventsToCsv(ev: EventTable, selected?: Float64Array): string {
  const lines = [EVENT_COLUMNS.join(",")];
  for (let i = 0; i < ev.weight.length; i++) lines.push(row(ev, selected, i).join(","));
  return lines.join("\n") + "\n";
}

/** Events as a JSON-ready object: metadata plus column arrays. */
export function eventsToJson(ev: EventTable, selected: Float64Array | undefined, meta: Record<string, unknown>): Record<string, unknown> {
  const cols: Record<string, (string | number)[]> = Object.fromEntries(EVENT_COLUMNS.map((c) => [c, []]));
  for (let i = 0; i < ev.weight.length; i++) {
    const r = row(ev, selected, i);
    EVENT_COLUMNS.forEach((c, k) => cols[c]!.push(r[k]!));
  }
  return { meta, columns: cols };
}

/**
 * Events as a danfo.js DataFrame (danfojs-node is loaded on first use: it pulls in
 * TensorFlow.js, which takes a second to start).
 */
export function eventsToDataFrame(ev: EventTable, selected?: Float64Array): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dfd = require("danfojs-node") as { DataFrame: new (data: Record<string, unknown[]>) => unknown };
  const cols: Record<string, (string | number)[]> = Object.fromEntries(EVENT_COLUMNS.map((c) => [c, []]));
  for (let i = 0; i < ev.weight.length; i++) {
    const r = row(ev, selected, i);
    EVENT_COLUMNS.forEach((c, k) => cols[c]!.push(r[k]!));
  }
  return new dfd.DataFrame(cols);
}
