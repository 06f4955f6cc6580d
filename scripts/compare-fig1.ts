/**
 * Accuracy check of the Fig. 1 computation against a reference build (issue 15): both panels
 * (universal, tau) — every line, both edges, the tips — and the largest allowed event counts,
 * computed with the reference's dist/ and with this worktree's dist/, compared point by point.
 * Prints the largest relative difference of the line points in μ_N (and m_N, for the tips) and
 * of the allowed maxima; exits 1 above the tolerance (default 1e-9) or when a line's points or
 * the refined mass grids differ in number.
 *
 *   npx tsx scripts/compare-fig1.ts --ref <reference checkout> [--tol 1e-9] [--variants]
 *
 * (the reference: a built checkout of the commit before the change, scripts/compareReference.ts)
 *
 * `--variants` also compares fig1Variants (three normalisation/flux/decay variants of the
 * universal panel, as the Fig. 1 notebook computes them).
 */
import { join } from "node:path";
import { referenceRoot, relDiff as rel } from "./compareReference";

type Figures = typeof import("../lib/figures");
type Fig1Data = ReturnType<Figures["assembleFig1"]>;

const argv = process.argv.slice(2);
const arg = (k: string, d: string) => (argv.includes(k) ? argv[argv.indexOf(k) + 1]! : d);
const refRoot = referenceRoot(argv);
const tol = Number(arg("--tol", "1e-9"));

function load(root: string): { f: Figures; reach: typeof import("../lib/engine/reach") } {
  /* eslint-disable @typescript-eslint/no-require-imports */
  return { f: require(join(root, "dist", "lib", "figures", "index.js")), reach: require(join(root, "dist", "lib", "engine", "reach.js")) };
}

/** One panel, as the bench and `nudump reach` compute it (2 workers, refined grid). */
async function panel(lib: ReturnType<typeof load>, p: "universal" | "tau"): Promise<{ data: Fig1Data; masses: number }> {
  const opts = { panel: p };
  // a build with fig1OnWorkers computes a panel with it (as `nudump reach` and the bench); older ones round by round
  if (lib.f.fig1OnWorkers) {
    let masses = 0; // every mass is evaluated once: one task each
    const data = await lib.f.fig1OnWorkers(opts, 2, () => masses++);
    return { data, masses };
  }
  const perMass = await lib.reach.refineMassGrid(lib.f.fig1Masses(), (ms) => lib.f.runMassTasks("fig1", [...ms], opts, 2), (r) => r.mass, lib.f.fig1EdgeList, {});
  return { data: lib.f.assembleFig1(p, perMass), masses: perMass.length };
}

/** Largest relative differences between two Fig. 1 data sets; problems listed. */
function compare(a: Fig1Data, b: Fig1Data, what: string, problems: string[]): { y: number; x: number; allowed: number; points: number } {
  let y = 0, x = 0, allowed = 0, points = 0;
  const names = (d: Fig1Data) => d.lines.map((l) => l.name).join(",");
  if (names(a) !== names(b)) problems.push(`${what}: lines differ: ${names(a)} vs ${names(b)}`);
  for (const la of a.lines) {
    const lb = b.lines.find((l) => l.name === la.name);
    if (!lb) continue;
    if (la.x.length !== lb.x.length) {
      problems.push(`${what} ${la.name}: ${la.x.length} vs ${lb.x.length} points`);
      continue;
    }
    if (la.closed !== lb.closed || JSON.stringify(la.breaks) !== JSON.stringify(lb.breaks) || JSON.stringify(la.openAt) !== JSON.stringify(lb.openAt)) problems.push(`${what} ${la.name}: closed/breaks/openAt differ`);
    la.x.forEach((_, i) => {
      x = Math.max(x, rel(la.x[i]!, lb.x[i]!));
      y = Math.max(y, rel(la.y[i]!, lb.y[i]!));
      points++;
    });
  }
  for (const [k, v] of Object.entries(a.maxAllowed)) {
    const w = b.maxAllowed[k];
    if (!w) problems.push(`${what}: maxAllowed ${k} missing`);
    else allowed = Math.max(allowed, rel(v.events, w.events), rel(v.mu, w.mu), rel(v.mass, w.mass));
  }
  return { y, x, allowed, points };
}

/** Variants of the universal panel as the Fig. 1 notebook computes them. */
const VARIANTS = [
  { panel: "universal" as const },
  { panel: "universal" as const, preset: "current" as const },
  { panel: "universal" as const, decayFlavours: 3 },
];

async function main(): Promise<void> {
  const ref = load(refRoot), ours = load(join(__dirname, ".."));
  const problems: string[] = [];
  let worst = 0;
  for (const p of ["universal", "tau"] as const) {
    const [a, b] = [await panel(ref, p), await panel(ours, p)];
    if (a.masses !== b.masses) problems.push(`${p}: refined grids have ${a.masses} vs ${b.masses} masses`);
    const d = compare(a.data, b.data, p, problems);
    worst = Math.max(worst, d.x, d.y, d.allowed);
    console.log(`${p}: ${b.masses} masses, ${d.points} line points; max rel. diff μ_N ${d.y.toExponential(2)}, m_N ${d.x.toExponential(2)}, allowed maxima ${d.allowed.toExponential(2)}`);
  }
  if (argv.includes("--variants")) {
    const [a, b] = [await ref.f.fig1Variants(VARIANTS), await ours.f.fig1Variants(VARIANTS)];
    a.forEach((da, v) => {
      const d = compare(da, b[v]!, `variant ${v}`, problems);
      worst = Math.max(worst, d.x, d.y, d.allowed);
      console.log(`variant ${JSON.stringify(VARIANTS[v])}: ${d.points} line points; max rel. diff μ_N ${d.y.toExponential(2)}, m_N ${d.x.toExponential(2)}, allowed maxima ${d.allowed.toExponential(2)}`);
    });
  }
  await Promise.all([ref.f.closeWorkerPool(), ours.f.closeWorkerPool()]);
  for (const p of problems) console.log(`PROBLEM: ${p}`);
  console.log(`largest relative difference ${worst.toExponential(2)} (tolerance ${tol})`);
  if (problems.length > 0 || !(worst <= tol)) process.exit(1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
