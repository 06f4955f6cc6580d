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
import type { Random } from "../core/random";
import type { ProductionTable } from "./productionTable";
import { requirePositive } from "../core/validate";
import { densityAt, drawCell, ensureEnvelope, ENVELOPE_GUIDE, ENVELOPE_PANELS, PACK, PACK_STRIDE, PANEL, PANEL_STRIDE, type SamplerPlan, samplerPlan, SQUEEZE_AUDIT } from "./samplerPlan";

/** How N decays at the sampled model point. */
export interface DecayModel {
  /** N mass, GeV. */
  readonly mN: number;
  /** Total width, GeV. */
  readonly totalWidth: number;
  /** Names of the decay modes; a sampled decay is an index into this list. */
  readonly modes: readonly string[];
  /**
   * Draw the decay of an N of lab energy EN (GeV): writes the lab energies of the visible
   * particles (γ, or ℓ⁻ and ℓ⁺; 0 where absent) into visible[0] and visible[1] and returns the
   * mode's index in `modes` (no object per decay).
   */
  readonly sample: (rng: Random, EN: number, visible: Float64Array) => number;
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
  /**
   * A table returned by an earlier call whose columns are overwritten (and returned) instead of
   * allocating new ones, if it holds exactly n events of the same table and decay model
   * (chunked sampling); otherwise ignored. Its previous contents are lost.
   */
  readonly reuse?: EventTable;
}

/**
 * A table of sampled events, column-wise (lengths n): the public fields of {@link EventColumns}.
 * The categorical columns are stored as indices (flavourIndex into flavours, channelIndex into
 * channels, modeIndex into modes); the string columns flavour, channel and decayMode are made
 * from them on first access. `stats`: trials per accepted (E_ν, t) and envelope violations
 * (should be 0).
 */
export type EventTable = { readonly [K in keyof EventColumns]: EventColumns[K] };

/**
 * Per-call scratch of the draw (one monomorphic object, no per-event allocation): the doubles the
 * draw functions exchange go through it, not as arguments or return values — a double crossing a
 * call that V8 does not inline is boxed (a heap allocation), and which calls it inlines depends on
 * its inlining budget, not on us.
 */
interface DrawState {
  /** The accepted E_ν (GeV), t (GeV²), the N azimuth and the production point (mm) from {@link drawProduction}. */
  E: number; t: number; cphi: number; sphi: number; z0: number; x0: number; y0: number;
  /** m_N (GeV) and m_N⁴ (GeV⁴) of the decay model; the target's length and half side (mm); the weight per event before the decay's. */
  readonly mN: number; readonly mN4: number; readonly L: number; readonly half: number; readonly base: number;
  trials: number;
  /** Acceptances by the squeeze (every SQUEEZE_AUDIT-th is checked against the density). */
  squeezed: number;
  /** Inputs of {@link drawDecayZ} (cos θ, lab decay length in mm, the region's ends) and its results: decay point z and the event weight. */
  cosT: number; d: number; zA: number; zB: number;
  zd: number; w: number;
}

/**
 * Draw (E_ν, t) in cell ci by rejection: E_ν from the within-bin flux dN/d ln E ∝ exp(s ln E)
 * on [lnELo, lnEHi] (engine/fluxBins.ts withinBinSlopes) by its inverse CDF (uniform in ln E for
 * s = 0), ln|t| from the envelope, accepted with probability density/envelope. One uniform
 * picks the envelope panel and the point inside it: given the panel p, x is uniform between its
 * cumulative bounds, so (x − cum[p−1])/(cum[p] − cum[p−1]) is a uniform variate on [0, 1)
 * (it keeps 53 − log₂(total/panel area) bits). The acceptance uniform is first compared with
 * the panel's squeeze (lower bound/envelope, samplerPlan SQUEEZE_SAFETY): below it the draw is
 * accepted without evaluating dσ/dt — the same decision, so the same events (tested) — except every
 * SQUEEZE_AUDIT-th such draw, which is checked against the density. E_ν (GeV) and t (GeV²) are left in
 * st.E and st.t; then the N azimuth ({@link drawAzimuth}) and the production point, uniform in the
 * tungsten, are drawn into st (no double crosses the call, {@link DrawState}).
 */
function drawProduction(rng: Random, plan: SamplerPlan, ci: number, accept: SamplerOptions["accept"], st: DrawState): void {
  const mN = st.mN, mN4 = st.mN4;
  if (plan.envSeen[ci] === 0) ensureEnvelope(plan, ci); // the plan may be shared with other threads (samplerPlan sharePlan)
  const k = plan.channel[ci]!;
  const pk = plan.packed, o = ci * PACK_STRIDE;
  const lnELo = pk[o + PACK.lnELo]!, w = pk[o + PACK.lnWidth]!, slope = pk[o + PACK.lnSlope]!, em1 = pk[o + PACK.expm1SlopeWidth]!;
  const uniform = slope === 0; // the packed slope of a log-uniform cell (samplerPlan PACK)
  const L0 = pk[o + PACK.envL0]!, h = pk[o + PACK.envH]!, envTotal = pk[o + PACK.envTotal]!, gScale = pk[o + PACK.envGuideScale]!;
  const panels = o + PACK.panels, guide = plan.packedBytes, gOff = 8 * (o + PACK.guide);
  // the imported constants as locals: each use of an import is a context load, a hole check and a property load
  const LAST = ENVELOPE_PANELS - 1, CUM = PANEL.cum, BELOW = PANEL.below, SQ = PANEL.squeeze, STRIDE = PANEL_STRIDE, GUIDE = ENVELOPE_GUIDE, AUDIT = SQUEEZE_AUDIT;
  for (;;) {
    st.trials++;
    const u = rng();
    const E = uniform ? Math.exp(lnELo + w * u) : Math.exp(lnELo + Math.log1p(u * em1) / slope);
    // panel: first p with cum[p] > x (the last if none), as core/random searchCumulative, from the guide table
    const x = rng() * envTotal;
    let b = Math.floor(x * gScale);
    if (!(b < GUIDE)) b = GUIDE - 1; // also NaN for an all-zero envelope
    let lo = guide[gOff + b]!;
    if (lo > 0 && pk[panels + lo * STRIDE + BELOW]! > x) lo = 0; // rounding put the bucket past x
    while (lo < LAST && pk[panels + lo * STRIDE + CUM]! <= x) lo++;
    const q = panels + lo * STRIDE;
    const below = pk[q + BELOW]!; // cum[lo − 1], 0 for the first panel
    let f = (x - below) / (pk[q + CUM]! - below);
    if (!(f < 1)) f = f >= 1 ? 1 - 2 ** -53 : 0; // rounding (or x past the last panel): the largest double below 1 (a literal: a module const is a tagged context load, and f's merge with it was boxed)
    else if (f < 0) f = 0;
    const t = -Math.exp(L0 + (lo + f) * h);
    if (accept !== undefined && !accept(E, t, k)) continue;
    // the squeeze (samplerPlan SQUEEZE_SAFETY): u below lower bound/envelope accepts without the density — the same decision as u < density/envelope
    const v = rng(), sq = pk[q + SQ]!;
    if (v < sq && ++st.squeezed % AUDIT !== 0) {
      st.E = E;
      st.t = t;
      break;
    }
    const ratio = densityAt(plan, k, mN, mN4, E, t) / pk[q + PANEL.env]!;
    if (ratio > 1) {
      // an envelope below the density biases the sample: refuse rather than count
      const name = plan.table.channelDefs[k]!.name;
      throw new Error(`sampler envelope violated: channel ${name}, E_ν = ${E} GeV, t = ${t} GeV², density/envelope = ${ratio} (> 1): raise ENVELOPE_SAFETY or ENVELOPE_PANELS in lib/engine/samplerPlan.ts`);
    }
    if (sq > ratio) squeezeViolated(plan, k, E, t, sq, ratio);
    if (v < ratio) {
      st.E = E;
      st.t = t;
      break;
    }
  }
  // the next draws of the event, here rather than in the event loop (module comment of DrawState)
  drawAzimuth(rng, st);
  st.z0 = st.L * rng();
  st.x0 = st.half * (2 * rng() - 1);
  st.y0 = st.half * (2 * rng() - 1);
}

/** A squeeze above the density (found by the audit) would accept too often there: refuse rather than count. */
function squeezeViolated(plan: SamplerPlan, k: number, E: number, t: number, sq: number, ratio: number): never {
  const name = plan.table.channelDefs[k]!.name;
  throw new Error(`sampler squeeze violated: channel ${name}, E_ν = ${E} GeV, t = ${t} GeV², squeeze/envelope = ${sq} > density/envelope = ${ratio}: raise SQUEEZE_SAFETY or SQUEEZE_MAX_SPREAD in lib/engine/samplerPlan.ts`);
}

/**
 * Decay point z (st.zd) and weight (st.w = base × P(decay in the region)) for an N produced at
 * z0 flying at cos θ with lab decay length d (st.z0, st.cosT, st.d): the truncated exponential between the region's ends zA..zB along the N path
 * (path lengths sA ≤ sB): P = e^(−sA/d) (1 − e^(−(sB−sA)/d)), the second factor by expm1 (no
 * cancellation for d ≫ sB − sA), and s = sA − d ln(1 − u (1 − e^(−(sB−sA)/d))).
 */
function drawDecayZ(rng: Random, st: DrawState): void {
  const z0 = st.z0, cosT = st.cosT, d = st.d, zA = st.zA, zB = st.zB;
  const c = Math.max(cosT, 1e-300); // the smallest cos θ turning path lengths into z (N at 90° to the beam: no division by 0)
  const sA = Math.max(0, (zA - z0) / c), sB = Math.max(0, (zB - z0) / c);
  const q = -Math.expm1(-(sB - sA) / d);
  const prob = (sA > 0 ? Math.exp(-sA / d) : 1) * q;
  st.w = st.base * prob;
  if (prob > 0) st.zd = z0 + (sA - d * Math.log1p(-rng() * q)) * cosT;
  else st.zd = zA;
}

/** {@link drawDecayZ} without a forced region: the free exponential decay law (st.w = st.base). */
function drawFreeDecayZ(rng: Random, st: DrawState): void {
  st.zd = st.z0 - st.d * Math.log(1 - rng()) * st.cosT;
  st.w = st.base;
}

const FORCE_NONE = 0, FORCE_VESSEL = 1, FORCE_TUNGSTEN = 2;

/**
 * Flavour index of an event in cell ci, drawn by x ∈ [0, total) (the cell draw): the cell's own, or for a
 * merged-flavour cell the first flavour whose cumulative fraction in the cell's bin exceeds u × (their
 * sum), u the within-cell uniform — x is uniform between the cell's cumulative bounds, so its position
 * there is a fresh uniform on [0, 1) (53 − log₂(total/cell weight) bits).
 */
function cellFlavour(plan: SamplerPlan, ci: number, x: number): number {
  const f0 = plan.cellFlavour[ci]!;
  if (f0 >= 0) return f0;
  const cc = plan.cellCum, below = ci > 0 ? cc[ci - 1]! : 0;
  let u = (x - below) / (cc[ci]! - below);
  u = u >= 0 && u < 1 ? u : u >= 1 ? 1 - 2 ** -53 : 0; // the largest double below 1, a literal (drawProduction)
  const nf = plan.nFlavours, o = plan.cellBin[ci]! * nf, cum = plan.flavourCum;
  const y = u * cum[o + nf - 1]!;
  let f = 0;
  while (f < nf - 1 && cum[o + f]! <= y) f++;
  return f;
}

/**
 * cos φ and sin φ of an azimuth uniform on [0, 2π), without trigonometric calls: (v_x, v_y)
 * uniform in the unit disk by rejection (acceptance π/4), then cos φ = (v_x² − v_y²)/r²,
 * sin φ = 2 v_x v_y/r² (the doubled polar angle of a uniform point is uniform; J. von Neumann,
 * NBS Appl. Math. Ser. 12 (1951) 36). Written into st.cphi, st.sphi.
 */
function drawAzimuth(rng: Random, st: DrawState): void {
  for (;;) {
    const vx = 2 * rng() - 1, vy = 2 * rng() - 1;
    const r2 = vx * vx + vy * vy;
    if (r2 < 1 && r2 > 0) {
      const inv = 1 / r2;
      st.cphi = (vx * vx - vy * vy) * inv;
      st.sphi = 2 * vx * vy * inv;
      return;
    }
  }
}

/** A string column from an index column. */
function namesOf(names: readonly string[], index: Uint8Array): string[] {
  const col: string[] = [];
  for (let i = 0; i < index.length; i++) col.push(names[index[i]!]!);
  return col;
}

/**
 * Column-wise output table of n events (a class, so the hot loop stores into a fixed object
 * shape); the string columns are made from the index columns on first access.
 */
class EventColumns {
  readonly flavourIndex: Uint8Array;
  readonly channelIndex: Uint8Array;
  readonly modeIndex: Uint8Array;
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
  readonly Evis1: Float64Array;
  readonly Evis2: Float64Array;
  readonly weight: Float64Array;
  /** Rejection statistics: trials per accepted (E_ν, t) and envelope violations (should be 0). */
  readonly stats = { trials: 0, envelopeViolations: 0 };
  private strings: { flavour?: string[]; channel?: string[]; decayMode?: string[] } = {};
  constructor(n: number, readonly flavours: readonly string[], readonly channels: readonly string[], readonly modes: readonly string[]) {
    for (const [what, names] of [["flavours", flavours], ["channels", channels], ["decay modes", modes]] as const) {
      if (names.length > 256) throw new RangeError(`${names.length} ${what}: the event table holds at most 256`);
    }
    this.flavourIndex = new Uint8Array(n);
    this.channelIndex = new Uint8Array(n);
    this.modeIndex = new Uint8Array(n);
    this.Enu = new Float64Array(n);
    this.t = new Float64Array(n);
    this.zProd = new Float64Array(n);
    this.xProd = new Float64Array(n);
    this.yProd = new Float64Array(n);
    this.EN = new Float64Array(n);
    this.pxN = new Float64Array(n);
    this.pyN = new Float64Array(n);
    this.pzN = new Float64Array(n);
    this.zDecay = new Float64Array(n);
    this.xDecay = new Float64Array(n);
    this.yDecay = new Float64Array(n);
    this.Evis1 = new Float64Array(n);
    this.Evis2 = new Float64Array(n);
    this.weight = new Float64Array(n);
  }
  /** Forget the string columns and statistics before the columns are refilled; returns this. */
  reset(): this {
    this.strings = {};
    this.stats.trials = 0;
    this.stats.envelopeViolations = 0;
    return this;
  }
  get flavour(): string[] {
    return (this.strings.flavour ??= namesOf(this.flavours, this.flavourIndex));
  }
  get channel(): string[] {
    return (this.strings.channel ??= namesOf(this.channels, this.channelIndex));
  }
  get decayMode(): string[] {
    return (this.strings.decayMode ??= namesOf(this.modes, this.modeIndex));
  }
}

/** Argument checks of {@link sampleEvents}: RangeError naming the offending value. */
function checkSamplerInput(table: ProductionTable, decay: DecayModel, n: number): void {
  requirePositive("n", n);
  if (!Number.isInteger(n)) throw new RangeError(`n = ${n} must be a positive integer`);
  if (!(table.total > 0)) throw new RangeError(`the production table is empty (total rate ${table.total}): nothing to sample`);
  if (Math.abs(decay.mN - table.mN) > 1e-12 * decay.mN) {
    throw new RangeError(`decay model mN = ${decay.mN} GeV differs from the production table's mN = ${table.mN} GeV`);
  }
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
  checkSamplerInput(table, decay, n);
  const force = opts.forceDecay === "vessel" ? FORCE_VESSEL : opts.forceDecay === "tungsten" ? FORCE_TUNGSTEN : FORCE_NONE;
  const plan = samplerPlan(table);
  const u = NaN; // the doubles start as NaN, not 0: double fields from the start (no Smi → double representation change)
  const st: DrawState = { E: u, t: u, cphi: u, sphi: u, z0: u, x0: u, y0: u, cosT: u, d: u, zA: u, zB: u, zd: u, w: u, mN: decay.mN, mN4: decay.mN ** 4, trials: 0, squeezed: 0, L: detector.target.length, half: detector.target.side / 2, base: table.total / (opts.weightDivisor ?? n) };
  const reuse = opts.reuse instanceof EventColumns && opts.reuse.weight.length === n && opts.reuse.modes === decay.modes && opts.reuse.flavours === table.flavours ? opts.reuse : undefined;
  const cols = drawColumns(rng, plan, decay, detector, opts, force, st, reuse);
  cols.stats.trials = st.trials;
  return cols;
}

/** The event loop of {@link sampleEvents}: every column of n events. */
function drawColumns(rng: Random, plan: SamplerPlan, decay: DecayModel, detector: Detector, opts: SamplerOptions, force: number, st: DrawState, reuse: EventColumns | undefined): EventColumns {
  const table = plan.table, n = opts.n;
  const out = reuse !== undefined ? reuse.reset() : new EventColumns(n, table.flavours, table.channels, decay.modes);
  const vis = new Float64Array(2);
  const mN = decay.mN, mN4 = mN ** 4;
  const accept = opts.accept;
  const L = st.L;
  const vesselStart = detector.vessel.start, vesselEnd = detector.vessel.start + detector.vessel.length;
  const dScale = mN * decay.totalWidth;
  const total = plan.total, channel = plan.channel, targetMass = plan.targetMass;
  // the columns as locals (the loop's calls would otherwise reload each field per store)
  const { modeIndex, flavourIndex, channelIndex, Enu, t: tCol, zProd, xProd, yProd, EN: ENCol, pxN, pyN, pzN, zDecay, xDecay, yDecay, Evis1, Evis2, weight } = out;
  const sample = decay.sample;
  const free = force === FORCE_NONE, vessel = force === FORCE_VESSEL;
  for (let i = 0; i < n; i++) {
    const x = rng() * total;
    const ci = drawCell(plan, x);
    const k = channel[ci]!;
    drawProduction(rng, plan, ci, accept, st);
    const E = st.E, t = st.t, cphi = st.cphi, sphi = st.sphi, z0 = st.z0, x0 = st.x0, y0 = st.y0;
    const M = targetMass[k]!;
    const EN = E + t / (2 * M);
    const pN = Math.sqrt(Math.max(0, (EN - mN) * (EN + mN)));
    // t = m_N² − 2E(E_N − p_z) for a massless ν along z: p_z = E_N − a with a = (m_N² − t)/(2E), and
    // p_T² = a(2E_N − a) − m_N² (stable at small angles, where 1 − cos²θ would lose the digits of p_T)
    const a = (mN * mN - t) / (2 * E);
    const pT = Math.sqrt(Math.max(0, a * (2 * EN - a) - mN * mN));
    const cosT = pN > 0 ? Math.min(1, Math.max(-1, (EN - a) / pN)) : 1;
    const sinT = pN > 0 ? Math.min(1, pT / pN) : 0;
    // decay point along the N direction; the lab decay length is p/(m Γ)
    st.cosT = cosT;
    st.d = pN / dScale;
    st.zA = vessel ? vesselStart : z0;
    st.zB = vessel ? vesselEnd : L;
    if (free) drawFreeDecayZ(rng, st);
    else drawDecayZ(rng, st);
    const zd = st.zd;
    vis[0] = 0;
    vis[1] = 0;
    modeIndex[i] = sample(rng, EN, vis);
    flavourIndex[i] = cellFlavour(plan, ci, x);
    channelIndex[i] = k;
    Enu[i] = E;
    tCol[i] = t;
    zProd[i] = z0;
    xProd[i] = x0;
    yProd[i] = y0;
    ENCol[i] = EN;
    pxN[i] = pN * sinT * cphi;
    pyN[i] = pN * sinT * sphi;
    pzN[i] = pN * cosT;
    zDecay[i] = zd;
    // transverse position at the decay point: the N flies at angle θ, azimuth φ
    const tanT = cosT > 0 ? sinT / cosT : 0;
    xDecay[i] = x0 + (zd - z0) * tanT * cphi;
    yDecay[i] = y0 + (zd - z0) * tanT * sphi;
    Evis1[i] = vis[0]!;
    Evis2[i] = vis[1]!;
    weight[i] = st.w;
  }
  return out;
}
