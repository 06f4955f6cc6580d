/**
 * The installed command runs the one-file bundle (dist/cli/bundle.js, scripts/bundle-cli.ts)
 * instead of the ~75 compiled modules of dist/cli and dist/lib. It must be the same program:
 * for every command (each command module, the darkboson model, units through mathjs, a Monte
 * Carlo sample, the reach writer with its files, help, usage errors) the exit status, stdout,
 * stderr and written files of `bin/nudump.js` equal those of the unbundled `dist/cli/main.js`,
 * byte for byte (the output directory's name aside).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..");
const bin = path.join(root, "bin", "nudump.js");
const unbundled = path.join(root, "dist", "cli", "main.js");
const cache = mkdtempSync(path.join(tmpdir(), "nudump-bundle-cc-"));

const CALLS: Record<string, string[]> = {
  version: ["--version"],
  help: ["help"],
  helpEvents: ["events", "--help"],
  unknown: ["frobnicate"],
  events: ["events", "--signature", "vessel-photons", "--mN", "0.5", "--mu", "5e-7"],
  eventsJson: ["events", "--signature", "ecc-photons-1tev", "--mN", "2", "--mu", "1e-6", "--json"],
  eventsDark: ["events", "--model", "darkboson", "--signature", "vessel-dileptons", "--mN", "0.3", "--U2", "1e-7", "--json"],
  badValue: ["events", "--signature", "vessel-photons", "--mN", "0x10", "--mu", "1e-6"],
  badOption: ["events", "--signature", "vessel-photons", "--mN", "0.5", "--mu", "5e-7", "--nope"],
  spectrumCsv: ["spectrum", "--signature", "vessel-dileptons", "--mN", "0.5", "--mu", "5e-7", "--n", "2000", "--csv"],
  xsecUnits: ["xsec", "--model", "dipole", "--process", "coherent", "--E", "1TeV", "--mN", "1000MeV", "--mu", "1e-6", "--json"],
  width: ["width", "--model", "darkboson", "--mN", "1", "--mZD", "0.1", "--gD", "1", "--eps", "1e-3", "--U2", "1e-6", "--json"],
  sample: ["sample", "--signature", "vessel-photons", "--mN", "0.5", "--mu", "5e-7", "--n", "200", "--seed", "3"],
};

function run(file: string, argv: readonly string[]) {
  const r = spawnSync(process.execPath, [file, ...argv], { encoding: "utf8", env: { ...process.env, NUDUMP_CODE_CACHE: cache }, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("the CLI bundle is the compiled CLI, byte for byte", () => {
  it.each(Object.entries(CALLS))("%s: same status, stdout and stderr", (_name, argv) => {
    if (!existsSync(path.join(root, "dist", "cli", "bundle.js"))) throw new Error("dist/cli/bundle.js is missing: run `npm run build` before this test");
    const a = run(bin, argv);
    const b = run(unbundled, argv);
    expect(a).toEqual(b);
    expect(a.stdout.length + a.stderr.length).toBeGreaterThan(0);
  }, 120_000);

  it("reach --figure 2: the same files with the same bytes", () => {
    const dirs = [bin, unbundled].map((file) => {
      const dir = mkdtempSync(path.join(tmpdir(), "nudump-bundle-reach-"));
      const r = run(file, ["reach", "--figure", "2", "--out", dir, "--json"]);
      expect(r.status, r.stderr).toBe(0);
      return { dir, stdout: r.stdout.split(dir).join("<out>") };
    });
    expect(dirs[0]!.stdout).toBe(dirs[1]!.stdout);
    const files = readdirSync(dirs[0]!.dir).sort();
    expect(files.length).toBeGreaterThan(2);
    expect(readdirSync(dirs[1]!.dir).sort()).toEqual(files);
    for (const f of files) expect(readFileSync(path.join(dirs[0]!.dir, f)).equals(readFileSync(path.join(dirs[1]!.dir, f))), f).toBe(true);
  }, 120_000);
});
