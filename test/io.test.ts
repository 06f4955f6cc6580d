import { describe, expect, it } from "vitest";
import { EVENT_COLUMNS, eventsToCsv, eventsToDataFrame, eventsToJson } from "../lib/engine/io";
import { dipoleModel } from "../lib/models/dipole";
import { seededRandom } from "../lib/core/random";
import { dipoleMassPoint, makeSetup, sampleDipole, selectedWeights } from "../lib/signatures";
import { m } from "../lib/core/units";

describe("event tables out of the library", () => {
  const setup = makeSetup("fasernu2-faser2");
  const point = dipoleMassPoint(0.5, "universal", setup);
  const ev = sampleDipole(seededRandom(5), point, dipoleModel({ mN: 0.5, mu: 5e-7, coupling: "universal" }), "vessel-photons", 200);
  const sel = selectedWeights(ev, point, "vessel-photons");

  it("CSV: a header of the documented columns and one row per event whose numbers read back exactly", () => {
    const lines = eventsToCsv(ev, sel).trim().split("\n");
    expect(lines[0]).toBe(EVENT_COLUMNS.join(","));
    expect(lines).toHaveLength(201);
    const row = lines[17]!.split(",");
    expect(Number(row[EVENT_COLUMNS.indexOf("E_N_GeV")])).toBe(ev.EN[16]);
    expect(Number(row[EVENT_COLUMNS.indexOf("z_decay_m")])).toBe(ev.zDecay[16]! / m);
    expect(Number(row[EVENT_COLUMNS.indexOf("selected_weight")])).toBe(sel[16]);
  });
  it("JSON: columns of equal length and the metadata passed in", () => {
    const j = eventsToJson(ev, sel, { seed: 5 }) as { meta: { seed: number }; columns: Record<string, unknown[]> };
    expect(j.meta.seed).toBe(5);
    for (const c of EVENT_COLUMNS) expect(j.columns[c]).toHaveLength(200);
  });
  it("danfo DataFrame: 200 × 19 with the same numbers; its weight column sums to the selected event count", () => {
    const df = eventsToDataFrame(ev, sel) as { shape: [number, number]; columns: string[]; column: (c: string) => { values: number[] } };
    expect(df.shape).toEqual([200, EVENT_COLUMNS.length]);
    expect(df.columns).toEqual([...EVENT_COLUMNS]);
    const s = df.column("selected_weight").values.reduce((a, b) => a + b, 0);
    expect(s).toBeCloseTo(sel.reduce((a, b) => a + b, 0), 10);
  });
});
