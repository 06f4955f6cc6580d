/**
 * Events as tables for analysis: plain column objects (no dependency) and danfo.js
 * DataFrames of particles and of events. danfojs-node is an optional peer dependency of
 * nudump, loaded only when a DataFrame is asked for (README: "DataFrames"). Tables hold the
 * whole sample in memory: use them for samples up to ~10⁵ events; stream larger ones to
 * Parquet and analyse there.
 */
import type { EventStream } from "./record";
import { PDG } from "./record";
import { weightedHistogram } from "../core/histogram";

/** One row per particle (GeV, mm, mm/c), with the event's channel, decay mode and weights. */
export function particleColumns(stream: EventStream): Record<string, (number | string)[]> {
  const cols: Record<string, (number | string)[]> = {};
  const names = ["event", "pdg", "status", "vertex", "px", "py", "pz", "E", "m", "theta", "x", "y", "z", "t", "channel", "mode", ...stream.weightNames];
  for (const k of names) cols[k] = [];
  for (const r of stream.events()) {
    for (let i = 0; i < r.nParticles; i++) {
      const v = r.prodVertex[i]!, vv = Math.max(v, 0);
      const pT = Math.sqrt(r.px[i]! ** 2 + r.py[i]! ** 2);
      const row: (number | string)[] = [r.index, r.pdg[i]!, r.status[i]!, v, r.px[i]!, r.py[i]!, r.pz[i]!, r.E[i]!, r.m[i]!, Math.atan2(pT, r.pz[i]!), r.vx[vv]!, r.vy[vv]!, r.vz[vv]!, r.vt[vv]!, r.channel, r.mode, ...r.weights];
      names.forEach((k, j) => cols[k]!.push(row[j]!));
    }
  }
  return cols;
}

/**
 * One row per event: channel, decay mode, beam neutrino (pdg, E_nu), N energy, decay vertex
 * (z in m, r in mm), the visible energy (sum of the non-neutrino decay products, GeV), the
 * photon energy and angle to the beam (E_gamma, theta_gamma in rad; 0 without a photon), the
 * e⁺e⁻ opening angle (rad; 0 without a pair) and the weights.
 */
export function eventColumns(stream: EventStream): Record<string, (number | string)[]> {
  const names = ["event", "channel", "mode", "nu_pdg", "E_nu", "E_N", "z_decay_m", "r_decay_mm", "E_vis", "E_gamma", "theta_gamma", "opening_angle", ...stream.weightNames];
  const cols: Record<string, (number | string)[]> = Object.fromEntries(names.map((k) => [k, []]));
  for (const r of stream.events()) {
    let Evis = 0, Eg = 0, thg = 0;
    const leptons: number[] = [];
    const last = r.nVertices - 1;
    for (let i = 0; i < r.nParticles; i++) {
      if (r.status[i] !== 1 || (r.prodVertex[i] === 0 && r.nVertices > 1)) continue;
      const a = Math.abs(r.pdg[i]!);
      if (a === 12 || a === 14 || a === 16 || a === PDG.N) continue;
      Evis += r.E[i]!;
      if (a === PDG.photon) {
        Eg = r.E[i]!;
        thg = Math.atan2(Math.sqrt(r.px[i]! ** 2 + r.py[i]! ** 2), r.pz[i]!);
      }
      if (a === PDG.electron || a === PDG.muon) leptons.push(i);
    }
    let open = 0;
    if (leptons.length === 2) {
      const [i, j] = leptons as [number, number];
      const dot = r.px[i]! * r.px[j]! + r.py[i]! * r.py[j]! + r.pz[i]! * r.pz[j]!;
      const ni = Math.hypot(r.px[i]!, r.py[i]!, r.pz[i]!), nj = Math.hypot(r.px[j]!, r.py[j]!, r.pz[j]!);
      open = Math.acos(Math.min(1, Math.max(-1, dot / (ni * nj))));
    }
    const beam = [12, 14, 16].includes(Math.abs(r.pdg[0]!)); // primary Z_D streams have no beam ν and no N
    const row: (number | string)[] = [
      r.index, r.channel, r.mode, beam ? r.pdg[0]! : 0, beam ? r.E[0]! : 0, beam ? r.E[2]! : 0, r.vz[last]! * 1e-3, Math.hypot(r.vx[last]!, r.vy[last]!), Evis, Eg, thg, open, ...r.weights,
    ];
    names.forEach((k, j) => cols[k]!.push(row[j]!));
  }
  return cols;
}

type Danfo = { DataFrame: new (data: Record<string, unknown[]>) => unknown };

/** danfojs-node, loaded on first use; a clear error when the optional peer dependency is not installed. */
export function loadDanfo(): Danfo {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require("danfojs-node") as Danfo;
  } catch (e) {
    throw new Error(
      `DataFrames need danfojs-node, an optional peer dependency of nudump: npm install danfojs-node@1.2.0 (see the README, "DataFrames", for the overrides that make it install offline) — ${(e as Error).message.split("\n")[0]}`,
    );
  }
}

/** The particles of a stream as a danfo DataFrame (columns of {@link particleColumns}). */
export function particlesDataFrame(stream: EventStream): unknown {
  return new (loadDanfo().DataFrame)(particleColumns(stream));
}

/** The events of a stream as a danfo DataFrame (columns of {@link eventColumns}). */
export function eventsDataFrame(stream: EventStream): unknown {
  return new (loadDanfo().DataFrame)(eventColumns(stream));
}

/** Weighted histogram (Σw, √Σw² per bin): the one owner is lib/core/histogram, re-exported for `events.weightedHistogram`. */
export { weightedHistogram };

/**
 * The analysis step of notebook 01 on event columns: keep events with E_gamma > EMin and
 * theta_gamma < thetaMax, sum the weights by `by` (default channel) with their errors, and
 * histogram E_gamma of the kept events on `edges`. GeV, rad.
 */
export function photonCutSummary(
  cols: Record<string, (number | string)[]>,
  opts: { readonly EMin: number; readonly thetaMax: number; readonly by?: string; readonly edges: readonly number[] },
): { groups: Record<string, { events: number; error: number; n: number }>; kept: number; histogram: { edges: readonly number[]; sum: number[]; error: number[] } } {
  const by = opts.by ?? "channel";
  const E = cols.E_gamma as number[], th = cols.theta_gamma as number[], w = cols.weight as number[], g = cols[by];
  if (!E || !th || !w || !g) throw new RangeError(`photonCutSummary needs columns E_gamma, theta_gamma, weight and ${by} (eventColumns)`);
  const groups: Record<string, { events: number; error: number; n: number }> = {};
  const keptE: number[] = [], keptW: number[] = [];
  for (let i = 0; i < E.length; i++) {
    if (!(E[i]! > opts.EMin && th[i]! < opts.thetaMax && w[i]! > 0)) continue;
    const key = String(g[i]);
    const s = (groups[key] ??= { events: 0, error: 0, n: 0 });
    s.events += w[i]!;
    s.error += w[i]! ** 2;
    s.n++;
    keptE.push(E[i]!);
    keptW.push(w[i]!);
  }
  for (const s of Object.values(groups)) s.error = Math.sqrt(s.error);
  return { groups, kept: keptE.length, histogram: { edges: opts.edges, ...weightedHistogram(keptE, keptW, opts.edges) } };
}
