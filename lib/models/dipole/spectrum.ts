/**
 * Energy spectra of the dipole-portal signatures from the quadrature (no Monte Carlo):
 * - photons (vessel, ECC): each production node contributes its events spread uniformly over
 *   E_γ ∈ [(E_N − p_N)/2, (E_N + p_N)/2] (N → νγ of an unpolarised N, SPEC §5; with
 *   opts.polarisation = "polarised" the density is linear in E_γ with the node's αP,
 *   lib/models/dipole/polarisation.ts, docs/derivations/polarisation.md), so the
 *   expected events per bin are exact overlaps of that interval with the bin; each node is
 *   spread over its quadrature cell in E_ν first (cellSubPoints);
 * - electron scattering: the recoil-electron energy E_e = T + m_e of each node.
 * The dilepton spectrum needs the three-body kinematics and comes from the sampler.
 */
import { m_e } from "../../core/constants";
import { probTungsten, probVessel, transverseAcceptance } from "../../detector/geometry";
import { momentum } from "../../core/kinematics";
import { requirePositive } from "../../core/validate";
import { CUTS } from "../../detector/cuts";
import type { DipoleMassPoint, DipoleSignature } from "./signatures";
import { signatureTable } from "./sampling";
import type { ProductionCell } from "../../engine/productionTable";
import type { PolarisationOptions } from "../../core/polarisation";
import { nodePolarisations, photonDecayAsymmetry, photonFractionPolarised } from "./polarisation";

/** A binned spectrum: bin edges (GeV) and expected events per bin. */
export interface EnergySpectrum {
  readonly edges: readonly number[];
  readonly events: number[];
}

/** Log-spaced bin edges from Emin to Emax (GeV) with n bins. */
export function logEdges(Emin: number, Emax: number, n: number): number[] {
  requirePositive("Emin", Emin);
  if (!(Emax > Emin)) throw new RangeError(`Emax = ${Emax} must be > Emin = ${Emin}`);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`bins = ${n} must be a positive integer`);
  return Array.from({ length: n + 1 }, (_, i) => Emin * Math.pow(Emax / Emin, i / n));
}

/** Sub-points per quadrature cell of the photon spectra (see {@link cellSubPoints}). */
const SUB_POINTS = 4;

/**
 * Spread of a cell over its E_ν interval for a spectrum: SUB_POINTS midpoints of equal parts
 * in ln E_ν, as [E/E_node, fraction of the cell's flux] with the within-bin density
 * exp(s ln E). Each node's photon box is then placed at these energies (E_N scaled alike), so
 * the spectrum does not alias the discrete E_ν nodes: the box edges put kinks in every
 * spectrum bin's integrand over E_ν, which the node rule alone resolves only to ~0.5 %.
 */
function cellSubPoints(cell: ProductionCell): [number, number][] {
  const w = cell.lnEHi - cell.lnELo;
  if (!(w > 0)) return [[1, 1]];
  const s = cell.lnSlope;
  const lnNode = Math.log(cell.Enu);
  const cdf = (x: number) => (Math.abs(s * w) < 1e-9 ? x / w : Math.expm1(s * x) / Math.expm1(s * w));
  return Array.from({ length: SUB_POINTS }, (_, j) => {
    const a = (j * w) / SUB_POINTS, b = ((j + 1) * w) / SUB_POINTS;
    return [Math.exp(cell.lnELo + 0.5 * (a + b) - lnNode), cdf(b) - cdf(a)] as [number, number];
  });
}

/** Spectrum of the visible energy of a photon or electron-scattering signature at μ_N (GeV⁻¹). */
export function dipolePhotonOrRecoilSpectrum(
  point: DipoleMassPoint,
  mu: number,
  signature: Exclude<DipoleSignature, "vessel-dileptons">,
  edges: readonly number[],
  opts: PolarisationOptions = {},
): EnergySpectrum {
  requirePositive("mu", mu);
  const kappa = mu * mu;
  const mN = point.mN;
  const det = point.setup.detector;
  const table = signatureTable(point, signature);
  const events = new Array<number>(edges.length - 1).fill(0);
  const width = point.widthAtUnit * kappa;
  const last = edges.length - 1;
  const binOf = (x: number) => {
    if (x < edges[0]! || x >= edges[last]!) return -1;
    let lo = 0, hi = last;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (edges[mid]! <= x) lo = mid;
      else hi = mid;
    }
    return lo;
  };
  if (signature === "electron-scattering") {
    const nd = table.nodes;
    for (let k = 0; k < nd.length; k++) {
      const T = -nd.t[k]! / (2 * m_e);
      const b = binOf(T + m_e);
      if (b >= 0) events[b]! += nd.weight[k]! * kappa;
    }
    return { edges, events };
  }
  const inVessel = signature === "vessel-photons";
  const Ecut = signature === "vessel-photons" ? CUTS.vesselEvis : signature === "ecc-photons-1tev" ? CUTS.ecc1TeV : CUTS.ecc3TeV;
  const acc = inVessel ? transverseAcceptance(det) : 1;
  const nd = table.nodes;
  const scale = kappa * point.brGamma * acc;
  const polarised = photonDecayAsymmetry(1, opts) !== 0;
  const nodeP = polarised ? nodePolarisations(table, det.target.material.mass) : null;
  let aP = 0; // αP of the node being spread (0: the unpolarised box, computed as before)
  const inBox = (EN: number, p: number, x0: number, x1: number) =>
    aP === 0 ? Math.max(0, Math.min(x1, 0.5 * (EN + p)) - Math.max(0.5 * (EN - p), x0)) / p : photonFractionPolarised(x0, x1, EN, mN, aP);
  const photonsAbove = (EN: number, p: number) => inBox(EN, p, Ecut, Infinity);
  const prob = (EN: number, p: number) => (inVessel ? probVessel(det, p / (mN * width)) : probTungsten(det, p / (mN * width)));
  for (const cell of table.cells) {
    const sub = cellSubPoints(cell);
    for (let k = cell.firstNode; k < cell.endNode; k++) {
      // events × decay probability × transverse acceptance × BR(νγ) × photons above the cut, at
      // the node (what dipoleEvents counts) and spread over the sub-points; the spread is
      // rescaled to the node's value, so the spectrum above the cut sums to the event count
      aP = nodeP ? photonDecayAsymmetry(nodeP[k]!, opts) : 0;
      const EN0 = nd.EN[k]!, p0 = momentum(EN0, mN);
      const v0 = nd.weight[k]! * scale * prob(EN0, p0) * photonsAbove(EN0, p0);
      if (!(v0 > 0)) continue;
      const pts = sub.map(([ratio, frac]) => {
        const EN = Math.max(mN, EN0 * ratio), p = momentum(EN, mN);
        return { EN, p, base: nd.weight[k]! * frac * scale * prob(EN, p) };
      });
      const spread = pts.reduce((a, q) => a + q.base * photonsAbove(q.EN, q.p), 0);
      const use = spread > 0 ? pts : [{ EN: EN0, p: p0, base: nd.weight[k]! * scale * prob(EN0, p0) }];
      const norm = spread > 0 ? v0 / spread : 1;
      for (const { EN, p, base } of use) {
        const lo = Math.max(0.5 * (EN - p), Ecut);
        const hi = 0.5 * (EN + p);
        if (!(hi > lo) || !(base > 0)) continue;
        for (let b = 0; b < last; b++) {
          const a = Math.max(lo, edges[b]!), c = Math.min(hi, edges[b + 1]!);
          if (c > a) events[b]! += aP === 0 ? (norm * base * (c - a)) / p : norm * base * inBox(EN, p, a, c);
        }
      }
    }
  }
  return { edges, events };
}
