/**
 * No output of any command contains NaN, ±Infinity or null in place of a number, over a grid of
 * valid and extreme-but-valid inputs (the corners of every documented range): each run exits 0
 * and its JSON (or CSV) holds finite numbers only.
 */
import { describe, expect, it } from "vitest";
import { E_MAX, M_MAX, M_MIN, MU_MAX, MU_MIN } from "../cli/spec";
import { jsonHasOnlyFiniteNumbers, runCli } from "./support/cliRun";

const PROCESSES = ["coherent", "incoherent", "proton", "neutron", "electron"];
const lo = String(M_MIN), hi = String(M_MAX);

async function expectClean(argv: string[]): Promise<string> {
  const r = await runCli(argv);
  expect(r.err, argv.join(" ")).toBe("");
  expect(r.code, argv.join(" ")).toBe(0);
  expect(jsonHasOnlyFiniteNumbers(r.out), `${argv.join(" ")} → ${r.out.slice(0, 200)}`).toBe(true);
  return r.out;
}

describe("every command over the corners of its ranges gives finite numbers", () => {
  it("xsec: both models, every process, E and m_N at their limits, the largest couplings", async () => {
    for (const E of ["1e-3", "10", String(E_MAX)]) {
      for (const mN of [lo, "0.5", hi]) {
        for (const proc of PROCESSES) {
          await expectClean(["xsec", "--model", "dipole", "--process", proc, "--E", E, "--mN", mN, "--mu", String(MU_MAX), "--json"]);
          await expectClean(["xsec", "--model", "darkboson", "--process", proc, "--E", E, "--mN", mN, "--mZD", lo, "--gD", "3.5", "--eps", "-1", "--U2", "0.999", "--json"]);
          await expectClean(["xsec", "--model", "darkboson", "--process", proc, "--E", E, "--mN", mN, "--mZD", hi, "--alphaD", "1e-30", "--alphaEps2", "1e-30", "--json"]);
        }
        await expectClean(["xsec", "--model", "darkboson", "--process", "electron-elastic", "--E", E === "10" ? "100.5" : String(E_MAX), "--mN", mN, "--mZD", lo, "--gD", "3.5", "--eps", "1", "--recoil", `0,${E_MAX}`, "--json"]);
      }
    }
  }, 60_000);
  it("width: N of both models and Z_D over masses and couplings at their limits", async () => {
    for (const mN of [lo, "0.01", "1", hi]) {
      for (const mu of [String(MU_MIN), String(MU_MAX)]) await expectClean(["width", "--model", "dipole", "--mN", mN, "--mu", mu, "--E", String(E_MAX), "--json"]);
      for (const mZD of [lo, "0.05", hi].filter((m) => m !== mN)) {
        await expectClean(["width", "--model", "darkboson", "--mN", mN, "--mZD", mZD, "--gD", "3.5", "--eps", "1", "--U2", "0.999", "--E", String(E_MAX), "--json"]);
      }
    }
    for (const mZD of [lo, "0.05", hi]) await expectClean(["width", "--particle", "ZD", "--mZD", mZD, "--gD", "1e-10", "--eps", "1e-10", "--U2", "1e-30", "--json"]);
  }, 60_000);
  it("events, spectrum (JSON and CSV) and sample at the extremes of m_N and μ_N", async () => {
    for (const sig of ["vessel-photons", "vessel-dileptons", "ecc-photons-1tev", "electron-scattering"]) {
      for (const [mN, mu] of [[lo, String(MU_MAX)], [hi, String(MU_MAX)], ["1", String(MU_MIN)]] as const) {
        await expectClean(["events", "--signature", sig, "--mN", mN, "--mu", mu, "--json"]);
      }
    }
    await expectClean(["events", "--model", "darkboson", "--signature", "vessel-dileptons", "--mN", hi, "--mZD", lo, "--U2", "0.999", "--alphaD", "1", "--alphaEps2", "0.007", "--json"]);
    await expectClean(["events", "--model", "darkboson", "--signature", "vessel-dileptons", "--mN", "0.001", "--mZD", lo, "--U2", "1e-30", "--json"]);
    for (const p of ["mixing", "zd-decay", "upscattering"]) {
      await expectClean(["events", "--model", "darkboson", "--signature", "electron-scattering", "--production", p, "--mN", lo, "--mZD", hi, "--U2", "0.5", "--json"]);
    }
    await expectClean(["spectrum", "--signature", "ecc-photons-1tev", "--mN", "0.01", "--mu", "1e-6", "--bins", "10000", "--emin", "1e-3", "--emax", "1e5", "--json"]);
    await expectClean(["spectrum", "--signature", "vessel-photons", "--mN", "1", "--mu", String(MU_MAX), "--bins", "1", "--json"]);
    await expectClean(["spectrum", "--model", "darkboson", "--signature", "vessel-dileptons", "--mN", hi, "--mZD", lo, "--U2", "0.999", "--bins", "1000", "--emin", "1e-3", "--emax", "1e5", "--json"]);
    const csv = (await runCli(["spectrum", "--signature", "vessel-dileptons", "--mN", "0.5", "--mu", String(MU_MAX), "--bins", "50", "--n", "2000", "--csv"])).out;
    const cells = csv.trim().split("\n").slice(1).flatMap((l) => l.split(","));
    expect(cells.length).toBe(50 * 4);
    expect(cells.every((c) => Number.isFinite(Number(c)) && c !== "")).toBe(true);
    await expectClean(["sample", "--signature", "vessel-dileptons", "--mN", hi, "--mu", String(MU_MAX), "--n", "20", "--seed", "4294967295", "--json"]);
  }, 120_000);
});
