/**
 * HepMC3 ASCII (Asciiv3) writer. The grammar follows HepMC3's ReaderAscii: a header
 * `HepMC::Version 3.02.06` and `HepMC::Asciiv3-START_EVENT_LISTING`; run information before
 * the first event (`W name1 name2 …` declares the weight names, `T name\|version\|description`
 * the generator, `A key value` attributes); per event `E number n_vertices n_particles`,
 * `U GEV MM`, `W value1 value2 …` (one value per declared name), then particle lines
 * `P id parent pdg px py pz E m status` (parent 0 for beam/target, −k for vertex k) and
 * vertex lines `V −k status [in1,in2] @ x y z t`, each vertex written after its incoming
 * particles and before its outgoing ones; the file ends with
 * `HepMC::Asciiv3-END_EVENT_LISTING`. Numbers are written in JavaScript's shortest
 * round-trip form, so the doubles read back are the ones generated.
 */
import { type EventRecord, type EventStream, emptySummary, tally, type WriteSummary } from "./record";
import { TextSink } from "./sink";

/** Escape a run-information string as Asciiv3 does (backslash and newline → "\\|"). */
function escape(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/\n/g, "\\|");
}

/** The weights of an event joined by `sep` (JavaScript's shortest round-trip form). */
export function joinWeights(w: Float64Array, sep: string): string {
  let out = w.length > 0 ? String(w[0]) : "";
  for (let j = 1; j < w.length; j++) out += sep + w[j];
  return out;
}

/** The HepMC3 lines of one event (string concatenation: no per-line arrays). */
export function hepmc3Event(rec: EventRecord): string {
  let out = "E " + rec.index + " " + rec.nVertices + " " + rec.nParticles + "\nU GEV MM\nW " + joinWeights(rec.weights, " ") + "\n";
  // particles in index order; a vertex line goes right before the first particle it produces
  let nextVertex = 0;
  for (let i = 0; i < rec.nParticles; i++) {
    const v = rec.prodVertex[i]!;
    while (v >= nextVertex && v >= 0) {
      const k = nextVertex++;
      const a = rec.vIn[2 * k]!, b = rec.vIn[2 * k + 1]!;
      const ins = a >= 0 ? (b >= 0 ? a + 1 + "," + (b + 1) : String(a + 1)) : b >= 0 ? String(b + 1) : "";
      out += "V " + -(k + 1) + " 0 [" + ins + "] @ " + rec.vx[k] + " " + rec.vy[k] + " " + rec.vz[k] + " " + rec.vt[k] + "\n";
    }
    out += "P " + (i + 1) + " " + (v >= 0 ? -(v + 1) : 0) + " " + rec.pdg[i] + " " + rec.px[i] + " " + rec.py[i] + " " + rec.pz[i] + " " + rec.E[i] + " " + rec.m[i] + " " + rec.status[i] + "\n";
  }
  return out;
}

/** Write a stream as HepMC3 ASCII to `path` (stdout when undefined); returns the sum of the first weight. */
export function writeHepMC3(stream: EventStream, path?: string): WriteSummary {
  const sink = new TextSink(path);
  sink.write("HepMC::Version 3.02.06\nHepMC::Asciiv3-START_EVENT_LISTING\n");
  sink.write(`W ${stream.weightNames.join(" ")}\n`);
  sink.write(`T nudump\\|0.1.0\\|${escape("arXiv:2011.04751 signal events")}\n`);
  for (const [k, v] of Object.entries(stream.meta)) sink.write(`A ${k} ${escape(typeof v === "object" && v !== null ? JSON.stringify(v) : String(v))}\n`);
  const total = emptySummary();
  for (const rec of stream.events()) {
    sink.write(hepmc3Event(rec));
    tally(total, rec);
  }
  sink.write("HepMC::Asciiv3-END_EVENT_LISTING\n");
  sink.close();
  return total;
}
