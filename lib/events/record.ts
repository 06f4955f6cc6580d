/**
 * The event record of lib/events: one reusable, flat structure per event (particles and
 * vertices in typed arrays) that every writer (HepMC3, Parquet, CSV, JSON) reads. Units at
 * this level are the writers' units: momenta and masses in GeV, positions in mm and times
 * in mm/c, in the detector frame (origin on the beam axis at the tungsten front face, z
 * along the beam, t = 0 when the beam neutrino crosses the plane z = 0).
 */

/** HepMC status codes used here: 1 final state, 2 decayed, 4 beam/target (incoming). */
export const STATUS = { final: 1, decayed: 2, incoming: 4 } as const;

/**
 * PDG Monte Carlo numbers used in the records. No PDG code exists for a heavy neutral lepton
 * or a dark photon; 9900012 (the heavy-neutrino code of PYTHIA's left-right-symmetry
 * sector, also used by MadGraph HNL models) is used for N, 1023 (PYTHIA's dark-photon
 * code) for Z_D. The nucleus is PDG's 10LZZZAAAI code for ¹⁸⁴W.
 */
export const PDG = {
  N: 9900012,
  ZD: 1023,
  photon: 22,
  electron: 11,
  muon: 13,
  proton: 2212,
  neutron: 2112,
  tungsten: 1000741840,
} as const;

/** Maximum particles and vertices an event of lib/events carries. */
export const MAX_PARTICLES = 16;
export const MAX_VERTICES = 8;

/** One event, reused between events by the generators (copy what you keep). */
export class EventRecord {
  /** Event number, from 0. */
  index = 0;
  nParticles = 0;
  nVertices = 0;
  readonly pdg = new Int32Array(MAX_PARTICLES);
  readonly status = new Int32Array(MAX_PARTICLES);
  /** Four-momentum (px, py, pz, E) and generated mass, GeV. */
  readonly px = new Float64Array(MAX_PARTICLES);
  readonly py = new Float64Array(MAX_PARTICLES);
  readonly pz = new Float64Array(MAX_PARTICLES);
  readonly E = new Float64Array(MAX_PARTICLES);
  readonly m = new Float64Array(MAX_PARTICLES);
  /** Production vertex of each particle (0-based; −1 for the incoming beam and target). */
  readonly prodVertex = new Int32Array(MAX_PARTICLES);
  /** Vertex positions (x, y, z in mm, t in mm/c). */
  readonly vx = new Float64Array(MAX_VERTICES);
  readonly vy = new Float64Array(MAX_VERTICES);
  readonly vz = new Float64Array(MAX_VERTICES);
  readonly vt = new Float64Array(MAX_VERTICES);
  /** Incoming particles of each vertex (0-based particle indices, up to 2). */
  readonly vIn = new Int32Array(MAX_VERTICES * 2).fill(-1);
  /** Weights in the order of the stream's weight names (expected events per exposure, and its factors). */
  weights: Float64Array;
  /** Decay mode label (e.g. "nu gamma") and production channel of the event. */
  mode = "";
  channel = "";

  constructor(nWeights: number) {
    this.weights = new Float64Array(nWeights);
  }

  /** Start a new event. */
  clear(index: number): void {
    // only the previous event's vertices have incoming entries set (addVertex writes both of vertex v < nVertices)
    const vIn = this.vIn;
    for (let k = 2 * Math.min(this.nVertices, MAX_VERTICES) - 1; k >= 0; k--) vIn[k] = -1;
    this.index = index;
    this.nParticles = 0;
    this.nVertices = 0;
  }

  /** Add a vertex at (x, y, z, t) (mm, mm/c) with up to two incoming particles; returns its index. */
  addVertex(x: number, y: number, z: number, t: number, in1: number, in2 = -1): number {
    const v = this.nVertices++;
    if (v >= MAX_VERTICES) throw new RangeError(`an event has at most ${MAX_VERTICES} vertices`);
    this.vx[v] = x;
    this.vy[v] = y;
    this.vz[v] = z;
    this.vt[v] = t;
    this.vIn[2 * v] = in1;
    this.vIn[2 * v + 1] = in2;
    return v;
  }

  /** Add a particle (GeV) produced at vertex `vertex` (−1: incoming); returns its index. */
  addParticle(pdg: number, status: number, px: number, py: number, pz: number, E: number, m: number, vertex: number): number {
    const i = this.nParticles++;
    if (i >= MAX_PARTICLES) throw new RangeError(`an event has at most ${MAX_PARTICLES} particles`);
    this.pdg[i] = pdg;
    this.status[i] = status;
    this.px[i] = px;
    this.py[i] = py;
    this.pz[i] = pz;
    this.E[i] = E;
    this.m[i] = m;
    this.prodVertex[i] = vertex;
    return i;
  }

  /**
   * Largest relative four-momentum imbalance over the vertices: |Σ_in p − Σ_out p|_∞ /
   * Σ_in E, for checking conservation (exact up to rounding for every generator here).
   */
  maxImbalance(): number {
    let worst = 0;
    for (let v = 0; v < this.nVertices; v++) {
      const d = [0, 0, 0, 0];
      let scale = 0;
      for (const k of [this.vIn[2 * v]!, this.vIn[2 * v + 1]!]) {
        if (k < 0) continue;
        d[0]! += this.px[k]!;
        d[1]! += this.py[k]!;
        d[2]! += this.pz[k]!;
        d[3]! += this.E[k]!;
        scale += this.E[k]!;
      }
      for (let i = 0; i < this.nParticles; i++) {
        if (this.prodVertex[i] !== v) continue;
        d[0]! -= this.px[i]!;
        d[1]! -= this.py[i]!;
        d[2]! -= this.pz[i]!;
        d[3]! -= this.E[i]!;
      }
      for (const x of d) worst = Math.max(worst, Math.abs(x) / scale);
    }
    return worst;
  }
}

/** What every event stream provides: the weight names, run metadata and the events. */
export interface EventStream {
  /** Names of the weights, the first being the total ("weight", expected events). */
  readonly weightNames: readonly string[];
  /** Run metadata (inputs of the model point), written to the files' headers. */
  readonly meta: Readonly<Record<string, unknown>>;
  /** Number of events the stream yields. */
  readonly n: number;
  /** The events, one reused record (do not keep references across iterations). */
  events(): Iterable<EventRecord>;
}

/** What a writer reports: events written and the sum (and sum of squares) of the first weight, for the statistical error √Σw². */
export interface WriteSummary {
  events: number;
  weightSum: number;
  weightSumSquares: number;
}

/** A new zero summary. */
export function emptySummary(): WriteSummary {
  return { events: 0, weightSum: 0, weightSumSquares: 0 };
}

/** Add an event's first weight to a summary. */
export function tally(s: WriteSummary, rec: EventRecord): void {
  const w = rec.weights[0]!;
  s.events++;
  s.weightSum += w;
  s.weightSumSquares += w * w;
}
