/**
 * The explorer page: state, URL, workers. The library runs in Web Workers started from Blob
 * URLs of the inlined worker bundle (file:// pages may not load worker files): one "live"
 * worker for the counts, spectrum and decay panels, and one or more reach workers that compute
 * the reach panel mass by mass (restarted when a parameter it depends on changes; moving m_N,
 * μ_N or U² only moves the marker). State and results are exposed as window.nudumpExplorer.
 */
import type { CountResults, PointResults } from "./compute";
import { commandLine, DEFAULT_INPUTS, type ExplorerInputs, inputsFromQuery, queryOf, resolvedOptions } from "./inputs";
import { reachKey, reachMasses, type ReachMassResult } from "./reach";
import { $, bindSelects, buildNumericControls, renderCounts, showError, showInputs } from "./ui";

declare const __NUDUMP_WORKER_SOURCE__: string;
declare const Plotly: {
  react: (el: HTMLElement, data: unknown, layout: unknown, config?: unknown) => Promise<unknown>;
  restyle: (el: HTMLElement, update: unknown, traces: number[]) => Promise<unknown>;
};

interface Fig {
  data: unknown[];
  layout: Record<string, unknown>;
}

/** What the page exposes for scripts and tests. */
interface ExplorerState {
  inputs: ExplorerInputs;
  /** Counts (and, once computed, spectrum and decay data) for `inputs`. */
  results: PointResults | CountResults | null;
  /** True when `results.events` belongs to `inputs` (or `error` says why not). */
  ready: boolean;
  /** True when the spectrum and decay plots show `inputs` too. */
  plotsReady: boolean;
  error: string | null;
  reach: { ready: boolean; done: number; total: number; seconds: number | null; error: string | null };
  timings: { lastUpdate_ms: number | null; updates: number[] };
  command: string;
}

const workerUrl = URL.createObjectURL(new Blob([__NUDUMP_WORKER_SOURCE__], { type: "text/javascript" }));
const live = new Worker(workerUrl);
const plotConfig = { displaylogo: false, responsive: true, modeBarButtonsToRemove: ["sendDataToCloud"] };

let queryError: string | null = null;
let initial: ExplorerInputs = DEFAULT_INPUTS;
try {
  initial = inputsFromQuery(location.search);
} catch (e) {
  queryError = (e as Error).message;
}

const state: ExplorerState = {
  inputs: initial,
  results: null,
  ready: false,
  plotsReady: false,
  error: queryError,
  reach: { ready: false, done: 0, total: 0, seconds: null, error: null },
  timings: { lastUpdate_ms: null, updates: [] },
  command: commandLine(initial),
};
(window as unknown as { nudumpExplorer: ExplorerState }).nudumpExplorer = state;

// ---- live counts ----------------------------------------------------------------------
let seq = 0;
let inFlight: { id: number; sent: number; inputs: ExplorerInputs } | null = null;
let pending = false;
let changedAt = performance.now();

function requestCompute(): void {
  if (inFlight) {
    pending = true;
    return;
  }
  inFlight = { id: ++seq, sent: performance.now(), inputs: state.inputs };
  $("status").textContent = "computing…";
  $("status").classList.add("busy");
  live.postMessage({ type: "compute", id: inFlight.id, inputs: state.inputs });
}

function resolvedNote(i: ExplorerInputs): string {
  const o = resolvedOptions(i);
  const nf = i.model === "dipole" ? `, N decays into ${o.decayFlavours} flavour${o.decayFlavours > 1 ? "s" : ""}` : "";
  return `Resolved: flux normalisation ${o.normalisation === "tp" ? "FASERν TP" : "Kling–Nevay"}${nf} (preset “${i.preset}”${i.normalisation || i.decayFlavours ? " with overrides" : ""}).`;
}

function countsDone(req: { inputs: ExplorerInputs }): boolean {
  return !pending && req.inputs === state.inputs;
}

function markReady(): void {
  const dt = performance.now() - changedAt;
  state.timings.lastUpdate_ms = dt;
  state.timings.updates.push(dt);
  state.ready = true;
  $("status").textContent = state.error ? "input rejected (previous results shown)" : `updated in ${dt.toFixed(0)} ms`;
  $("status").classList.remove("busy");
}

live.onmessage = (ev: MessageEvent) => {
  const msg = ev.data as { type: string; id: number; counts?: CountResults; results?: PointResults; figures?: { spectrum: Fig; decay: Fig }; message?: string };
  const req = inFlight;
  if (!req || msg.id !== req.id) return;
  if (msg.type === "counts" && msg.counts) {
    renderCounts(req.inputs, msg.counts);
    const t = msg.counts.timing_ms;
    $("counts-note").textContent = `Computed in this browser by the library, with the calls of \`nudump events\`: ${t.counts.toFixed(0)} ms${t.cached ? " (production table of this m_N cached)" : `, of which ${t.massPoint.toFixed(0)} ms tabulating the production at this m_N`}. Events for the integrated luminosity of the detector.`;
    if (countsDone(req)) {
      state.results = msg.counts;
      state.error = null;
      state.plotsReady = false;
      showError(null);
      markReady();
    }
    return;
  }
  inFlight = null;
  if (msg.type === "result" && msg.results && msg.figures) {
    void Promise.all([
      Plotly.react($("plot-spectrum"), msg.figures.spectrum.data, { ...msg.figures.spectrum.layout, width: undefined, autosize: true }, plotConfig),
      Plotly.react($("plot-decay"), msg.figures.decay.data, { ...msg.figures.decay.layout, width: undefined, autosize: true }, plotConfig),
    ]).then(() => {
      if (countsDone(req)) state.plotsReady = true;
    });
    if (countsDone(req)) state.results = msg.results;
  } else if (msg.type === "error" && countsDone(req)) {
    state.error = msg.message ?? "unknown error";
    showError(state.error);
    markReady();
  }
  if (pending) {
    pending = false;
    requestCompute();
  }
};

// ---- reach panel ----------------------------------------------------------------------
let reachWorkers: Worker[] = [];
let reachRun = 0;
let reachCurrentKey = "";
let reachFig: Fig | null = null;

function stopReach(): void {
  for (const w of reachWorkers) w.terminate();
  reachWorkers = [];
}

function markerUpdate(): void {
  if (!reachFig) return;
  const i = state.inputs;
  void Plotly.restyle($("plot-reach"), { x: [[i.mN]], y: [[i.model === "dipole" ? i.mu : i.U2]] }, [reachFig.data.length - 1]);
}

function startReach(): void {
  const i = state.inputs;
  const key = reachKey(i);
  if (key === reachCurrentKey) return markerUpdate();
  stopReach();
  reachCurrentKey = key;
  reachFig = null;
  const run = ++reachRun;
  const masses = reachMasses(i);
  const n = Math.max(1, Math.min(4, masses.length, navigator.hardwareConcurrency || 2));
  const perMass: ReachMassResult[] = [];
  const t0 = performance.now();
  let finished = 0;
  state.reach = { ready: false, done: 0, total: masses.length, seconds: null, error: null };
  const progress = $<HTMLProgressElement>("reach-progress");
  progress.classList.remove("hidden");
  progress.value = 0;
  $("reach-status").textContent = `computing ${masses.length} masses on ${n} worker${n > 1 ? "s" : ""}…`;
  for (let w = 0; w < n; w++) {
    const worker = new Worker(workerUrl);
    reachWorkers.push(worker);
    worker.onmessage = (ev: MessageEvent) => {
      if (run !== reachRun) return;
      const msg = ev.data as { type: string; result?: ReachMassResult; figure?: Fig; note?: string; message?: string };
      if (msg.type === "reach-mass" && msg.result) {
        perMass.push(msg.result);
        state.reach.done = perMass.length;
        progress.value = perMass.length / masses.length;
        $("reach-status").textContent = `${perMass.length} / ${masses.length} masses`;
      } else if (msg.type === "reach-done" && ++finished === n) {
        reachWorkers[0]!.postMessage({ type: "reach-figure", id: run, inputs: state.inputs, perMass });
      } else if (msg.type === "reach-figure" && msg.figure) {
        reachFig = msg.figure;
        state.reach.seconds = (performance.now() - t0) / 1000;
        void Plotly.react($("plot-reach"), msg.figure.data, msg.figure.layout, plotConfig).then(() => {
          state.reach.ready = true;
          markerUpdate();
        });
        $("reach-note").textContent = msg.note ?? "";
        $("reach-status").textContent = `${masses.length} masses in ${state.reach.seconds.toFixed(1)} s`;
        progress.classList.add("hidden");
        stopReach();
      } else if (msg.type === "error") {
        state.reach.error = msg.message ?? "error";
        $("reach-status").textContent = `not computed: ${state.reach.error}`;
        progress.classList.add("hidden");
        stopReach();
      }
    };
    worker.postMessage({ type: "reach-mass", id: run, inputs: i, masses: masses.filter((_, k) => k % n === w) });
  }
}

// ---- inputs ---------------------------------------------------------------------------
function setInputs(next: ExplorerInputs): void {
  state.inputs = next;
  state.ready = false;
  state.plotsReady = false;
  changedAt = performance.now();
  state.command = commandLine(next);
  $("cmd").textContent = state.command;
  $("resolved").textContent = resolvedNote(next);
  history.replaceState(null, "", `?${queryOf(next)}`);
  showInputs(next);
  requestCompute();
  startReach();
}

buildNumericControls((key, value, isLive) => {
  const x = typeof value === "number" ? value : Number(value);
  if (typeof value === "string" && (value === "" || !Number.isFinite(x))) {
    showError(`${key} = ${JSON.stringify(value)} is not a finite number`);
    return;
  }
  if (isLive && x === state.inputs[key]) return;
  setInputs({ ...state.inputs, [key]: x });
});

bindSelects((key, value) => {
  const v = value === "" ? undefined : key === "decayFlavours" ? Number(value) : value;
  setInputs({ ...state.inputs, [key]: v } as ExplorerInputs);
});

$("download").addEventListener("click", () => {
  const blob = new Blob([JSON.stringify({ inputs: state.inputs, resolved: state.results?.resolved, results: state.results, command: state.command, url: location.href }, null, 2)], { type: "application/json" });
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = `nudump-explorer-${state.inputs.model}.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
});

setInputs(state.inputs);
if (queryError) showError(`URL: ${queryError}`);
