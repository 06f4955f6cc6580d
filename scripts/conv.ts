import { DIPOLE_SIGNATURES, dipoleMassPoint, dipoleEvents, makeSetup, type QuadratureOptions } from "../lib/signatures";
const setup = makeSetup("fasernu2-faser2");
const q = (o: QuadratureOptions) => ({ ...setup, quadrature: o });
const args = process.argv.slice(2);
const base: QuadratureOptions = JSON.parse(args[0] ?? "{}");
const ref: QuadratureOptions = JSON.parse(args[1] ?? '{"ePoints":32}');
const masses = [0.01, 0.03, 0.1, 0.2, 0.3, 0.5, 1, 1.5, 2, 3, 5, 10];
let worst = 0;
for (const mN of masses) {
  const t0 = performance.now();
  const a = dipoleMassPoint(mN, "universal", q(base));
  const t1 = performance.now();
  const b = dipoleMassPoint(mN, "universal", q(ref));
  for (const s of DIPOLE_SIGNATURES) {
    // scan mu: 1e-9 .. 1e-3, keep counts >= 0.1
    const line: string[] = [];
    for (let e = -9; e <= -3; e += 0.25) {
      const mu = 10 ** e;
      const na = a.signatures[s].events(mu * mu), nb = b.signatures[s].events(mu * mu);
      if (!(nb >= Number(process.env.NMIN ?? 0.1))) continue;
      const d = na / nb - 1;
      if (Math.abs(d) > 0.002) line.push(`${e}:${(100 * d).toFixed(2)}%(${nb.toExponential(1)})`);
      worst = Math.max(worst, Math.abs(d));
    }
    if (line.length) console.log(mN, s, line.join(" "));
  }
  console.log(`m=${mN} nodes ${a.production.nodes.length} ${(t1 - t0).toFixed(0)} ms`);
}
console.log("worst", worst);
