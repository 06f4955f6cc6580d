import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fig4Lines, fig4MassPoints, fig4RightPanel, fig4ScalingCheck, readHnlTauBounds } from "../lib/figures/fig4";
import { darkbosonElectronEvents } from "../cli/darkbosonElectron";
import { UsageError } from "../cli/args";
import { parseFor } from "../cli/options";

const BOUNDS = "/work/shared/data/bounds/hnl-tau";

describe("Fig. 4 left: the (m_N, |U_τN|²) plane", () => {
  const masses = [0.006, 0.02, 0.06];
  const points = fig4MassPoints({ masses });
  const res = fig4Lines({ points, U2Min: 1e-12, U2Max: 1 });

  it("the electron-scattering line's lower edge is 20/(events per U2) where N survives (both terms ∝ U2)", () => {
    const line = res.lines.find((l) => l.name === "electron-scattering")!;
    const p = points[0]!;
    const perU2 = p.events("inelastic", 1e-9) / 1e-9 + p.events("mixing-elastic", 1e-9) / 1e-9;
    const i = line.x.findIndex((x) => Math.abs(x / masses[0]! - 1) < 1e-12);
    expect(line.y[i]! / (20 / perU2)).toBeCloseTo(1, 3);
  });

  it("the Z_D → N N̄ scattering region is open towards small U2 (production does not need the mixing) and closed above by N decays", () => {
    const line = res.lines.find((l) => l.name === "zd-elastic")!;
    expect(Math.min(...line.y) / 1e-12).toBeCloseTo(1, 6);
    expect(Math.max(...line.y)).toBeLessThan(1);
  });

  it("every line has finite, positive coordinates and a threshold", () => {
    for (const l of res.lines) {
      expect(l.x.length).toBe(l.y.length);
      for (const v of [...l.x, ...l.y]) expect(Number.isFinite(v) && v > 0).toBe(true);
      expect(l.level).toBeGreaterThan(0);
    }
  });

  it("the right panel is the U2 → 0 limit of the Z_D → N N̄ scattering counts, and releasing the angle cuts only adds events", () => {
    const rp = fig4RightPanel({ points });
    rp.masses.forEach((m, i) => {
      expect(rp.faser2[i]).toBe(points[i]!.events("zd-elastic", 0));
      expect(rp.faser2NoAngle[i]!).toBeGreaterThanOrEqual(rp.faser2[i]!);
    });
    expect(rp.charm2.every((c) => c === 0)).toBe(true); // no hadronsDir given
  });
});

describe("the scaling with g_D² U2 α ε²/m_ZD⁴ (§4.3 of arXiv:2011.04751)", () => {
  it("holds in the contact regime m_ZD² ≫ |t|_max ≈ 0.02 GeV² and fails by the propagator at m_ZD = 0.16 GeV", () => {
    const rows = fig4ScalingCheck({ mN: 0.02, U2: 1e-5, mZDs: [0.16, 0.64, 1.28, 2.56] });
    expect(rows.every((r) => Math.abs(r.combination / rows[0]!.combination - 1) < 1e-12)).toBe(true);
    // contact limit: the last two agree within (0.02/1.28²)·2 ≈ 2.5%
    expect(rows[3]!.ratioToFirst / rows[2]!.ratioToFirst).toBeCloseTo(1, 1);
    // at m_ZD = 0.16 GeV the (m_ZD² − t)⁻² suppression removes ~ 25–30% of the contact value
    expect(rows[0]!.ratioToFirst / rows[3]!.ratioToFirst).toBeLessThan(0.8);
  });
});

describe.skipIf(!existsSync(BOUNDS))("existing ν_τ-HNL bounds", () => {
  it("are read as |U| and squared: DELPHI's reach becomes |U_τN|² ≈ 1.3e-5", () => {
    const r = readHnlTauBounds(BOUNDS);
    const delphi = r.find((b) => b.name === "delphi_short")!;
    expect(Math.min(...delphi.y)).toBeCloseTo(1.27e-5, 6);
  });
});

describe("CLI: nudump events --model darkboson --signature electron-scattering --production …", () => {
  it("zd-decay gives the FASERν2 N e → N e count of the library and does not need U2", () => {
    const out = darkbosonElectronEvents(parseFor("events", ["--model", "darkboson", "--signature", "electron-scattering", "--production", "zd-decay", "--mN", "0.02", "--U2", "0"])) as { json: { events: number; inputs: { mZD_GeV: number } } };
    expect(out.json.inputs.mZD_GeV).toBeCloseTo(0.16, 12);
    expect(out.json.events).toBeGreaterThan(100);
  });

  it("rejects a non-τ flavour and an unknown production with a usage error", () => {
    expect(() => darkbosonElectronEvents(parseFor("events", ["--model", "darkboson", "--signature", "electron-scattering", "--production", "mixing", "--mN", "0.02", "--U2", "1e-4", "--flavour", "mu"]))).toThrow(UsageError);
    expect(() => darkbosonElectronEvents(parseFor("events", ["--model", "darkboson", "--signature", "electron-scattering", "--production", "beam", "--mN", "0.02"]))).toThrow(UsageError);
  });
});
