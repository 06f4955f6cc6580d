/**
 * The per-node acceptances of the dipole signatures in the form the collapse evaluates them
 * (issue 15, compute once): the photon fraction with the N momentum shared, the dilepton
 * visible fraction on one ln E grid, and the groups of signatures collapsed together from one
 * table (lib/engine/signatureGroups). The same expressions as `DipoleMassPoint.acceptance`
 * (lib/models/dipole/signatures), so the collapsed bins are the same numbers up to rounding (the
 * batch forms take ln E_N and 1/p_N from a nearby energy's by their series, ≲ 10⁻¹⁴ relative,
 * more just above a cut where an acceptance is a small difference).
 */
import { log1pTiny, TINY_SERIES_MAX } from "../../core/series";
import { LOG_INTERPOLANT_PER_DECADE } from "../../core/interpolation";
import { CUTS } from "../../detector/cuts";
import type { ProductionTable } from "../../engine/productionTable";
import type { SignatureGroup } from "../../engine/signatureGroups";
import type { DecayRegion } from "../../engine/scaling";
import { type Detector, probVessel, tungstenProbabilityUnchecked, vesselProbabilityUnchecked } from "../../detector/geometry";
import type { DipoleDecayInputs, DipoleSignature } from "./signatures";

/** {@link photonFractionAbove} given the N momentum p = √(E_N² − m_N²) (GeV), for loops that share p. */
export function photonFractionAt(EN: number, p: number, mN: number, Ecut: number): number {
  if (p === 0) return mN / 2 > Ecut ? 1 : 0;
  const hi = 0.5 * (EN + p);
  return Math.min(1, Math.max(0, (hi - Ecut) / p));
}

/**
 * Largest |z| = |(E² − E_a²)/p_a²| for which the batch acceptances take 1/p from the anchor's:
 * 1/p = (1/p_a)(1 + z)^(−1/2) by its series to z⁵ (truncation < 0.23 z⁶ ≈ 2·10⁻¹⁹).
 */
const MOMENTUM_SPAN = 1e-3;

/**
 * (1 + z)^(−1/2) by its binomial series to z⁵, |z| < MOMENTUM_SPAN. The batch acceptances take
 * 1/p_N = 1/√(E_N² − m_N²) (GeV⁻¹) from the last energy whose momentum was taken (the anchor
 * E_a, {@link nodeMomentum}; per batch call, so the values depend on its energies only) as
 * (1/p_a)(1 + z)^(−1/2), z = (E_N² − E_a²)/p_a², when E_N is close to it (nodes of one cell:
 * E_N = E_ν − |t|/2M) — the same numbers to the rounding (≲ 10⁻¹⁵ relative), without a square
 * root and a division per node.
 */
function inverseSqrtSeries(z: number): number {
  return 1 + z * (-0.5 + z * (0.375 + z * (-0.3125 + z * (0.2734375 - z * 0.24609375))));
}

/**
 * The 1/p_N of a mass point's last vessel batch: which energies (array, offset, count, the first
 * one) they are of. The ECC batch of the same cell reads them when its nodes are the first of
 * the vessel's (in place, a prefix of the cell: the same energies, so the same anchors and the
 * same numbers), instead of taking them again.
 */
class InverseMomenta {
  inv = new Float64Array(256);
  es: Float64Array | null = null;
  from = -1;
  m = 0;
  first = NaN;
  /** The kept values when they cover es[from … from + m) (the same energies), else null. */
  covering(es: Float64Array, m: number, from: number): Float64Array | null {
    return this.es === es && this.from === from && m <= this.m && es[from] === this.first ? this.inv : null;
  }
}

/**
 * 1/p_N (GeV⁻¹) at es[from + p], p < m, by {@link inverseSqrtSeries} from the batch's anchor (kept
 * in locals; the first energy, then each one beyond MOMENTUM_SPAN of it), into `into` (whose
 * values the caller reads before its next call).
 */
function inverseMomenta(es: Float64Array, m: number, from: number, mN: number, into: InverseMomenta): Float64Array {
  if (into.inv.length < m) into.inv = new Float64Array(Math.max(m, 2 * into.inv.length));
  const inv = into.inv;
  into.es = es;
  into.from = from;
  into.m = m;
  into.first = es[from]!;
  let aE = NaN, aInv = 0, aInv2 = 0;
  for (let p = 0; p < m; p++) {
    const EN = es[from + p]!;
    const z = (EN - aE) * (EN + aE) * aInv2;
    if (z > -MOMENTUM_SPAN && z < MOMENTUM_SPAN) inv[p] = aInv * inverseSqrtSeries(z);
    else {
      const ip = 1 / nodeMomentum(EN, mN);
      inv[p] = ip;
      aE = EN;
      aInv = ip;
      aInv2 = ip * ip;
    }
  }
  return inv;
}

/** {@link photonFractionAt} from 1/p (GeV⁻¹, finite): 1/2 + (E_N/2 − E_cut)/p clipped to [0, 1], the same fraction to the rounding. */
function photonFractionInv(EN: number, invP: number, Ecut: number): number {
  return Math.min(1, Math.max(0, 0.5 + (0.5 * EN - Ecut) * invP));
}

/** The N momentum at a node, GeV: core/kinematics momentum without its per-call range checks (E_N ≥ m_N checked). */
export function nodeMomentum(EN: number, mN: number): number {
  if (!(EN >= mN)) throw new RangeError(`E_N = ${EN} GeV must be ≥ m_N = ${mN} GeV`);
  return Math.sqrt((EN - mN) * (EN + mN));
}

/**
 * Σ_ℓ Br_ℓ × f_ℓ(E_N) with each visible fraction f_ℓ (an s₂ integral per energy) interpolated
 * linearly in ln E on one grid for all leptons, LOG_INTERPOLANT_PER_DECADE nodes per decade on
 * [Elo, Emax] (the rule of core/interpolation logInterpolant: the same nodes and the same
 * interpolation formula), 0 at and below Elo, f_ℓ itself at and above Emax. Compute once
 * (issue 15): the logarithm is taken once per energy for all leptons, and a grid node is
 * evaluated when first needed (energies above the flux's end never are).
 */
export function dileptonAcceptance(fs: readonly ((E: number) => number)[], br: readonly number[], Elo: number, Emax: number): DileptonAcceptance {
  const L0 = Math.log(Elo), L1 = Math.log(Emax);
  const n = Math.max(2, Math.ceil(((L1 - L0) / Math.LN10) * LOG_INTERPOLANT_PER_DECADE));
  const h = (L1 - L0) / n;
  const ys = fs.map(() => new Float64Array(n + 1).fill(NaN));
  const node = (l: number, i: number) => {
    const y = ys[l]!;
    if (Number.isNaN(y[i]!)) y[i] = fs[l]!(Math.exp(L0 + i * h));
    return y[i]!;
  };
  const one = (EN: number) => {
    let s = 0;
    if (EN <= Elo) return s;
    if (EN >= Emax) {
      for (let l = 0; l < fs.length; l++) s += br[l]! * fs[l]!(EN);
      return s;
    }
    const x = (Math.log(EN) - L0) / h;
    const i = Math.min(n - 1, Math.floor(x));
    const u = x - i;
    for (let l = 0; l < fs.length; l++) s += br[l]! * (node(l, i) * (1 - u) + node(l, i + 1) * u);
    return s;
  };
  const nl = fs.length;
  const b0 = br[0] ?? 0, b1 = br[1] ?? 0;
  // the grid values of the interval last used (consecutive nodes of a cell mostly share it)
  const y0 = new Float64Array(nl), y1 = new Float64Array(nl);
  let last = -1;
  const many = (EN: Float64Array, m: number, out: Float64Array, o: number, scale: number, from = 0): void => {
    // ln E from the last energy whose logarithm was taken (the anchor) when E is within
    // ANCHOR_SPAN of it (nodes of one cell: E_N = E_ν − |t|/2M); per call, so the values
    // depend on this call's energies only
    // x = (ln E − L0)/h as xa + log1p(d)/h from the anchor's xa (1/h once: a product per node, no division)
    let aE = NaN, aInv = 0, aX = 0;
    const invH = 1 / h;
    // the interval's grid values in locals for one or two leptons (the sum over ℓ written out:
    // the same additions, 0 + a₀ + a₁, in the same order)
    let i0 = last, y00 = nl > 0 ? y0[0]! : 0, y10 = nl > 0 ? y1[0]! : 0, y01 = nl > 1 ? y0[1]! : 0, y11 = nl > 1 ? y1[1]! : 0;
    for (let p = 0; p < m; p++) {
      const E = EN[from + p]!;
      let s = 0;
      if (E <= Elo) {
        // 0
      } else if (E >= Emax) {
        for (let l = 0; l < nl; l++) s += br[l]! * fs[l]!(E);
      } else {
        const d = (E - aE) * aInv;
        let x: number;
        if (d > -ANCHOR_SPAN && d < ANCHOR_SPAN) x = aX + log1pTiny(d) * invH;
        else {
          x = (Math.log(E) - L0) * invH;
          aE = E;
          aInv = 1 / E;
          aX = x;
        }
        const i = Math.min(n - 1, Math.floor(x));
        const u = x - i;
        if (i !== i0) {
          if (nl > 0) (y00 = node(0, i)), (y10 = node(0, i + 1));
          if (nl > 1) (y01 = node(1, i)), (y11 = node(1, i + 1));
          i0 = i;
        }
        if (nl === 2) s = b0 * (y00 * (1 - u) + y10 * u) + b1 * (y01 * (1 - u) + y11 * u);
        else if (nl === 1) s = b0 * (y00 * (1 - u) + y10 * u);
        else if (nl > 2) {
          for (let l = 0; l < nl; l++) s += br[l]! * (node(l, i) * (1 - u) + node(l, i + 1) * u);
        }
      }
      out[o + p] = scale * s;
    }
    if (i0 !== last && nl > 0 && nl <= 2) {
      last = i0; y0[0] = y00; y1[0] = y10; // plain stores: no array per call
      y0[nl - 1] = nl > 1 ? y01 : y00; y1[nl - 1] = nl > 1 ? y11 : y10;
    }
  };
  return Object.assign(one, { many });
}

/**
 * Largest |E/E_a − 1| for which {@link dileptonAcceptance}'s batch form takes ln E as
 * ln E_a + log1p(E/E_a − 1) by lib/core/series log1pTiny instead of a logarithm: its truncation error is
 * below d⁶/6 ≈ 1.7·10⁻¹⁹, far under the rounding of ln E itself (~10⁻¹⁶).
 */
const ANCHOR_SPAN = TINY_SERIES_MAX;

/**
 * The dilepton acceptance Σ_ℓ Br_ℓ f_ℓ(E_N) of {@link dileptonAcceptance}, and the same at many
 * energies: out[o + p] = scale × value(EN[p]) for p < m (the same numbers up to the rounding of
 * ln E_N, ≲ 10⁻¹⁴ relative: the batch form takes most logarithms from a nearby energy's).
 */
export type DileptonAcceptance = ((EN: number) => number) & {
  /** out[o + p] = scale × value(EN[from + p]) for p < m (`from` default 0). */
  readonly many: (EN: Float64Array, m: number, out: Float64Array, o: number, scale: number, from?: number) => void;
};

/**
 * The photon acceptances of the vessel and ECC groups of {@link signatureGroups} in one loop
 * (lib/engine/collapse JointBatch): the vessel photon fraction at es[from + p] into out[p] for
 * p < m, the ECC ones above 1 and 3 TeV into out[2·stride + p], out[3·stride + p] for p < mB —
 * with 1/p_N of {@link inverseMomenta} (the same anchors: the ECC nodes are the first mB), the
 * expressions of the two groups' batches, so the same numbers. The vessel dilepton column
 * (out[stride + p]) is the caller's. `kept`: the vessel batch's 1/p_N, now not of these energies.
 */
function jointPhotons(es: Float64Array, m: number, mB: number, out: Float64Array, stride: number, from: number, mN: number, accG: number, brGamma: number, kept: InverseMomenta): void {
  kept.es = null;
  const Ev = CUTS.vesselEvis, E1 = CUTS.ecc1TeV, E3 = CUTS.ecc3TeV;
  const o2 = 2 * stride, o3 = 3 * stride;
  let aE = NaN, aInv = 0, aInv2 = 0;
  for (let p = 0; p < m; p++) {
    const EN = es[from + p]!;
    const z = (EN - aE) * (EN + aE) * aInv2;
    let ip: number;
    if (z > -MOMENTUM_SPAN && z < MOMENTUM_SPAN) ip = aInv * inverseSqrtSeries(z);
    else {
      ip = 1 / nodeMomentum(EN, mN);
      aE = EN;
      aInv = ip;
      aInv2 = ip * ip;
    }
    if (ip === Infinity) {
      out[p] = accG * photonFractionAt(EN, 0, mN, Ev);
      if (p < mB) {
        out[o2 + p] = brGamma * photonFractionAt(EN, 0, mN, E1);
        out[o3 + p] = brGamma * photonFractionAt(EN, 0, mN, E3);
      }
    } else {
      out[p] = accG * photonFractionInv(EN, ip, Ev);
      if (p < mB) {
        out[o2 + p] = brGamma * photonFractionInv(EN, ip, E1);
        out[o3 + p] = brGamma * photonFractionInv(EN, ip, E3);
      }
    }
  }
}

/**
 * The signature groups of a mass point: the vessel pair and the ECC pair from the full table
 * (the ECC one with the |t| cut as a mask: the same nodes, in the same order, as the sub-table),
 * electron scattering from its own table; the acceptances are the expressions of `acceptance`
 * with the N momentum shared. zeroAtOrBelow: the photon fraction above E_cut is 0 for
 * E_N ≤ E_cut when m_N/2 ≤ E_cut, the dilepton one at and below its tabulation start ≥ the vessel cut.
 */
export function signatureGroups(mN: number, acc: number, decay: DipoleDecayInputs, production: () => ProductionTable, electron: () => ProductionTable): SignatureGroup<DipoleSignature>[] {
  const { brGamma, dilepton } = decay;
  const accG = acc * brGamma;
  const photonZeroBelow = (Ecut: number) => (mN / 2 <= Ecut ? Ecut : -Infinity);
  const Ev = CUTS.vesselEvis, E1 = CUTS.ecc1TeV, E3 = CUTS.ecc3TeV;
  const vesselInv = new InverseMomenta(), eccInv = new InverseMomenta();
  return [
    {
      table: production,
      opts: { zeroAtOrBelow: photonZeroBelow(Ev) },
      members: ["vessel-photons", "vessel-dileptons"],
      accept: (EN, out) => {
        out[0] = accG * photonFractionAt(EN, nodeMomentum(EN, mN), mN, Ev);
        out[1] = acc * dilepton(EN);
      },
      batch: (es, m, out, stride, from = 0) => {
        const inv = inverseMomenta(es, m, from, mN, vesselInv);
        for (let p = 0; p < m; p++) {
          const EN = es[from + p]!, ip = inv[p]!;
          out[p] = accG * (ip === Infinity ? photonFractionAt(EN, 0, mN, Ev) : photonFractionInv(EN, ip, Ev));
        }
        decay.dileptonMany(es, m, out, stride, acc, from);
      },
    },
    {
      table: production,
      opts: { tAbsMax: CUTS.eccTAbsMax, zeroAtOrBelow: photonZeroBelow(E1) },
      members: ["ecc-photons-1tev", "ecc-photons-3tev"],
      accept: (EN, out) => {
        const p = nodeMomentum(EN, mN);
        out[0] = brGamma * photonFractionAt(EN, p, mN, E1);
        out[1] = brGamma * photonFractionAt(EN, p, mN, E3);
      },
      batch: (es, m, out, stride, from = 0) => {
        // the vessel batch of the cell just before has them when these nodes are its first (the |t| cut as a prefix, in place)
        const inv = vesselInv.covering(es, m, from) ?? inverseMomenta(es, m, from, mN, eccInv);
        for (let q = 0; q < m; q++) {
          const EN = es[from + q]!, ip = inv[q]!;
          out[q] = brGamma * (ip === Infinity ? photonFractionAt(EN, 0, mN, E1) : photonFractionInv(EN, ip, E1));
          out[stride + q] = brGamma * (ip === Infinity ? photonFractionAt(EN, 0, mN, E3) : photonFractionInv(EN, ip, E3));
        }
      },
      // the vessel pair and this pair in one sweep over a cell whose |t| < (0.1 GeV)² nodes are its first mB
      joint: {
        with: 0,
        batch: (es, m, mB, out, stride, from) => {
          jointPhotons(es, m, mB, out, stride, from, mN, accG, brGamma, vesselInv);
          decay.dileptonMany(es, m, out, stride, acc, from);
        },
      },
    },
    { table: electron, opts: {}, members: ["electron-scattering"], accept: (_EN, out) => (out[0] = 1), batch: (_es, m, out) => out.fill(1, 0, m) },
  ];
}

/**
 * Per node of `table`: weight × κ × acc(E_N) × P_decay(d), d = p_N/(m_N Γ) the lab decay length
 * (GeV⁻¹; Γ = `width` in GeV), P_decay that of `region` (lib/detector/geometry: probVessel,
 * probTungsten; 1 for none). The products in that order, as probVessel/probTungsten(det, d)
 * would give them, with the geometry checked once instead of per node. Events per node.
 */
export function nodeValues(table: ProductionTable, mN: number, width: number, det: Detector, region: DecayRegion, acc: (EN: number) => number, kappa: number): Float64Array {
  const nd = table.nodes, EN = nd.EN, weight = nd.weight, n = nd.length;
  const values = new Float64Array(n);
  if (region === "none") {
    for (let k = 0; k < n; k++) values[k] = weight[k]! * kappa * acc(EN[k]!) * 1;
    return values;
  }
  probVessel(det, 1); // the geometry's checks (tungsten length > 0, vessel after it, vessel length > 0), once
  const T = det.target.length, xMin = det.vessel.start, delta = det.vessel.length, mNw = mN * width, vessel = region === "vessel";
  for (let k = 0; k < n; k++) {
    const E = EN[k]!;
    // p_N as core/kinematics momentum computes it, inline, with one check (NaN for E_N < m_N): with the
    // helper's call or a second check in this loop V8 stopped inlining the acceptance, 5× the time
    const d = Math.sqrt((E - mN) * (E + mN)) / mNw;
    if (!(d >= 0)) throw new RangeError(`decay length d = ${d} GeV⁻¹ at E_N = ${E} GeV must be ≥ 0 (E_N ≥ m_N = ${mN} GeV, width ${width} GeV)`);
    const P = vessel ? (d === 0 || d === Infinity ? 0 : vesselProbabilityUnchecked(d, T, xMin, delta)) : tungstenProbabilityUnchecked(d, T);
    values[k] = weight[k]! * kappa * acc(E) * P;
  }
  return values;
}
