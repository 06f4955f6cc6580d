/**
 * Full events for N produced by up-scattering in the tungsten (ν T → N T), built on
 * lib/engine/sampler: the sampler draws (flavour, channel, E_ν, t), the production point (uniform
 * over the square tungsten face and along its length — not the flux profile), the N
 * direction (polar angle from t, azimuth uniform) and the decay point; this module turns
 * each sampled event into a record with four-vectors at every vertex.
 *
 * Decays are drawn in the N rest frame by a {@link FullDecay}: the products are generated
 * in the frame where N moves along +z with the sampled lab energy (so the sampler's visible
 * energies are the products' lab energies exactly), then rotated onto the N direction.
 * Sampling runs in chunks (the sampler's envelopes are cached per table), so memory does not grow with n.
 */
import { PDG_ID, type Flavour } from "../flux/flavours";
import { seededRandom, type Random } from "../core/random";
import { type DecayModel, type EventTable, type ForceDecay, sampleEvents } from "../engine/sampler";
import type { ProductionTable } from "../engine/productionTable";
import type { Detector } from "../detector/geometry";
import { mm } from "../core/units";
import { EventRecord, PDG, STATUS, type EventStream } from "./record";

/** Products of one decay, in the frame where the parent moves along +z (GeV). */
export class DecayStash {
  readonly cap: number;
  readonly count: Int32Array;
  readonly pdg: Int32Array;
  readonly m: Float64Array;
  /** [px, py, pz, E] of up to 4 products per decay. */
  readonly p: Float64Array;
  readonly mode: string[];
  next = 0;
  constructor(cap: number) {
    this.cap = cap;
    this.count = new Int32Array(cap);
    this.pdg = new Int32Array(cap * 4);
    this.m = new Float64Array(cap * 4);
    this.p = new Float64Array(cap * 16);
    this.mode = new Array<string>(cap).fill("");
  }
}

/**
 * A decay model that also records the products: `model` is handed to lib/engine/sampler and its
 * sample() fills `stash` (one slot per call, in call order). PDG ids in the stash are for
 * an N (lepton number +1); the builder flips signs for N̄.
 */
export interface FullDecay {
  readonly model: DecayModel;
  readonly stash: DecayStash;
}

/** Target PDG id and mass of a production channel. */
export function targetPdg(channel: string): number {
  switch (channel) {
    case "coherent":
      return PDG.tungsten;
    case "proton":
      return PDG.proton;
    case "neutron":
      return PDG.neutron;
    case "electron":
      return PDG.electron;
    default:
      throw new RangeError(`channel = ${JSON.stringify(channel)} has no target PDG id (coherent, proton, neutron, electron)`);
  }
}

/** What a secondary-production stream needs. */
export interface SecondaryInputs {
  readonly table: ProductionTable;
  readonly detector: Detector;
  readonly makeDecay: (chunk: number) => FullDecay;
  /** Factor on the table's weights (coupling rescaling, e.g. μ_N²). */
  readonly couplingFactor: number;
  readonly forceDecay: ForceDecay;
  /** Accept/reject on (E_ν, t, channel index) matching cuts the table was built with (e.g. recoil windows); passed to the sampler. */
  readonly accept?: (Enu: number, t: number, channel: number) => boolean;
  /** Selected weight of each event of a chunk (the signature's cuts; weights already rescaled). */
  readonly select: (ev: EventTable) => Float64Array;
  /** Optional extension after the N decay (e.g. Z_D → e⁺e⁻): adds vertices and particles and updates rec.weights itself. */
  readonly extend?: (rec: EventRecord, rng: Random, ev: EventTable, i: number) => void;
  /** false: N is a final-state particle (no decay vertex), e.g. for electron-scattering signatures where N leaves the detector. Default true. */
  readonly decayN?: boolean;
  /** Extra weight names written by `extend` into rec.weights after the five standard ones. */
  readonly extraWeights?: readonly string[];
  readonly n: number;
  readonly seed: number;
  readonly meta: Record<string, unknown>;
  /** Events per sampler chunk (memory ∝ chunk). */
  readonly chunk?: number;
  /**
   * Buffers to reuse from stream to stream of the same inputs (one chunk factory's streams, made
   * one after the other): the sampler's columns and the decay with its stash, taken by a stream
   * while it runs (a second stream running at the same time allocates its own). The events are
   * the same; only the allocation per stream goes.
   */
  readonly scratch?: SecondaryScratch;
}

/** What {@link SecondaryInputs.scratch} holds between streams (see there); start with `{}`. */
export interface SecondaryScratch {
  busy?: boolean;
  ev?: EventTable;
  decay?: FullDecay;
  chunk?: number;
}

/** The standard weight names of every stream, in order. */
export const WEIGHT_NAMES = ["weight", "weight_unselected", "production", "decay_probability", "selection"] as const;

/** An event stream of secondary N production and decay. */
export function secondaryStream(inp: SecondaryInputs): EventStream {
  const weightNames = [...WEIGHT_NAMES, ...(inp.extraWeights ?? [])];
  return {
    weightNames,
    meta: inp.meta,
    n: inp.n,
    events: () => generate(inp, weightNames.length),
  };
}

function generate(inp: SecondaryInputs, nWeights: number): IterableIterator<EventRecord> {
  return new SecondaryEvents(inp, nWeights);
}

/**
 * The events of a secondary stream, chunk by chunk: a chunk of the sampler (its columns reused
 * between full chunks), its selection, then one record per event. An iterator class rather
 * than a generator: one result object, reused for every event (the record is reused anyway).
 */
class SecondaryEvents implements IterableIterator<EventRecord> {
  private readonly rng: ReturnType<typeof seededRandom>;
  private readonly chunk: number;
  private readonly decay: FullDecay;
  private readonly rec: EventRecord;
  private readonly production: number;
  private readonly kin: ChannelKinematics;
  private readonly result: IteratorYieldResult<EventRecord>;
  /** The current chunk: its events, selected weights, size, next event and the events before it. */
  private ev: EventTable | undefined = undefined;
  /** The scratch this stream holds while it runs (released at its end). */
  private scratch: SecondaryScratch | undefined = undefined;
  private selected: Float64Array = new Float64Array(0);
  private m = 0;
  private i = 0;
  private done = 0;
  constructor(private readonly inp: SecondaryInputs, nWeights: number) {
    this.rng = seededRandom(inp.seed);
    this.chunk = Math.min(inp.chunk ?? 65536, inp.n);
    const sc = inp.scratch;
    if (sc !== undefined && !sc.busy) {
      sc.busy = true;
      this.scratch = sc;
      if (sc.decay === undefined || sc.chunk !== this.chunk) {
        sc.decay = inp.makeDecay(this.chunk);
        sc.chunk = this.chunk;
        sc.ev = undefined;
      }
      this.decay = sc.decay;
      this.ev = sc.ev;
    } else this.decay = inp.makeDecay(this.chunk);
    this.rec = new EventRecord(nWeights);
    this.production = (inp.table.total * inp.couplingFactor) / inp.n;
    this.kin = {
      flavourPdg: Int32Array.from(inp.table.flavours, (f) => PDG_ID[f as Flavour] ?? 0),
      targetMass: Float64Array.from(inp.table.channelDefs, (c) => c.targetMass),
      targetPdg: Int32Array.from(inp.table.channels, targetPdg),
      channels: inp.table.channels,
      mN: this.decay.model.mN,
      decayN: inp.decayN ?? true,
    };
    this.result = { value: this.rec, done: false };
  }
  [Symbol.iterator](): this {
    return this;
  }
  /** Sample the next chunk (after the previous one's events are all read). */
  private nextChunk(): void {
    const inp = this.inp;
    this.done += this.m;
    const m = Math.min(this.chunk, inp.n - this.done);
    this.decay.stash.next = 0;
    const opts = { n: m, forceDecay: inp.forceDecay, weightDivisor: inp.n, ...(inp.accept ? { accept: inp.accept } : {}), ...(this.ev ? { reuse: this.ev } : {}) };
    const ev = sampleEvents(this.rng, inp.table, this.decay.model, inp.detector, opts);
    for (let i = 0; i < m; i++) ev.weight[i] = ev.weight[i]! * inp.couplingFactor;
    this.selected = inp.select(ev);
    this.decay.stash.next = 0; // now read the stash back in the same order
    this.ev = ev;
    if (this.scratch !== undefined) this.scratch.ev = ev;
    this.m = m;
    this.i = 0;
  }
  next(): IteratorResult<EventRecord> {
    if (this.i === this.m) {
      if (this.done + this.m >= this.inp.n) {
        if (this.scratch !== undefined) this.scratch.busy = false;
        this.scratch = undefined;
        return { value: undefined, done: true };
      }
      this.nextChunk();
    }
    const i = this.i++, ev = this.ev!, rec = this.rec, inp = this.inp;
    buildEvent(rec, this.done + i, ev, i, this.decay.stash, this.kin);
    const w = rec.weights, sel = this.selected[i]!, wi = ev.weight[i]!, production = this.production;
    w[0] = sel;
    w[1] = wi;
    w[2] = production;
    w[3] = production > 0 ? wi / production : 0;
    w[4] = sel > 0 ? 1 : 0;
    if (inp.extend) inp.extend(rec, this.rng, ev, i);
    return this.result;
  }
}

/** Per-table constants of {@link buildEvent}: PDG ids per flavour and channel, target masses (GeV), m_N (GeV). */
interface ChannelKinematics {
  readonly flavourPdg: Int32Array;
  readonly targetMass: Float64Array;
  readonly targetPdg: Int32Array;
  readonly channels: readonly string[];
  readonly mN: number;
  readonly decayN: boolean;
}

/** Fill `rec` with event i of the chunk: beam ν, target, N and recoil at the production vertex, N decay products at the decay vertex. */
function buildEvent(rec: EventRecord, index: number, ev: EventTable, i: number, stash: DecayStash, kin: ChannelKinematics): void {
  rec.clear(index);
  const E = ev.Enu[i]!;
  const ch = ev.channelIndex[i]!;
  const M = kin.targetMass[ch]!;
  const tpdg = kin.targetPdg[ch]!;
  const nuPdg = kin.flavourPdg[ev.flavourIndex[i]!]!;
  const sign = nuPdg < 0 ? -1 : 1;
  const x0 = ev.xProd[i]! / mm, y0 = ev.yProd[i]! / mm, z0 = ev.zProd[i]! / mm;
  const nu = rec.addParticle(nuPdg, STATUS.incoming, 0, 0, E, E, 0, -1);
  const tg = rec.addParticle(tpdg, STATUS.incoming, 0, 0, 0, M, M, -1);
  // the beam neutrino moves along +z at c and crosses z = 0 at t = 0
  const vP = rec.addVertex(x0, y0, z0, z0, nu, tg);
  const px = ev.pxN[i]!, py = ev.pyN[i]!, pz = ev.pzN[i]!, EN = ev.EN[i]!;
  const nIdx = rec.addParticle(sign * PDG.N, STATUS.decayed, px, py, pz, EN, kin.mN, vP);
  rec.addParticle(tpdg, STATUS.final, -px, -py, E - pz, E + M - EN, M, vP);
  const slot = stash.next++;
  rec.channel = kin.channels[ch]!;
  if (!kin.decayN) {
    rec.status[nIdx] = STATUS.final;
    rec.mode = "";
    return;
  }
  // the decay vertex: along the N flight, reached after path/β
  const xd = ev.xDecay[i]! / mm, yd = ev.yDecay[i]! / mm, zd = ev.zDecay[i]! / mm;
  const pT = Math.sqrt(px * px + py * py);
  const pN = Math.sqrt(pT * pT + pz * pz);
  const path = Math.sqrt((xd - x0) ** 2 + (yd - y0) ** 2 + (zd - z0) ** 2);
  const vD = rec.addVertex(xd, yd, zd, z0 + (pN > 0 ? (path * EN) / pN : 0), nIdx);
  // rotation taking +z onto the N direction (θ, φ): cos φ = p_x/p_T, sin φ = p_y/p_T (φ = 0 along the axis)
  const cT = pN > 0 ? pz / pN : 1, sT = pN > 0 ? pT / pN : 0;
  const cP = pT > 0 ? px / pT : 1, sP = pT > 0 ? py / pT : 0;
  rec.mode = stash.mode[slot]!;
  for (let k = 0; k < stash.count[slot]!; k++) {
    const o = 16 * slot + 4 * k;
    const qx = stash.p[o]!, qy = stash.p[o + 1]!, qz = stash.p[o + 2]!;
    const x1 = cT * qx + sT * qz, z1 = -sT * qx + cT * qz;
    const pid = stash.pdg[4 * slot + k]!;
    const flip = pid === PDG.photon || pid === PDG.ZD ? 1 : sign;
    rec.addParticle(flip * pid, STATUS.final, cP * x1 - sP * qy, sP * x1 + cP * qy, z1, stash.p[o + 3]!, stash.m[4 * slot + k]!, vD);
  }
}
