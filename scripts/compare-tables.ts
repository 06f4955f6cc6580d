/**
 * Issue 15 accuracy check of the production-table speed-ups: evaluates every dipole signature's
 * events(μ²) (the collapsed scan path), the node-by-node dipoleEvents, the tables' totals and
 * the Fig. 2 photon/recoil spectra of one mass with a reference build and with this build, and
 * prints the largest relative difference (required ≤ 1e-9).
 *
 *   npx tsx scripts/compare-tables.ts --ref <reference checkout> [--masses 30]
 *
 * The reference is a built checkout of the commit before the change (scripts/compareReference.ts);
 * this checkout must be built too (`npm run build`). Exits 1 above 1e-9.
 */
import { join } from "node:path";
import { referenceRoot, relDiff } from "./compareReference";

const argv = process.argv.slice(2);
const refDist = join(referenceRoot(argv), "dist");
const nMass = Number(argv[argv.indexOf("--masses") + 1]) || 30;
type Lib = typeof import("../lib");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = (dist: string) => require(join(dist, "lib", "index.js")) as Lib;
const libs: readonly [string, Lib][] = [["reference", load(refDist)], ["this build", load(join(__dirname, "..", "dist"))]];

/** Every compared number of one build, keyed. */
function numbers(nd: Lib): Map<string, number> {
  const out = new Map<string, number>();
  const { DIPOLE_SIGNATURES, dipoleMassPoint, dipoleEvents, makeSetup, dipolePhotonOrRecoilSpectrum, logEdges } = nd.signatures;
  const setups = { "fasernu2-faser2": makeSetup("fasernu2-faser2"), "fasernu-faser": makeSetup("fasernu-faser") };
  const masses = Array.from({ length: nMass }, (_, i) => 1e-3 * Math.pow(1e4, i / (nMass - 1)));
  const couplings = Array.from({ length: 10 }, (_, i) => 1e-9 * Math.pow(1e5, i / 9));
  for (const coupling of ["universal", "tau"] as const) {
    for (const mass of masses) {
      const main = dipoleMassPoint(mass, coupling, setups["fasernu2-faser2"]);
      const run3 = dipoleMassPoint(mass, coupling, setups["fasernu-faser"], { from: main });
      for (const [name, p] of [["main", main], ["run3", run3]] as const) {
        out.set(`${coupling} ${name} m=${mass} total`, p.production.total);
        out.set(`${coupling} ${name} m=${mass} totalECC`, p.productionECC.total);
        out.set(`${coupling} ${name} m=${mass} totalElectron`, p.productionElectron.total);
        for (const s of DIPOLE_SIGNATURES) {
          for (const mu of couplings) out.set(`${coupling} ${name} m=${mass} ${s} mu=${mu}`, p.signatures[s].events(mu * mu));
          if (name === "main" && coupling === "universal") out.set(`nodes m=${mass} ${s}`, dipoleEvents(p, 1e-6, s).events);
        }
      }
    }
  }
  const p = dipoleMassPoint(0.1, "universal", setups["fasernu2-faser2"]);
  for (const s of ["vessel-photons", "ecc-photons-1tev", "ecc-photons-3tev", "electron-scattering"] as const) {
    dipolePhotonOrRecoilSpectrum(p, 5e-7, s, logEdges(10, 1e4, 30)).events.forEach((v, j) => out.set(`fig2 ${s} bin ${j}`, v));
  }
  return out;
}

const [a, b] = libs.map(([, nd]) => numbers(nd)) as [Map<string, number>, Map<string, number>];
let worst = 0, worstKey = "", compared = 0;
for (const [k, x] of a) {
  const y = b.get(k);
  if (y === undefined) throw new Error(`${k}: missing in this build`);
  const d = relDiff(x, y);
  compared++;
  if (!(d <= worst)) [worst, worstKey] = [d, k];
}
console.log(`compared ${compared} numbers (reference ${refDist}): max relative difference ${worst.toExponential(3)}${worst > 0 ? ` at ${worstKey} (${a.get(worstKey)} vs ${b.get(worstKey)})` : ""}`);
process.exit(worst <= 1e-9 ? 0 : 1);
