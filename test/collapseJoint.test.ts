/**
 * Issue 15 (one sweep): the vessel and ECC passes of a dipole mass point collapsed together
 * (lib/engine/collapse CollapsePass.joint: one acceptance call and one summing loop per cell)
 * give the numbers of the two passes run one after the other, bit for bit — every bin and every
 * segment sum — and a cell whose |t|-cut nodes are not a prefix takes the separate path.
 */
import { describe, expect, it } from "vitest";
import { CollapseStream } from "../lib/engine/collapseStream";
import type { CollapsePass, CollapseSegments } from "../lib/engine/collapse";
import type { ProductionTable } from "../lib/engine/productionTable";
import { transverseAcceptance } from "../lib/detector/geometry";
import { signatureGroups } from "../lib/models/dipole/signatureAcceptance";
import { dipoleMassPoint, makeSetup } from "../lib/signatures";

const hl = makeSetup("fasernu2-faser2");

/** The streamed collapse of `table`'s cells through `passes` (t column optionally replaced). */
function stream(table: ProductionTable, passes: CollapsePass[], t: Float64Array = table.nodes.t): CollapseSegments[] {
  const s = new CollapseStream(passes, table.mN, 2e4);
  table.cells.forEach((c, ci) => s.cell(ci, c, t, table.nodes.EN, table.nodes.weight));
  const out = s.results();
  expect(out).not.toBeNull();
  return out!;
}

/** Every array of two results, element by element (the same numbers, bit for bit). */
function expectSame(a: CollapseSegments[], b: CollapseSegments[]): void {
  expect(a.length).toBe(b.length);
  a.forEach((x, g) => {
    const y = b[g]!;
    for (const k of ["cell", "bin", "w", "wE"] as const) expect(Array.from(x[k])).toEqual(Array.from(y[k]));
    x.collapsed.forEach((bins, i) => {
      expect(Array.from(bins.weight)).toEqual(Array.from(y.collapsed[i]!.weight));
      expect(Array.from(bins.EN)).toEqual(Array.from(y.collapsed[i]!.EN));
    });
  });
}

describe("the joint vessel + ECC collapse", () => {
  for (const mN of [0.002, 0.3, 4]) {
    it(`m_N = ${mN} GeV: the same bins and segments as the two passes one after the other`, () => {
      const p = dipoleMassPoint(mN, "universal", hl);
      const groups = signatureGroups(mN, transverseAcceptance(hl.detector), p.decay!, () => p.production, () => p.productionElectron);
      const passes = (joint: boolean): CollapsePass[] =>
        groups.slice(0, 2).map((g) => ({ count: 2, accept: g.accept, batch: g.batch, opts: g.opts, ...(joint && g.joint ? { joint: g.joint } : {}) }));
      expect(groups[1]!.joint?.with).toBe(0);
      const together = stream(p.production, passes(true));
      expectSame(together, stream(p.production, passes(false)));
      // the ECC pass is not empty: the joint cells did sum it
      expect(together[1]!.collapsed[0]!.weight.length).toBeGreaterThan(0);
      // nodes in reverse |t| order within each cell: the cut nodes are a suffix, not a prefix (the separate path)
      const t = Float64Array.from(p.production.nodes.t);
      for (const c of p.production.cells) t.subarray(c.firstNode, c.endNode).reverse();
      expectSame(stream(p.production, passes(true), t), stream(p.production, passes(false), t));
    });
  }
});
