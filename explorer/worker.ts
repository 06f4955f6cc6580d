/**
 * The explorer's Web Worker: the library runs here, so the page never freezes. Messages:
 * - {type: "compute", id, inputs} → {type: "counts", id, counts} then {type: "result", id, results, figures}, or {type: "error", id, message};
 * - {type: "reach-mass", id, inputs, masses} → one {type: "reach-mass", id, result} per mass, then {type: "reach-done", id};
 * - {type: "reach-figure", id, inputs, perMass} → {type: "reach-figure", id, figure, note}.
 * The page starts it from a Blob URL of this bundle (file:// pages cannot load worker files).
 */
import { detectorByName } from "../lib/detector/geometry";
import { m as metre } from "../lib/core/units";
import { computePoint } from "./compute";
import { decayFigure, spectrumFigure } from "./figures";
import type { ExplorerInputs } from "./inputs";
import { reachFigure, reachMass, type ReachMassResult } from "./reach";

type Request =
  | { type: "compute"; id: number; inputs: ExplorerInputs }
  | { type: "reach-mass"; id: number; inputs: ExplorerInputs; masses: number[] }
  | { type: "reach-figure"; id: number; inputs: ExplorerInputs; perMass: ReachMassResult[] };

const post = (msg: unknown) => (self as unknown as { postMessage: (m: unknown) => void }).postMessage(msg);

function handle(req: Request): void {
  if (req.type === "compute") {
    const results = computePoint(req.inputs, (counts) => post({ type: "counts", id: req.id, counts }));
    const det = detectorByName(req.inputs.detector);
    const vessel = { start_m: det.vessel.start / metre, end_m: (det.vessel.start + det.vessel.length) / metre };
    post({ type: "result", id: req.id, results, figures: { spectrum: spectrumFigure(results.spectrum), decay: decayFigure(results.decay, vessel) } });
  } else if (req.type === "reach-mass") {
    for (const mass of req.masses) post({ type: "reach-mass", id: req.id, result: reachMass(req.inputs, mass) });
    post({ type: "reach-done", id: req.id });
  } else if (req.type === "reach-figure") {
    post({ type: "reach-figure", id: req.id, ...reachFigure(req.inputs, req.perMass) });
  }
}

self.onmessage = (ev: MessageEvent<Request>) => {
  try {
    handle(ev.data);
  } catch (e) {
    const err = e as Error;
    post({ type: "error", id: ev.data.id, request: ev.data.type, name: err.name, message: err.message });
  }
};
