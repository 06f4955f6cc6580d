/** The detector drawn to scale from lib/detector/geometry (no retyped numbers). */
import { m } from "../../core/units";
import type { Detector } from "../../detector/geometry";
import { figure, type Figure } from "../figure";
import { label, line, rect } from "../traces";

/** Display names of the detectors of lib/detector/geometry. */
const DETECTOR_TITLES: Readonly<Record<string, string>> = { "fasernu2-faser2": "FASERν2 and FASER 2", "fasernu-faser": "FASERν and FASER" };

/** Side view of the tungsten target and the decay vessel, to scale, in metres from the tungsten front face. */
export function detectorSideView(det: Detector, name = "detectors"): Figure {
  const W = det.target, v = det.vessel;
  const zMax = (v.start + v.length) / m + 0.8, half = Math.max(W.side / 2, v.radius) / m + 0.4;
  return figure({
    name,
    title: `${DETECTOR_TITLES[det.name] ?? det.name}, side view to scale`,
    height: 380,
    x: { title: "z from the tungsten front face [m]", range: [-0.5, zMax] },
    y: { title: "y [m]", range: [-half, half], scaleanchor: "x" },
    traces: [line([-0.5, zMax], [0, 0], { name: "beam axis (from the ATLAS IP)", color: "#888", dash: "dot", width: 1 })],
    shapes: [
      rect(0, W.length / m, -W.side / 2 / m, W.side / 2 / m, { fill: "#6b6b6b" }),
      rect(v.start / m, (v.start + v.length) / m, -v.radius / m, v.radius / m, { fill: "#cfe3f5", line: "#2c6fad" }),
    ],
    annotations: [
      label(W.length / m / 2, W.side / 2 / m, `tungsten, t = ${(W.length / m).toFixed(1)} m`, { yshift: 12 }),
      label((v.start + v.length / 2) / m, v.radius / m, `decay vessel ${(v.start / m).toFixed(1)}–${((v.start + v.length) / m).toFixed(1)} m, R = ${(v.radius / m).toFixed(1)} m`, { yshift: 12 }),
    ],
    legend: "below",
  });
}
