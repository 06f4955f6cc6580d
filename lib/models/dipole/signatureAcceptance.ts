/**
 * The per-node acceptances of the dipole signatures in the form the collapse evaluates them
 * (issue 15, compute once): the photon fraction with the N momentum shared, the dilepton
 * visible fraction on one ln E grid, and the groups of signatures collapsed together from one
 * table (lib/engine/signatureGroups). The same expressions as `DipoleMassPoint.acceptance`
 * (lib/models/dipole/signatures), so the collapsed bins are the same numbers.
 */
import { LOG_INTERPOLANT_PER_DECADE } from "../../core/interpolation";
import { CUTS } from "../../detector/cuts";
import type { ProductionTable } from "../../engine/productionTable";
import type { SignatureGroup } from "../../engine/signatureGroups";
import type { DipoleDecayInputs, DipoleSignature } from "./signatures";

/** {@link photonFractionAbove} given the N momentum p = √(E_N² − m_N²) (GeV), for loops that share p. */
export function photonFractionAt(EN: number, p: number, mN: number, Ecut: number): number {
  if (p === 0) return mN / 2 > Ecut ? 1 : 0;
  const hi = 0.5 * (EN + p);
  return Math.min(1, Math.max(0, (hi - Ecut) / p));
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
  // the grid values of the interval last used (consecutive nodes of a cell mostly share it)
  const y0 = new Float64Array(nl), y1 = new Float64Array(nl);
  let last = -1;
  const many = (EN: Float64Array, m: number, out: Float64Array, o: number, scale: number): void => {
    for (let p = 0; p < m; p++) {
      const E = EN[p]!;
      let s = 0;
      if (E <= Elo) {
        // 0
      } else if (E >= Emax) {
        for (let l = 0; l < nl; l++) s += br[l]! * fs[l]!(E);
      } else {
        const x = (Math.log(E) - L0) / h;
        const i = Math.min(n - 1, Math.floor(x));
        const u = x - i;
        if (i !== last) {
          for (let l = 0; l < nl; l++) {
            y0[l] = node(l, i);
            y1[l] = node(l, i + 1);
          }
          last = i;
        }
        for (let l = 0; l < nl; l++) s += br[l]! * (y0[l]! * (1 - u) + y1[l]! * u);
      }
      out[o + p] = scale * s;
    }
  };
  return Object.assign(one, { many });
}

/**
 * The dilepton acceptance Σ_ℓ Br_ℓ f_ℓ(E_N) of {@link dileptonAcceptance}, and the same at many
 * energies: out[o + p] = scale × value(EN[p]) for p < m (the same numbers).
 */
export type DileptonAcceptance = ((EN: number) => number) & {
  readonly many: (EN: Float64Array, m: number, out: Float64Array, o: number, scale: number) => void;
};

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
  return [
    {
      table: production,
      opts: { zeroAtOrBelow: photonZeroBelow(Ev) },
      members: ["vessel-photons", "vessel-dileptons"],
      accept: (EN, out) => {
        out[0] = accG * photonFractionAt(EN, nodeMomentum(EN, mN), mN, Ev);
        out[1] = acc * dilepton(EN);
      },
      batch: (es, m, out, stride) => {
        for (let p = 0; p < m; p++) {
          const EN = es[p]!;
          out[p] = accG * photonFractionAt(EN, nodeMomentum(EN, mN), mN, Ev);
        }
        decay.dileptonMany(es, m, out, stride, acc);
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
      batch: (es, m, out, stride) => {
        for (let q = 0; q < m; q++) {
          const EN = es[q]!;
          const p = nodeMomentum(EN, mN);
          out[q] = brGamma * photonFractionAt(EN, p, mN, E1);
          out[stride + q] = brGamma * photonFractionAt(EN, p, mN, E3);
        }
      },
    },
    { table: electron, opts: {}, members: ["electron-scattering"], accept: (_EN, out) => (out[0] = 1), batch: (_es, m, out) => out.fill(1, 0, m) },
  ];
}
