/**
 * What lib/engine/sampler needs from a production table, built once per table and cached
 * (a WeakMap on the table object, which is immutable): the cumulative cell rates with a guide
 * table for the cell draw, the per-cell constants of the within-bin energy draw, per-channel
 * constants of the physical t range, and the rejection envelopes in ln|t| (built lazily, on
 * a cell's first draw). Every number is computed by the same floating-point operations, in
 * the same order, as a per-event computation would, so events are bit-identical to it.
 */
import type { ProductionTable } from "./productionTable";

/**
 * Panels of the rejection envelope in ln|t| per production cell: 32 resolve the dσ/dt shapes of
 * every channel (form-factor fall-off over ≲ 2 decades of |t|) to within the ENVELOPE_SAFETY margin.
 */
export const ENVELOPE_PANELS = 32;
/**
 * Envelope margin over the largest density sampled in a panel (ENVELOPE_T_POINTS |t| points ×
 * the ENVELOPE_E_POINTS cell-edge energies and the cell's centre energy): the true maximum
 * between sample points stays below it — a violation is an error (in the sampler). With 32
 * panels the dense scan of test/sampler.test.ts (24 ln|t| × 13 E points per panel, every 11th
 * cell, m_N = 0.05…2 GeV, four signatures) finds density/envelope ≤ 0.921, i.e. the true maximum
 * ≤ 1.3 % above the sampled one (≤ 4.4 % with 24 panels), and the test asserts < 1/1.05; the mean
 * acceptance is 0.78–0.91 (0.68–0.83 with 24 panels and a margin of 1.2, 0.51–0.62 with 1.6).
 */
export const ENVELOPE_SAFETY = 1.1;
/** |t| points per panel (both ends included) and energies across the cell (both ends included) at which the envelope is sampled. */
export const ENVELOPE_T_POINTS = 5;
export const ENVELOPE_E_POINTS = 2;
/** Guide-table buckets per envelope (the panel search starts at its bucket's first panel). */
export const ENVELOPE_GUIDE = 64;
/**
 * Squeeze margin: a panel's lower bound of the density (the squeeze of the rejection, G. Marsaglia,
 * "The squeeze method for generating gamma variates", Comp. Math. Appl. 3 (1977) 321) is the smallest
 * density sampled in it divided by SQUEEZE_SAFETY; a panel whose sampled densities differ by more
 * than SQUEEZE_MAX_SPREAD (or touch the kinematic limits, or are 0) gets no squeeze. The dense scan of
 * test/sampler.test.ts (24 ln|t| × 13 E points per panel) finds density ≥ 1.05 × squeeze everywhere
 * (the density between sample points dips below the sampled minimum by ≲ 1.3 %, as it exceeds the
 * sampled maximum), and the sampler audits every SQUEEZE_AUDIT-th squeeze acceptance against the density.
 */
export const SQUEEZE_SAFETY = 1.1;
export const SQUEEZE_MAX_SPREAD = 2;
/** Every this many squeeze acceptances the sampler evaluates the density anyway and checks squeeze ≤ density ≤ envelope. */
export const SQUEEZE_AUDIT = 64;

/**
 * Layout of {@link SamplerPlan.packed}: per cell, PACK_STRIDE doubles holding everything one
 * (E_ν, t) draw reads, so that a draw touches three 64-byte cache lines of its cell (the cells are
 * drawn at random: each line is a likely cache miss) — a header line (the energy-draw constants:
 * lower ln E, ln-width, slope — 0 for a log-uniform draw —, expm1(slope × width); the envelope's
 * origin, panel width, total and guide scale), a line of the envelope's ENVELOPE_GUIDE guide bytes
 * ({@link SamplerPlan.packedBytes}), and the line of the drawn panel: per panel PANEL_STRIDE doubles,
 * the cumulative area below it, its own cumulative area, its height and its squeeze ratio (lower
 * bound/height, 0 for none), two panels to a line. The packed column is the first of the plan's
 * buffer (offset 0), so cells start on line boundaries.
 */
export const PACK = {
  lnELo: 0, lnWidth: 1, lnSlope: 2, expm1SlopeWidth: 3, envL0: 4, envH: 5, envTotal: 6, envGuideScale: 7,
  /** The guide's bytes from byte 8 × guide of the cell; then ENVELOPE_PANELS panels of PANEL_STRIDE doubles ({@link PANEL}). */
  guide: 8, panels: 8 + ENVELOPE_GUIDE / 8,
} as const;
/** Offsets inside a packed panel: cumulative area of the panels before it (0 for the first), its own cumulative area, height, squeeze ratio. */
export const PANEL = { below: 0, cum: 1, env: 2, squeeze: 3 } as const;
export const PANEL_STRIDE = 4;
export const PACK_STRIDE = PACK.panels + PANEL_STRIDE * ENVELOPE_PANELS;

/** Per-table sampling constants; the envelope columns are filled on a cell's first use. */
export interface SamplerPlan {
  readonly table: ProductionTable;
  /** Cumulative cell weights and their sum (the cell draw is `rng() × total`). */
  readonly cellCum: Float64Array;
  readonly total: number;
  /** guide[b]: first cell whose cumulative weight exceeds b·total/guide.length (a start for the search). */
  readonly guide: Int32Array;
  readonly guideScale: number;
  /** Per cell: lower ln E (the energy draw's constants are in the packed cell). */
  readonly lnELo: Float64Array;
  readonly channel: Int32Array;
  /** Per cell: flavour index (−1 for merged flavours) and energy bin. */
  readonly cellFlavour: Int16Array;
  readonly cellBin: Int32Array;
  /** Per cell: upper ln E, centre energy E_ν (GeV), and the smallest and largest ln|t| of its nodes (what its envelope spans). */
  readonly lnEHi: Float64Array; readonly cellEnu: Float64Array; readonly lnAbsTMin: Float64Array; readonly lnAbsTMax: Float64Array;
  /** Merged-flavour tables: cumulative flavour fractions per energy bin (bin × nFlavours, the last of a bin ≈ 1), from table.binFlavourFractions; empty otherwise. */
  readonly flavourCum: Float64Array;
  readonly nFlavours: number;
  /** Per channel: dσ/dt (the unchecked kernel if any), target mass M and M² (GeV, GeV²). */
  readonly kernels: readonly ((E: number, t: number) => number)[];
  readonly targetMass: Float64Array;
  readonly targetMass2: Float64Array;
  /** Per cell: whether this thread has seen the cell's envelope built (this thread's own array: the hot path reads no shared flag). */
  readonly envSeen: Uint8Array;
  /** Per cell envelope: built flag (shared: read and set with Atomics), ln|t| origin, panel width, total area; panel heights and cumulative areas (cell × ENVELOPE_PANELS). */
  readonly envBuilt: Uint8Array;
  readonly envL0: Float64Array;
  readonly envH: Float64Array;
  readonly envTotal: Float64Array;
  readonly env: Float64Array;
  readonly envCum: Float64Array;
  /** Per cell and panel: squeeze/envelope height (cell × ENVELOPE_PANELS; 0 where the panel has no squeeze, see SQUEEZE_SAFETY). */
  readonly squeeze: Float64Array;
  /** The same per-cell numbers, cell-major ({@link PACK}, {@link PACK_STRIDE}): what the sampler's draw reads; packedBytes is a byte view of the same memory (the guide bytes). */
  readonly packed: Float64Array;
  readonly packedBytes: Uint8Array;
}

const plans = new WeakMap<ProductionTable, SamplerPlan>();

/** The sampling plan of a table (cached per table object). */
export function samplerPlan(table: ProductionTable): SamplerPlan {
  let plan = plans.get(table);
  if (plan === undefined) {
    plan = buildPlan(table);
    plans.set(table, plan);
  }
  return plan;
}

/** The typed-array columns of a plan, all views of one SharedArrayBuffer (so threads can share it, {@link sharePlan}). */
type Columns = Omit<SamplerPlan, "table" | "total" | "guideScale" | "nFlavours" | "kernels" | "envSeen" | "packedBytes">;
type ColumnType = Float64ArrayConstructor | Int32ArrayConstructor | Int16ArrayConstructor | Uint8ArrayConstructor;

/** Column name, element type and length for nc cells, nch channels and nfc flavour-cumulative entries (the order is the buffer's layout). */
function layout(nc: number, nch: number, nfc: number): [keyof Columns, ColumnType, number][] {
  const P = ENVELOPE_PANELS;
  return [
    ["packed", Float64Array, nc * PACK_STRIDE], ["cellCum", Float64Array, nc], ["lnELo", Float64Array, nc], ["lnEHi", Float64Array, nc], ["cellEnu", Float64Array, nc], ["lnAbsTMin", Float64Array, nc],
    ["lnAbsTMax", Float64Array, nc], ["flavourCum", Float64Array, nfc], ["targetMass", Float64Array, nch], ["targetMass2", Float64Array, nch],
    ["envL0", Float64Array, nc], ["envH", Float64Array, nc], ["envTotal", Float64Array, nc],
    ["env", Float64Array, nc * P], ["envCum", Float64Array, nc * P], ["squeeze", Float64Array, nc * P],
    ["guide", Int32Array, Math.max(1, 2 * nc)], ["channel", Int32Array, nc], ["cellBin", Int32Array, nc], ["cellFlavour", Int16Array, nc],
    ["envBuilt", Uint8Array, nc],
  ];
}

/** The columns of `lay` as views of `buf` (a new SharedArrayBuffer of the right size when undefined). */
function viewColumns(lay: ReturnType<typeof layout>, buf?: SharedArrayBuffer): { cols: Columns; buffer: SharedArrayBuffer } {
  let bytes = 0;
  for (const [, T, len] of lay) bytes += Math.ceil((len * T.BYTES_PER_ELEMENT) / 8) * 8;
  const buffer = buf ?? new SharedArrayBuffer(bytes);
  if (buffer.byteLength !== bytes) throw new RangeError(`shared sampler plan of ${buffer.byteLength} bytes, expected ${bytes}`);
  const cols: Record<string, unknown> = {};
  let off = 0;
  for (const [name, T, len] of lay) {
    cols[name] = new (T as new (b: ArrayBufferLike, o: number, l: number) => unknown)(buffer, off, len); // one constructor type for the union
    off += Math.ceil((len * T.BYTES_PER_ELEMENT) / 8) * 8;
  }
  return { cols: cols as unknown as Columns, buffer };
}

function buildPlan(table: ProductionTable): SamplerPlan {
  const nc = table.cells.length, nch = table.channelDefs.length;
  const fr = table.binFlavourFractions;
  const nFlavours = fr === null || fr.length === 0 ? 0 : fr.length;
  const { cols, buffer } = viewColumns(layout(nc, nch, nFlavours === 0 ? 0 : nFlavours * fr![0]!.length));
  const { cellCum, lnELo, channel, cellFlavour, cellBin, lnEHi, cellEnu } = cols;
  let acc = 0;
  for (let i = 0; i < nc; i++) {
    const c = table.cells[i]!;
    acc += c.weight;
    cellCum[i] = acc;
    const w = c.lnEHi - c.lnELo;
    const sw = c.lnSlope * w;
    lnELo[i] = c.lnELo;
    channel[i] = c.channel;
    cellFlavour[i] = c.flavour;
    cellBin[i] = c.bin;
    // the packed cell (PACK): the energy-draw constants now (slope 0 for a log-uniform draw), the envelope part on the cell's first use
    const o = i * PACK_STRIDE, pk = cols.packed;
    [pk[o + PACK.lnELo], pk[o + PACK.lnWidth], pk[o + PACK.lnSlope], pk[o + PACK.expm1SlopeWidth]] = [c.lnELo, w, Math.abs(sw) < 1e-9 ? 0 : c.lnSlope, Math.expm1(sw)];
    lnEHi[i] = c.lnEHi;
    cellEnu[i] = c.Enu;
    let lmin = Infinity, lmax = -Infinity;
    for (let k = c.firstNode; k < c.endNode; k++) {
      const L = Math.log(-table.nodes.t[k]!);
      if (L < lmin) lmin = L;
      if (L > lmax) lmax = L;
    }
    [cols.lnAbsTMin[i], cols.lnAbsTMax[i]] = [lmin, lmax];
  }
  table.channelDefs.forEach((ch, k) => {
    cols.targetMass[k] = ch.targetMass;
    cols.targetMass2[k] = ch.targetMass * ch.targetMass;
  });
  buildGuide(cellCum, acc, cols.guide);
  flavourCumulative(table, cols.flavourCum);
  const plan: SamplerPlan = { ...cols, packedBytes: bytesOf(cols.packed), table, total: acc, guideScale: cols.guide.length / acc, nFlavours, kernels: kernelsOf(table), envSeen: new Uint8Array(nc) };
  shared.set(plan, buffer);
  return plan;
}

const bytesOf = (a: Float64Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

const kernelsOf = (table: ProductionTable) => table.channelDefs.map((c) => c.kernel ?? c.dsigmadt);

const shared = new WeakMap<SamplerPlan, SharedArrayBuffer>();

/**
 * What another thread needs to use a plan (structured-cloneable): its SharedArrayBuffer, whose
 * envelopes any thread fills (each cell's by the same operations: the same bits whichever
 * thread builds it), the table's sizes and the plan's scalars, and per channel its name and
 * target mass (checked against the adopting thread's channels).
 */
export interface SharedPlan {
  readonly buffer: SharedArrayBuffer;
  readonly nCells: number;
  readonly nFlavourCum: number;
  readonly nFlavours: number;
  readonly total: number;
  readonly channels: readonly { readonly name: string; readonly targetMass: number }[];
}

/** The plan of a table as a {@link SharedPlan} for {@link adoptPlan} in another thread. */
export function sharePlan(table: ProductionTable): SharedPlan {
  const plan = samplerPlan(table);
  return {
    buffer: shared.get(plan)!, nCells: plan.cellCum.length, nFlavourCum: plan.flavourCum.length, nFlavours: plan.nFlavours, total: plan.total,
    channels: table.channelDefs.map((c) => ({ name: c.name, targetMass: c.targetMass })),
  };
}

/**
 * Make a shared plan (from {@link sharePlan} in another thread) the plan of `table`, this thread's
 * copy of the same table (its own channels' dσ/dt; RangeError if the channels or the number of
 * cells or their total rate differ, or the table already has a plan): no rebuilding, and envelopes built by either thread serve both.
 */
export function adoptPlan(table: ProductionTable, sp: SharedPlan): void {
  if (plans.has(table)) throw new RangeError("adoptPlan: the table already has a sampler plan");
  const same = sp.channels.length === table.channelDefs.length && sp.channels.every((c, k) => c.name === table.channelDefs[k]!.name && c.targetMass === table.channelDefs[k]!.targetMass);
  let acc = 0;
  for (const c of table.cells) acc += c.weight; // the plan's total, as buildPlan sums it
  if (!same || sp.nCells !== table.cells.length || acc !== sp.total) throw new RangeError(`adoptPlan: the shared plan (${sp.nCells} cells, channels ${sp.channels.map((c) => c.name).join(", ")}) is not of this table (${table.cells.length} cells, channels ${table.channels.join(", ")}, or another total rate)`);
  const { cols } = viewColumns(layout(sp.nCells, sp.channels.length, sp.nFlavourCum), sp.buffer);
  const plan: SamplerPlan = { ...cols, packedBytes: bytesOf(cols.packed), table, total: sp.total, guideScale: cols.guide.length / sp.total, nFlavours: sp.nFlavours, kernels: kernelsOf(table), envSeen: new Uint8Array(sp.nCells) };
  shared.set(plan, sp.buffer);
  plans.set(table, plan);
}

/** Running sums of the per-bin flavour fractions of a merged-flavour table (bin-major) into `out` (empty otherwise). */
function flavourCumulative(table: ProductionTable, out: Float64Array): void {
  const fr = table.binFlavourFractions;
  if (fr === null || fr.length === 0) return;
  const nf = fr.length, nb = fr[0]!.length;
  for (let b = 0; b < nb; b++) {
    let acc = 0;
    for (let f = 0; f < nf; f++) out[b * nf + f] = acc += fr[f]![b]!;
  }
}

/** Guide table with 2 buckets per cell: guide[b] = first i with cum[i] > b·total/K (a lower bound of the answer, checked at use). */
function buildGuide(cum: Float64Array, total: number, guide: Int32Array): void {
  const K = guide.length;
  let i = 0;
  for (let b = 0; b < K; b++) {
    const x = (b * total) / K;
    while (i < cum.length - 1 && cum[i]! <= x) i++;
    guide[b] = i;
  }
}

/**
 * The cell of a draw x ∈ [0, total): the first i with cellCum[i] > x (the last cell if none),
 * exactly as core/random searchCumulative, started from the guide table.
 */
export function drawCell(plan: SamplerPlan, x: number): number {
  const cum = plan.cellCum;
  const last = cum.length - 1;
  let b = Math.floor(x * plan.guideScale);
  if (b >= plan.guide.length) b = plan.guide.length - 1;
  let i = plan.guide[b]!;
  if (i > 0 && cum[i - 1]! > x) i = 0; // rounding put the bucket past x: search from the start
  while (i < last && cum[i]! <= x) i++;
  return i;
}

/**
 * |t| dσ/dt at (E, t) for channel k, or 0 where t is outside the physical range at this E (the
 * envelope spans a little more than the range of the cell's nodes, so such points are proposed
 * and correctly get zero density). Physical range of ν(E) T(M) → N(m_N) T as kinematics.tRange,
 * without argument checks. m_N and E in GeV, mN4 = m_N⁴ in GeV⁴, t in GeV².
 */
export function densityAt(plan: SamplerPlan, k: number, mN: number, mN4: number, E: number, t: number): number {
  const M = plan.targetMass[k]!, M2 = plan.targetMass2[k]!;
  const s = M2 + 2 * E * M;
  const rs = Math.sqrt(s);
  if (rs <= mN + M) return 0;
  const p1 = (E * M) / rs;
  const E3 = (s + mN * mN - M2) / (2 * rs);
  const p3 = Math.sqrt(Math.max(0, E3 * E3 - mN * mN));
  const tLow = mN * mN - 2 * p1 * (E3 + p3);
  const tHigh = mN === 0 ? 0 : (mN4 * M * M) / (s * tLow);
  if (t < tLow || t > tHigh) return 0;
  const v = plan.kernels[k]!(E, t);
  if (!(v >= 0) || !Number.isFinite(v)) {
    throw new RangeError(`dσ/dt = ${v} at E = ${E} GeV, t = ${t} GeV² is not a finite non-negative number`);
  }
  return v * -t;
}

/**
 * Whether the ln|t| interval [La, Lb] lies inside the physical t range at every energy of the cell:
 * the range widens with E (t_low falls, t_high rises towards 0), so inside at the lowest sampled E
 * (Es[0], the cell's lower edge) is inside at all of them; checked at every sampled energy anyway.
 */
function panelInside(plan: SamplerPlan, k: number, mN: number, mN4: number, Es: readonly number[], La: number, Lb: number): boolean {
  const M = plan.targetMass[k]!, M2 = plan.targetMass2[k]!;
  const tIn = -Math.exp(La), tOut = -Math.exp(Lb); // tIn is the end nearer 0
  for (const E of Es) {
    const s = M2 + 2 * E * M;
    const rs = Math.sqrt(s);
    if (rs <= mN + M) return false;
    const p1 = (E * M) / rs;
    const E3 = (s + mN * mN - M2) / (2 * rs);
    const p3 = Math.sqrt(Math.max(0, E3 * E3 - mN * mN));
    const tLow = mN * mN - 2 * p1 * (E3 + p3);
    const tHigh = mN === 0 ? 0 : (mN4 * M * M) / (s * tLow);
    if (!(tOut > tLow && tIn < tHigh)) return false;
  }
  return true;
}

/**
 * Build the rejection envelope of cell ci into the plan's envelope columns (once per cell). It is
 * computed in scratch arrays and then copied: another thread sharing the plan may build the same
 * cell at the same time, and writes the same bits (the flag is set last, with Atomics.store).
 */
export function buildEnvelope(plan: SamplerPlan, ci: number): void {
  const table = plan.table, k = plan.channel[ci]!;
  const lmin = plan.lnAbsTMin[ci]!, lmax = plan.lnAbsTMax[ci]!, lnELo = plan.lnELo[ci]!, lnEHi = plan.lnEHi[ci]!;
  const span = Math.max(lmax - lmin, 1e-6);
  const margin = 0.25 + span / 40; // covers the E_ν dependence of the t range inside the cell
  const L0 = lmin - margin;
  const h = (lmax + margin - L0) / ENVELOPE_PANELS;
  const env = new Float64Array(ENVELOPE_PANELS), cum = new Float64Array(ENVELOPE_PANELS), sq = new Float64Array(ENVELOPE_PANELS), lower = new Float64Array(ENVELOPE_PANELS);
  const Es = Array.from({ length: ENVELOPE_E_POINTS }, (_, j) => Math.exp(lnELo + ((lnEHi - lnELo) * j) / (ENVELOPE_E_POINTS - 1)));
  Es.push(plan.cellEnu[ci]!);
  const mN = table.mN, mN4 = mN ** 4;
  const nq = ENVELOPE_T_POINTS - 1;
  for (let p = 0; p < ENVELOPE_PANELS; p++) {
    let mx = 0, mn = Infinity;
    for (let q = 0; q <= nq; q++) {
      const absT = Math.exp(L0 + (p + q / nq) * h);
      for (const E of Es) {
        const g = densityAt(plan, k, mN, mN4, E, -absT);
        if (g > mx) mx = g;
        if (g < mn) mn = g;
      }
    }
    env[p] = mx * ENVELOPE_SAFETY;
    lower[p] = mn > 0 && mx <= SQUEEZE_MAX_SPREAD * mn && panelInside(plan, k, mN, mN4, Es, L0 + p * h, L0 + (p + 1) * h) ? mn / SQUEEZE_SAFETY : 0;
  }
  // smooth: each panel at least half its neighbours' maximum (guards narrow peaks between samples)
  for (let p = 0; p < ENVELOPE_PANELS; p++) {
    const nb = Math.max(env[p - 1] ?? 0, env[p + 1] ?? 0);
    if (env[p]! < 0.5 * nb) env[p] = 0.5 * nb;
  }
  let acc = 0;
  for (let p = 0; p < ENVELOPE_PANELS; p++) {
    acc += env[p]! * h;
    cum[p] = acc;
  }
  const guide = new Uint8Array(ENVELOPE_GUIDE);
  let p = 0;
  for (let b = 0; b < ENVELOPE_GUIDE; b++) {
    const x = (b * acc) / ENVELOPE_GUIDE;
    while (p < ENVELOPE_PANELS - 1 && cum[p]! <= x) p++;
    guide[b] = p;
  }
  // lower ≤ density ⇒ lower/env ≤ density/env in floating point (division by the same positive number is monotone), so u < sq implies the sampler's u < density/env: the same decision
  for (let p = 0; p < ENVELOPE_PANELS; p++) sq[p] = lower[p]! > 0 ? lower[p]! / env[p]! : 0;
  storeEnvelope(plan, ci, L0, h, acc, { env, cum, sq, guide });
}

/** Make sure cell ci's envelope is built (by this thread, or seen built by another: Atomics.load), and note it in plan.envSeen. */
export function ensureEnvelope(plan: SamplerPlan, ci: number): void {
  if (Atomics.load(plan.envBuilt, ci) === 0) buildEnvelope(plan, ci);
  plan.envSeen[ci] = 1;
}

/** Copy a built envelope (panel heights, cumulative areas, squeeze ratios, guide) into the plan's columns and the packed cell, then flag the cell built. */
function storeEnvelope(plan: SamplerPlan, ci: number, L0: number, h: number, acc: number, e: { env: Float64Array; cum: Float64Array; sq: Float64Array; guide: Uint8Array }): void {
  const { env, cum, sq } = e;
  [plan.envL0[ci], plan.envH[ci], plan.envTotal[ci]] = [L0, h, acc];
  plan.env.set(env, ci * ENVELOPE_PANELS);
  plan.envCum.set(cum, ci * ENVELOPE_PANELS);
  plan.squeeze.set(sq, ci * ENVELOPE_PANELS);
  const o = ci * PACK_STRIDE, pk = plan.packed;
  [pk[o + PACK.envL0], pk[o + PACK.envH], pk[o + PACK.envTotal], pk[o + PACK.envGuideScale]] = [L0, h, acc, ENVELOPE_GUIDE / acc];
  plan.packedBytes.set(e.guide, 8 * (o + PACK.guide));
  for (let p = 0; p < ENVELOPE_PANELS; p++) {
    const q = o + PACK.panels + p * PANEL_STRIDE;
    pk[q + PANEL.below] = p > 0 ? cum[p - 1]! : 0;
    pk[q + PANEL.cum] = cum[p]!;
    pk[q + PANEL.env] = env[p]!;
    pk[q + PANEL.squeeze] = sq[p]!;
  }
  Atomics.store(plan.envBuilt, ci, 1);
}
