import { dipoleMassPoint, dipolePhotonOrRecoilSpectrum, logEdges, makeSetup, producedEnergySpectrum, type QuadratureOptions } from "../lib/signatures";
const setup = makeSetup("fasernu2-faser2");
const variants: [string, QuadratureOptions][] = [
  ["old", { withinBin: "log-uniform", ePoints: 3, tPoints: 8 }],
  ["new", {}],
  ["e2", { ePoints: 16 }],
  ["t2", { tPoints: 8 }],
  ["p2", { panelsPerDecade: 4 }],
];
const edges = logEdges(100, 1e4, 30);
const nEdges = logEdges(10, 6000, 40);
for (const mN of [0.5, 2]) {
  const res = variants.map(([n, q]) => {
    const pt = dipoleMassPoint(mN, "universal", { ...setup, quadrature: q });
    return [n, dipolePhotonOrRecoilSpectrum(pt, 5e-7, "vessel-photons", edges).events, producedEnergySpectrum(pt.production, nEdges)] as const;
  });
  const newS = res[1]![1];
  const tot = newS.reduce((a, b) => a + b, 0);
  for (const [n, s] of res) {
    const d = s.map((v, i) => (newS[i]! > 1e-3 * tot ? v / newS[i]! - 1 : 0));
    console.log(mN, n, "max rel diff vs new", Math.max(...d.map(Math.abs)).toExponential(2));
  }
  for (const [n, s, p] of res.slice(0, 2)) {
    const d2 = (a: readonly number[]) => a.map((v, i) => (i > 0 && i < a.length - 1 && a[i - 1]! > 0 && a[i + 1]! > 0 && v > 0 ? Math.log(a[i - 1]!) - 2 * Math.log(v) + Math.log(a[i + 1]!) : 0));
    const ds = d2(s.map((v) => (v > 1e-3 * tot ? v : 0)));
    console.log(mN, n, "photon d2", ds.map((x) => x.toFixed(3)).join(" "));
    const dp = d2(p);
    console.log(mN, n, "N d2", dp.map((x) => x.toFixed(3)).join(" "));
  }
}
