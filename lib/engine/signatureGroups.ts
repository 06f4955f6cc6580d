/**
 * Signatures of a mass point collapsed in groups, on first read (issue 15, compute once): the
 * signatures that share a production table are collapsed together in one pass over its nodes
 * (lib/engine/collapse collapseSegments), and the groups on one table in one sweep
 * (collapsePasses); a point derived from another by a rescale of its
 * weights (lib/engine/tableRescale) takes its bins from the other point's per-segment sums
 * (binsFromSegments) instead of a pass over nodes. Model-free: the model says which groups,
 * acceptances and decay regions its signatures have.
 */
import type { Detector } from "../detector/geometry";
import { type BatchAcceptance, binsFromSegments, type CollapseOptions, type CollapsePass, type CollapseSegments, collapsePasses, type MultiAcceptance } from "./collapse";
import type { ProductionTable } from "./productionTable";
import { type DecayRegion, type ScalableSignature, scalableSignature } from "./scaling";

/** Define `obj[key]` as computed on first read (then stored), enumerable like a plain field. */
export function lazyField<T extends object>(obj: T, key: string, make: () => unknown): void {
  Object.defineProperty(obj, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = make();
      Object.defineProperty(obj, key, { value, enumerable: true, writable: false, configurable: false });
      return value;
    },
  });
}

/** Signatures collapsed together from one table: the table, the collapse options and the acceptances evaluated per node. */
export interface SignatureGroup<S extends string> {
  readonly table: () => ProductionTable;
  readonly opts: CollapseOptions;
  readonly members: readonly S[];
  readonly accept: MultiAcceptance;
  /** Optional batch form of `accept` (the same values; lib/engine/collapse BatchAcceptance). */
  readonly batch?: BatchAcceptance;
  /** Optional: this group's acceptances computed with those of group `with` (lib/engine/collapse CollapsePass.joint; the same values). */
  readonly joint?: CollapsePass["joint"];
}

/**
 * How a derived point's group follows from its source's collapse pass: the per-cell weight
 * factors of the rescale (null: not exact, collapse the own table) and the constant ratio of
 * each acceptance.
 */
export interface GroupDerivation {
  readonly segments: () => CollapseSegments;
  readonly cellFactor: () => Float64Array | null;
  readonly scale: readonly number[];
}

/** Per point, its groups' collapse passes (built on first use), for points derived from it. */
const GROUP_SEGMENTS = new WeakMap<object, (group: number) => CollapseSegments>();

/** The collapse pass of group `g` of `point` (built now if not yet), or undefined for a point without groups. */
export function groupSegments(point: object): ((group: number) => CollapseSegments) | undefined {
  return GROUP_SEGMENTS.get(point);
}

/** The context of {@link groupedSignatures}: the point (key of its passes), detector, decay regions and lab decay length at unit coupling (GeV⁻¹) of E_N (GeV). */
export interface GroupContext<S extends string> {
  readonly point: object;
  readonly order: readonly S[];
  readonly region: Readonly<Record<S, DecayRegion>>;
  readonly detector: Detector;
  readonly decayLengthAtUnit: (EN: number) => number;
}

/** The signatures of a point, each group collapsed (or derived) on first read, keyed in `order`. */
export function groupedSignatures<S extends string>(
  ctx: GroupContext<S>,
  groups: readonly SignatureGroup<S>[],
  derivation: readonly (GroupDerivation | null)[] | null,
  ready?: readonly (CollapseSegments | null)[],
): Record<S, ScalableSignature> {
  // the groups on one table (the same `table` thunk) are collapsed together in one sweep
  // (collapsePasses: the same numbers as one pass each) when the first of them is read;
  // `ready`: passes already collapsed (lib/engine/collapseStream, while the table was built)
  const segs: (CollapseSegments | null)[] = groups.map((_, i) => ready?.[i] ?? null);
  const passes = groups.map((g, gi) => () => {
    if (!segs[gi]) {
      const todo = groups.map((_, i) => i).filter((i) => !segs[i] && groups[i]!.table === g.table);
      const out = collapsePasses(g.table(), todo.map((i) => ({ count: groups[i]!.members.length, accept: groups[i]!.accept, batch: groups[i]!.batch, opts: groups[i]!.opts })));
      todo.forEach((i, k) => (segs[i] = out[k]!));
    }
    return segs[gi]!;
  });
  GROUP_SEGMENTS.set(ctx.point, (i) => passes[i]!());
  const bySignature = {} as Record<S, ScalableSignature>;
  groups.forEach((g, gi) => {
    let built: Record<string, ScalableSignature> | null = null;
    const build = () => {
      const d = derivation?.[gi];
      const factor = d ? d.cellFactor() : null;
      const bins = d && factor ? binsFromSegments(d.segments(), factor, d.scale) : passes[gi]!().collapsed;
      return Object.fromEntries(g.members.map((s, i) => [s, scalableSignature(s, ctx.region[s], ctx.detector, bins[i]!, ctx.decayLengthAtUnit)]));
    };
    for (const s of g.members) lazyField(bySignature, s, () => (built ??= build())[s]);
  });
  const ordered = {} as Record<S, ScalableSignature>;
  for (const s of ctx.order) lazyField(ordered, s, () => bySignature[s]);
  return ordered;
}
