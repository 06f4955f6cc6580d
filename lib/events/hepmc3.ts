/**
 * HepMC3 ASCII (Asciiv3) writer. The grammar follows HepMC3's ReaderAscii: a header
 * `HepMC::Version 3.02.06` and `HepMC::Asciiv3-START_EVENT_LISTING`; run information before
 * the first event (`W name1 name2 …` declares the weight names, `T name\|version\|description`
 * the generator, `A key value` attributes); per event `E number n_vertices n_particles`,
 * `U GEV MM`, `W value1 value2 …` (one value per declared name), then particle lines
 * `P id parent pdg px py pz E m status` (parent 0 for beam/target, −k for vertex k) and
 * vertex lines `V −k status [in1,in2] @ x y z t`, each vertex written after its incoming
 * particles and before its outgoing ones; the file ends with
 * `HepMC::Asciiv3-END_EVENT_LISTING`. Doubles are written with 17 significant digits
 * (lib/events/numfmt.ts, HepMC3's own `%.16e`), so the doubles read back are the ones generated.
 */
import { fmtNum as f } from "./numfmt";
import { type EventRecord, type EventStream, emptySummary, tally, type WriteSummary } from "./record";
import { TextSink } from "./sink";
import { type ByteWriter, GrowingBytes } from "./bytes";

/** Escape a run-information string as Asciiv3 does (backslash and newline → "\\|"). */
function escape(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/\n/g, "\\|");
}

/** The weights of an event joined by `sep` (exact round-trip form, lib/events/numfmt.ts). */
export function joinWeights(w: Float64Array, sep: string): string {
  let out = w.length > 0 ? f(w[0]!) : "";
  for (let j = 1; j < w.length; j++) out += sep + f(w[j]!);
  return out;
}

/** Bytes an event can take in the text formats (bound for ByteWriter.ensure): ≤ 26 per number, ASCII lines, UTF-8 labels. */
export function eventBytesBound(rec: EventRecord): number {
  return 512 + 32 * rec.weights.length + 320 * (rec.nParticles + rec.nVertices) + 6 * (rec.mode.length + rec.channel.length);
}

const SPACE = 32, NEWLINE = 10;

/** The HepMC3 lines of one event, written as bytes. */
export function hepmc3EventTo(w: ByteWriter, rec: EventRecord): void {
  w.ensure(eventBytesBound(rec));
  w.ascii("E ");
  w.int(rec.index);
  w.ascii(" ");
  w.int(rec.nVertices);
  w.ascii(" ");
  w.int(rec.nParticles);
  w.ascii("\nU GEV MM\nW");
  for (let j = 0; j < rec.weights.length; j++) {
    w.char(SPACE);
    w.num(rec.weights[j]!);
  }
  w.char(NEWLINE);
  // particles in index order; a vertex line goes right before the first particle it produces
  let nextVertex = 0;
  for (let i = 0; i < rec.nParticles; i++) {
    const v = rec.prodVertex[i]!;
    while (v >= nextVertex && v >= 0) {
      const k = nextVertex++;
      const a = rec.vIn[2 * k]!, b = rec.vIn[2 * k + 1]!;
      w.ascii("V ");
      w.int(-(k + 1));
      w.ascii(" 0 [");
      if (a >= 0) w.int(a + 1);
      if (a >= 0 && b >= 0) w.ascii(",");
      if (b >= 0) w.int(b + 1);
      w.ascii("] @ ");
      w.num4(rec.vx[k]!, rec.vy[k]!, rec.vz[k]!, rec.vt[k]!, " ");
      w.char(NEWLINE);
    }
    w.ascii("P ");
    w.int(i + 1);
    w.char(SPACE);
    w.int(v >= 0 ? -(v + 1) : 0);
    w.char(SPACE);
    w.int(rec.pdg[i]!);
    w.char(SPACE);
    w.num4(rec.px[i]!, rec.py[i]!, rec.pz[i]!, rec.E[i]!, " ");
    w.char(SPACE);
    w.num(rec.m[i]!);
    w.char(SPACE);
    w.int(rec.status[i]!);
    w.char(NEWLINE);
  }
}

const scratch = new GrowingBytes(1 << 16);

/** The HepMC3 lines of one event as a string (the bytes of {@link hepmc3EventTo}). */
export function hepmc3Event(rec: EventRecord): string {
  scratch.off = 0;
  hepmc3EventTo(scratch, rec);
  return scratch.bytes().toString("utf8");
}

/** The file header and run information of a stream (weight names, generator, `A` attributes of the inputs). */
export function hepmc3Header(stream: Pick<EventStream, "weightNames" | "meta">): string {
  let out = "HepMC::Version 3.02.06\nHepMC::Asciiv3-START_EVENT_LISTING\n";
  out += `W ${stream.weightNames.join(" ")}\n`;
  out += `T nudump\\|0.1.0\\|${escape("arXiv:2011.04751 signal events")}\n`;
  for (const [k, v] of Object.entries(stream.meta)) out += `A ${k} ${escape(typeof v === "object" && v !== null ? JSON.stringify(v) : String(v))}\n`;
  return out;
}

/** The last line of the file. */
export const HEPMC3_FOOTER = "HepMC::Asciiv3-END_EVENT_LISTING\n";

/** Write a stream as HepMC3 ASCII to `path` (stdout when undefined); returns the sum of the first weight. */
export function writeHepMC3(stream: EventStream, path?: string): WriteSummary {
  const sink = new TextSink(path);
  sink.write(hepmc3Header(stream));
  const total = emptySummary();
  for (const rec of stream.events()) {
    hepmc3EventTo(sink, rec);
    tally(total, rec);
  }
  sink.write(HEPMC3_FOOTER);
  sink.close();
  return total;
}
