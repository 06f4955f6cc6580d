/** Plot defaults for notebook cells (lib/plot/axes.ts, lib/plot/paper/detector.ts). */
import { describe, expect, it } from "vitest";
import * as plots from "../lib/plot";
import { fasernu2Faser2 } from "../lib/detector/geometry";
import { m } from "../lib/core/units";

describe("plot defaults", () => {
  it("flavour names become plot notation; an unknown flavour is a RangeError naming it", () => {
    expect(plots.flavourLabel("nubar_mu")).toBe("ν̄<sub>μ</sub>");
    expect(plots.flavourLabel("nu_tau")).toBe("ν<sub>τ</sub>");
    expect(() => plots.flavourLabel("nu_x")).toThrow(/"nu_x"/);
  });

  it("curves() builds a figure from plain series and ready traces in one call", () => {
    const f = plots.curves("c", "t", plots.AXES.mN, plots.axis("events", [1e-2, 1e6]), [{ name: "a", x: [1, 2], y: [3, 4] }, plots.line([1, 2], [5, 6], { name: "b" })]);
    expect(f.data.map((t) => t["name"])).toEqual(["a", "b"]);
    expect((f.layout["yaxis"] as { range: number[] }).range).toEqual([-2, 6]);
  });

  it("the detector side view is drawn from the geometry: the vessel box spans vessel.start to start + length", () => {
    const det = fasernu2Faser2();
    const f = plots.detectorSideView(det);
    const shapes = f.layout["shapes"] as { x0: number; x1: number }[];
    expect(shapes[1]!.x0).toBeCloseTo(det.vessel.start / m, 12);
    expect(shapes[1]!.x1).toBeCloseTo((det.vessel.start + det.vessel.length) / m, 12);
  });
});
