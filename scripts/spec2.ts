import { dipoleMassPoint, dipolePhotonOrRecoilSpectrum, logEdges, makeSetup, type QuadratureOptions } from "../lib/signatures";
const setup = makeSetup("fasernu2-faser2");
const variants: [string, QuadratureOptions][] = [
  ["new", {}], ["e16", { ePoints: 16 }], ["e12", { ePoints: 12 }], ["e24", { ePoints: 24 }], ["lu24", { ePoints: 24, withinBin: "log-uniform" }],
];
const edges = logEdges(100, 1e4, 30);
for (const mN of [0.5]) {
  const res = variants.map(([n, q]) => [n, dipolePhotonOrRecoilSpectrum(dipoleMassPoint(mN, "universal", { ...setup, quadrature: q }), 5e-7, "vessel-photons", edges).events] as const);
  const ref = res[1]![1];
  for (const [n, s] of res) {
    console.log(n, "rel", s.map((v, i) => (ref[i]! > 0 ? ((v / ref[i]! - 1) * 100).toFixed(2) : "-")).join(" "));
    console.log(n, "d2", s.map((v, i) => (i > 0 && s[i + 1]! > 0 ? (Math.log(s[i - 1]!) - 2 * Math.log(v) + Math.log(s[i + 1]!)).toFixed(3) : "-")).join(" "));
  }
}
for (const mN of [0.5, 2]) {
  const s = dipolePhotonOrRecoilSpectrum(dipoleMassPoint(mN, "universal", setup), 5e-7, "vessel-photons", edges).events;
  const s24 = dipolePhotonOrRecoilSpectrum(dipoleMassPoint(mN, "universal", { ...setup, quadrature: { ePoints: 24 } }), 5e-7, "vessel-photons", edges).events;
  const s12 = dipolePhotonOrRecoilSpectrum(dipoleMassPoint(mN, "universal", { ...setup, quadrature: { ePoints: 12 } }), 5e-7, "vessel-photons", edges).events;
  const tot = s.reduce((a, b) => a + b, 0);
  console.log(mN, "tot", tot, s.map((v, i) => `${i}:${(v / tot).toExponential(1)}:${((v / s24[i]! - 1) * 100).toFixed(2)}:${((s12[i]! / s24[i]! - 1) * 100).toFixed(2)}`).slice(18).join(" "));
}
