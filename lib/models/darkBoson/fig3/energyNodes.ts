/** Z_D lab energies of the Fig. 3 chain N → ν Z_D and the ln-E quadrature nodes over them. */
import { gaussLegendre } from "../../../core/quadrature";
import { requirePositive } from "../../../core/validate";

/**
 * Lab energy range of Z_D from N(E_N) → ν Z_D for an unpolarised N: uniform on
 * [γ(E* − βp*), γ(E* + βp*)], E* = (m_N² + m_ZD²)/2m_N, p* = (m_N² − m_ZD²)/2m_N (SPEC §5 item 5
 * with a massive daughter). GeV.
 */
export function zdEnergyRange(EN: number, mN: number, mZD: number): [number, number] {
  if (!(mN > mZD)) throw new RangeError(`mN = ${mN} GeV must exceed mZD = ${mZD} GeV for N → ν Z_D`);
  if (!(EN >= mN)) throw new RangeError(`EN = ${EN} GeV must be ≥ mN = ${mN} GeV`);
  const eS = (mN * mN + mZD * mZD) / (2 * mN);
  const pS = (mN * mN - mZD * mZD) / (2 * mN);
  const g = EN / mN;
  const bg = Math.sqrt((EN - mN) * (EN + mN)) / mN;
  return [g * eS - bg * pS, g * eS + bg * pS];
}

/** Gauss–Legendre points per ln-E panel (core quadrature.gaussLegendre): 5, with 20 panels per decade for a smooth e^{−c/E}; test/darkBosonSignatures.test.ts checks ∫ e^{−300/E} over [100, 3000] GeV to 1e-9. */
const PANEL_POINTS = 5;

/**
 * Nodes and weights for ∫_lo^hi f(E) dE: composite 5-point Gauss–Legendre in ln E on panels of a
 * fixed grid of `perDecade` panels per decade, clipped to [lo, hi]. The Z_D decay probability
 * varies like e^{−c/E} (c/E ≲ 30 where it matters), smooth on 1/20 of a decade.
 */
export function lnPanelNodes(lo: number, hi: number, perDecade = 20): { E: number[]; w: number[] } {
  const E: number[] = [], w: number[] = [];
  forEachLnPanelNode(lo, hi, perDecade, (x, wx) => {
    E.push(x);
    w.push(wx);
  });
  return { E, w };
}

const GL = gaussLegendre(PANEL_POINTS);

/** The nodes of {@link lnPanelNodes} (same values, same order, same checks) passed to `f(E, weight)` without building arrays. */
export function forEachLnPanelNode(lo: number, hi: number, perDecade: number, f: (E: number, w: number) => void): void {
  requirePositive("lo", lo);
  if (!(hi > lo)) throw new RangeError(`hi = ${hi} must exceed lo = ${lo} (an empty energy range has no nodes; the caller decides what it means)`);
  requirePositive("perDecade", perDecade);
  const { x: GLx, w: GLw } = GL;
  const h0 = Math.LN10 / perDecade;
  const L0 = Math.log(lo), L1 = Math.log(hi);
  const k0 = Math.floor(L0 / h0), k1 = Math.ceil(L1 / h0);
  for (let k = k0; k < k1; k++) {
    const a = Math.max(L0, k * h0), b = Math.min(L1, (k + 1) * h0);
    if (!(b > a)) continue;
    const c = 0.5 * (a + b), hw = 0.5 * (b - a);
    for (let i = 0; i < PANEL_POINTS; i++) {
      const x = Math.exp(c + hw * GLx[i]!);
      f(x, hw * GLw[i]! * x);
    }
  }
}

/** Z_D energy nodes of each collapsed bin (the Fig. 3 chain, chain.ts): ∫ dE_ZD/(E₊ − E₋) over E_ZD > cut = Σ frac × (…). */
export interface ZDNodes {
  /** nodes of bin j are [start[j], start[j + 1]). */
  readonly start: Int32Array;
  /** Z_D lab momentum at each node, GeV. */
  readonly pZD: Float64Array;
  /** Z_D lab energy at each node, GeV. */
  readonly EZD: Float64Array;
  /** Weight: Gauss weight / (E₊ − E₋); sums to the fraction of Z_D above the cut. */
  readonly frac: Float64Array;
  /** N momentum of each bin, GeV. */
  readonly pN: Float64Array;
}

export function zdNodes(EN: Float64Array, mN: number, mZD: number, Ecut: number, perDecade = 20): ZDNodes {
  const start = new Int32Array(EN.length + 1);
  let cap = 64 * EN.length + 16, n = 0;
  let p = new Float64Array(cap), E = new Float64Array(cap), f = new Float64Array(cap);
  const pN = new Float64Array(EN.length);
  let inv = 0;
  const push = (x: number, wx: number) => {
    if (n === cap) {
      cap *= 2;
      const grow = (a: Float64Array) => {
        const b = new Float64Array(cap);
        b.set(a);
        return b;
      };
      [p, E, f] = [grow(p), grow(E), grow(f)];
    }
    E[n] = x;
    p[n] = Math.sqrt(Math.max(0, (x - mZD) * (x + mZD)));
    f[n++] = wx * inv;
  };
  for (let j = 0; j < EN.length; j++) {
    start[j] = n;
    const e = EN[j]!;
    pN[j] = Math.sqrt(Math.max(0, (e - mN) * (e + mN)));
    const [lo, hi] = zdEnergyRange(Math.max(e, mN), mN, mZD);
    // Z_D energies all below the cut: no pair passes, the bin contributes nothing
    if (!(hi > Math.max(lo, Ecut))) continue;
    inv = 1 / (hi - lo);
    forEachLnPanelNode(Math.max(lo, Ecut), hi, perDecade, push);
  }
  start[EN.length] = n;
  return { start, pZD: p.slice(0, n), EZD: E.slice(0, n), frac: f.slice(0, n), pN };
}
