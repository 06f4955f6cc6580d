/**
 * Seeded Monte Carlo event sampler for secondary N production in the tungsten and the N
 * decay. It draws, event by event: the flux cell (flavour, energy bin, channel) by its rate;
 * (E_ν, t) inside the cell — E_ν from the table's within-bin flux model, t by rejection
 * against a piecewise-constant envelope in ln|t| (so the joint density is exactly
 * ∝ dσ/dt(E_ν, t) × dN/d ln E_ν of that model, with the user's cuts applied
 * as accept/reject); the production point uniform in the tungsten; the N four-momentum from
 * two-body kinematics; the decay point from the exponential decay law (optionally forced
 * into a region with the corresponding weight); and the visible decay products.
 *
 * Weights are expected events for the detector's exposure: every event carries
 * (total rate × decay weight)/N_events, so sums of weights estimate event counts and agree
 * with the quadrature of lib/signatures within statistical errors (tested).
 */
import type { Detector } from "../detector/geometry";
import { type Random, searchCumulative } from "../core/random";
import type { ProductionCell, ProductionTable } from "./productionTable";
import { requirePositive } from "../core/validate";

/** What an N decay gives: the mode name and the lab energies of the visible particles. */
export interface DecayProducts {
  readonly mode: string;
  /** Lab energies of the visible particles (γ, or ℓ⁺ and ℓ⁻), GeV. */
  readonly visible: readonly number[];
}

/** How N decays at the sampled model point. */
export interface DecayModel {
  /** N mass, GeV. */
  readonly mN: number;
  /** Total width, GeV. */
  readonly totalWidth: number;
  /** Draw the decay products of an N of lab energy EN. */
  readonly sample: (rng: Random, EN: number) => DecayProducts;
}

/** Where the decay is forced: "vessel", "tungsten" or not at all. */
export type ForceDecay = "vessel" | "tungsten" | "none";

/** Options of {@link sampleEvents}. */
export interface SamplerOptions {
  /** Number of events to draw. */
  readonly n: number;
  /** Force the decay into a region, weighting each event by the probability to decay there. */
  readonly forceDecay?: ForceDecay;
  /** Extra accept/reject on (E_ν, t, channel index), e.g. |t| or recoil-angle cuts. Must match the table's cuts. */
  readonly accept?: (Enu: number, t: number, channel: number) => boolean;
  /** Divide weights by this instead of n (chunked sampling: the total number of events over all chunks). */
  readonly weightDivisor?: number;
  /** Per-cell envelope cache shared between chunked calls on the same table (built on first use). */
  readonly envelopeCache?: unknown[];
}

/** A table of sampled events, column-wise (lengths n). */
export interface EventTable {
  readonly flavour: string[];
  readonly channel: string[];
  readonly Enu: Float64Array;
  readonly t: Float64Array;
  readonly zProd: Float64Array;
  readonly xProd: Float64Array;
  readonly yProd: Float64Array;
  readonly EN: Float64Array;
  readonly pxN: Float64Array;
  readonly pyN: Float64Array;
  readonly pzN: Float64Array;
  readonly zDecay: Float64Array;
  readonly xDecay: Float64Array;
  readonly yDecay: Float64Array;
  readonly decayMode: string[];
  readonly Evis1: Float64Array;
  readonly Evis2: Float64Array;
  readonly weight: Float64Array;
  /** Rejection statistics: trials per accepted (E_ν, t) and envelope violations (should be 0). */
  readonly stats: { readonly trials: number; readonly envelopeViolations: number };
}

interface CellEnvelope {
  L0: number;
  h: number;
  env: Float64Array;
  cum: Float64Array;
}

/**
 * Panels of the rejection envelope in ln|t| per production cell: 24 resolve the dσ/dt shapes of
 * every channel (form-factor fall-off over ≲ 2 decades of |t|) to within the SAFETY margin.
 */
const ENVELOPE_PANELS = 24;
/**
 * Envelope margin over the largest density sampled in a panel (5 |t| points × 3 energies): the
 * true maximum between sample points stays below it — a violation is an error (below), and
 * test/sampler.test.ts draws the dipole channels with none.
 */
const SAFETY = 1.6;
/** Smallest cos θ used to turn path lengths along the N direction into z (N at 90° to the beam: no division by 0). */
const MIN_COS_THETA = 1e-300;

function buildEnvelope(table: ProductionTable, cell: ProductionCell): CellEnvelope {
  const ch = table.channelDefs[cell.channel]!;
  let lmin = Infinity, lmax = -Infinity;
  for (let k = cell.firstNode; k < cell.endNode; k++) {
    const L = Math.log(-table.nodes.t[k]!);
    if (L < lmin) lmin = L;
    if (L > lmax) lmax = L;
  }
  const span = Math.max(lmax - lmin, 1e-6);
  const margin = 0.25 + span / 40; // covers the E_ν dependence of the t range inside the cell
  const L0 = lmin - margin;
  const h = (lmax + margin - L0) / ENVELOPE_PANELS;
  const env = new Float64Array(ENVELOPE_PANELS);
  const cum = new Float64Array(ENVELOPE_PANELS);
  const Es = [Math.exp(cell.lnELo), cell.Enu, Math.exp(cell.lnEHi)];
  let acc = 0;
  for (let p = 0; p < ENVELOPE_PANELS; p++) {
    let mx = 0;
    for (let q = 0; q <= 4; q++) {
      const absT = Math.exp(L0 + (p + q / 4) * h);
      for (const E of Es) {
        const g = densityAt(ch.kernel ?? ch.dsigmadt, table.mN, ch.targetMass, E, -absT);
        if (g > mx) mx = g;
      }
    }
    // neighbouring panels share edges; take the larger of the two neighbours to guard peaks
    env[p] = mx * SAFETY;
    acc += env[p]! * h;
    cum[p] = acc;
  }
  // smooth: each panel at least half its neighbours' maximum (guards narrow peaks between samples)
  for (let p = 0; p < ENVELOPE_PANELS; p++) {
    const nb = Math.max(env[p - 1] ?? 0, env[p + 1] ?? 0);
    if (env[p]! < 0.5 * nb) env[p] = 0.5 * nb;
  }
  acc = 0;
  for (let p = 0; p < ENVELOPE_PANELS; p++) {
    acc += env[p]! * h;
    cum[p] = acc;
  }
  return { L0, h, env, cum };
}

/**
 * |t| dσ/dt at (E, t), or 0 where t is outside the physical range at this E (the envelope
 * spans a little more than the range of the cell's nodes, so such points are proposed and
 * correctly get zero density).
 */
function densityAt(ds: (E: number, t: number) => number, mN: number, M: number, E: number, t: number): number {
  // physical range of ν(E) T(M) → N(mN) T, as kinematics.tRange but without argument checks
  const s = M * M + 2 * E * M;
  const rs = Math.sqrt(s);
  if (rs <= mN + M) return 0;
  const p1 = (E * M) / rs;
  const E3 = (s + mN * mN - M * M) / (2 * rs);
  const p3 = Math.sqrt(Math.max(0, E3 * E3 - mN * mN));
  const tLow = mN * mN - 2 * p1 * (E3 + p3);
  const tHigh = mN === 0 ? 0 : (mN ** 4 * M * M) / (s * tLow);
  if (t < tLow || t > tHigh) return 0;
  const v = ds(E, t);
  if (!(v >= 0) || !Number.isFinite(v)) {
    throw new RangeError(`dσ/dt = ${v} at E = ${E} GeV, t = ${t} GeV² is not a finite non-negative number`);
  }
  return v * -t;
}

/**
 * E_ν inside a cell from the within-bin flux dN/d ln E ∝ exp(s ln E) on [lnELo, lnEHi]
 * (production.ts withinBinSlopes) by its inverse CDF; uniform in ln E for s = 0. GeV.
 */
function drawEnergy(rng: Random, cell: ProductionCell): number {
  const w = cell.lnEHi - cell.lnELo;
  const sw = cell.lnSlope * w;
  const u = rng();
  if (Math.abs(sw) < 1e-9) return Math.exp(cell.lnELo + w * u);
  return Math.exp(cell.lnELo + Math.log1p(u * Math.expm1(sw)) / cell.lnSlope);
}

/** Flavour index for a merged-flavour cell, drawn from the bin's flavour fractions. */
function drawFlavour(rng: Random, table: ProductionTable, bin: number): number {
  const fr = table.binFlavourFractions!;
  let u = rng();
  for (let f = 0; f < fr.length; f++) {
    u -= fr[f]![bin]!;
    if (u < 0) return f;
  }
  for (let f = fr.length - 1; f >= 0; f--) if (fr[f]![bin]! > 0) return f;
  return 0;
}


/**
 * Draw `n` events from a production table and a decay model in a detector. Deterministic
 * for a given `rng` state. The per-event weight is (table.total × decay weight)/n in expected
 * events for the exposure (table weights are at the coupling factor of the table, so pass a
 * table built for the model point, or rescale the weights).
 */
export function sampleEvents(
  rng: Random,
  table: ProductionTable,
  decay: DecayModel,
  detector: Detector,
  opts: SamplerOptions,
): EventTable {
  const n = opts.n;
  requirePositive("n", n);
  if (!Number.isInteger(n)) throw new RangeError(`n = ${n} must be a positive integer`);
  if (!(table.total > 0)) throw new RangeError(`the production table is empty (total rate ${table.total}): nothing to sample`);
  const force = opts.forceDecay ?? "none";
  const cellCum = new Float64Array(table.cells.length);
  let acc = 0;
  table.cells.forEach((c, i) => {
    acc += c.weight;
    cellCum[i] = acc;
  });
  const envelopes = (opts.envelopeCache ?? new Array(table.cells.length)) as (CellEnvelope | undefined)[];
  const kernelOf = table.channelDefs.map((c) => c.kernel ?? c.dsigmadt);
  const out: EventTable = {
    flavour: new Array<string>(n),
    channel: new Array<string>(n),
    Enu: new Float64Array(n),
    t: new Float64Array(n),
    zProd: new Float64Array(n),
    xProd: new Float64Array(n),
    yProd: new Float64Array(n),
    EN: new Float64Array(n),
    pxN: new Float64Array(n),
    pyN: new Float64Array(n),
    pzN: new Float64Array(n),
    zDecay: new Float64Array(n),
    xDecay: new Float64Array(n),
    yDecay: new Float64Array(n),
    decayMode: new Array<string>(n),
    Evis1: new Float64Array(n),
    Evis2: new Float64Array(n),
    weight: new Float64Array(n),
    stats: { trials: 0, envelopeViolations: 0 },
  };
  let trials = 0, violations = 0;
  const mN = decay.mN;
  if (Math.abs(mN - table.mN) > 1e-12 * mN) {
    throw new RangeError(`decay model mN = ${mN} GeV differs from the production table's mN = ${table.mN} GeV`);
  }
  const L = detector.target.length;
  const half = detector.target.side / 2;
  const base = table.total / (opts.weightDivisor ?? n);
  const vesselStart = detector.vessel.start, vesselEnd = detector.vessel.start + detector.vessel.length;
  for (let i = 0; i < n; i++) {
    const ci = searchCumulative(cellCum, rng() * acc);
    const cell = table.cells[ci]!;
    const ch = table.channelDefs[cell.channel]!;
    let env = envelopes[ci];
    if (env === undefined) {
      env = buildEnvelope(table, cell);
      envelopes[ci] = env;
    }
    const envTotal = env.cum[env.cum.length - 1]!;
    let E = 0, t = 0;
    for (;;) {
      trials++;
      E = drawEnergy(rng, cell);
      const p = searchCumulative(env.cum, rng() * envTotal);
      const Lt = env.L0 + (p + rng()) * env.h;
      const absT = Math.exp(Lt);
      t = -absT;
      if (opts.accept && !opts.accept(E, t, cell.channel)) continue;
      const g = densityAt(kernelOf[cell.channel]!, mN, ch.targetMass, E, t);
      const ratio = g / env.env[p]!;
      if (ratio > 1) {
        violations++;
        // an envelope below the density biases the sample: refuse rather than count
        throw new Error(`sampler envelope violated: channel ${ch.name}, E_ν = ${E} GeV, t = ${t} GeV², density/envelope = ${ratio} (> 1): raise SAFETY or ENVELOPE_PANELS in lib/engine/sampler.ts`);
      }
      if (rng() * 1 < ratio) break;
    }
    const M = ch.targetMass;
    const EN = E + t / (2 * M);
    const pN = Math.sqrt(Math.max(0, (EN - mN) * (EN + mN)));
    // t = m_N² − 2E(E_N − p_z) for a massless ν along z: p_z = E_N − a with a = (m_N² − t)/(2E), and
    // p_T² = a(2E_N − a) − m_N² (stable at small angles, where 1 − cos²θ would lose the digits of p_T)
    const a = (mN * mN - t) / (2 * E);
    const pT = Math.sqrt(Math.max(0, a * (2 * EN - a) - mN * mN));
    const cosT = pN > 0 ? Math.min(1, Math.max(-1, (EN - a) / pN)) : 1;
    const sinT = pN > 0 ? Math.min(1, pT / pN) : 0;
    const phi = 2 * Math.PI * rng();
    const z0 = L * rng();
    const x0 = half * (2 * rng() - 1);
    const y0 = half * (2 * rng() - 1);
    // decay point along the N direction; the lab decay length is p/(m Γ)
    const d = pN / (mN * decay.totalWidth);
    let zd: number;
    let w = base;
    if (force === "none") {
      zd = z0 - d * Math.log(1 - rng()) * cosT;
    } else {
      // path lengths from the production point to the region's ends along the N direction
      const zA = force === "vessel" ? vesselStart : z0;
      const zB = force === "vessel" ? vesselEnd : L;
      const c = Math.max(cosT, MIN_COS_THETA);
      const sA = Math.max(0, (zA - z0) / c), sB = Math.max(0, (zB - z0) / c);
      const pA = Math.exp(-sA / d), pB = Math.exp(-sB / d);
      const prob = pA - pB;
      w *= prob;
      if (prob > 0) {
        // truncated exponential between path lengths sA and sB
        const s = sA - d * Math.log1p(-rng() * (1 - Math.exp(-(sB - sA) / d)));
        zd = z0 + s * cosT;
      } else zd = zA;
    }
    const prod = decay.sample(rng, EN);
    out.flavour[i] = table.flavours[cell.flavour >= 0 ? cell.flavour : drawFlavour(rng, table, cell.bin)]!;
    out.channel[i] = table.channels[cell.channel]!;
    out.Enu[i] = E;
    out.t[i] = t;
    out.zProd[i] = z0;
    out.xProd[i] = x0;
    out.yProd[i] = y0;
    out.EN[i] = EN;
    out.pxN[i] = pN * sinT * Math.cos(phi);
    out.pyN[i] = pN * sinT * Math.sin(phi);
    out.pzN[i] = pN * cosT;
    out.zDecay[i] = zd;
    // transverse position at the decay point: the N flies at angle θ, azimuth φ
    const tanT = cosT > 0 ? sinT / cosT : 0;
    out.xDecay[i] = x0 + (zd - z0) * tanT * Math.cos(phi);
    out.yDecay[i] = y0 + (zd - z0) * tanT * Math.sin(phi);
    out.decayMode[i] = prod.mode;
    out.Evis1[i] = prod.visible[0] ?? 0;
    out.Evis2[i] = prod.visible[1] ?? 0;
    out.weight[i] = w;
  }
  return { ...out, stats: { trials, envelopeViolations: violations } };
}
