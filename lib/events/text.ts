/**
 * CSV and JSON writers of event streams, streamed through {@link TextSink}.
 *
 * CSV keeps the one-row-per-event layout of `nudump sample` (columns {@link EVENT_COLUMNS}
 * of lib/engine/io, derived from the record: t = (p_N − p_ν)², visible energies of the decay
 * products, positions in m). JSON is one document streamed as it is written:
 * `{"meta": {…}, "weight_names": […], "events": [{event, channel, mode, weights: […],
 * vertices: [[x, y, z, t] mm, mm/c …], particles: [{pdg, status, vertex, p: [px, py, pz, E], m} GeV]} …]}`,
 * vertex −1 marking the incoming beam and target. Doubles in the exact round-trip form of
 * lib/events/numfmt.ts (17 significant digits).
 */
import { PDG_ID, type Flavour } from "../flux/flavours";
import { EVENT_COLUMNS } from "../engine/io";
import { type EventRecord, type EventStream, emptySummary, tally, type WriteSummary } from "./record";
import { STATUS } from "./record";
import { TextSink } from "./sink";
import { eventBytesBound } from "./hepmc3";
import { type ByteWriter, GrowingBytes, LABEL_CACHE } from "./bytes";

const FLAVOUR_OF = new Map(Object.entries(PDG_ID).map(([f, id]) => [id, f as Flavour]));

/** One CSV row of an event (columns of EVENT_COLUMNS) with its newline, written as bytes. */
export function csvRowTo(w: ByteWriter, rec: EventRecord): void {
  // particles: 0 beam ν, 1 target, 2 N, 3 recoil, 4… decay products (vertex 1)
  const E = rec.E[0]!, EN = rec.E[2]!, mN = rec.m[2]!;
  const t = mN * mN - 2 * (E * EN - E * rec.pz[2]!);
  let vis0 = 0, vis1 = 0, nv = 0;
  for (let i = 4; i < rec.nParticles && nv < 2; i++) {
    const id = Math.abs(rec.pdg[i]!);
    if (rec.prodVertex[i] === 1 && id !== 12 && id !== 14 && id !== 16) {
      if (nv === 0) vis0 = rec.E[i]!;
      else vis1 = rec.E[i]!;
      nv++;
    }
  }
  const mm2m = 1e-3;
  const fl = FLAVOUR_OF.get(rec.pdg[0]!) ?? String(rec.pdg[0]);
  w.ensure(eventBytesBound(rec));
  w.label(fl);
  w.ascii(",");
  w.label(rec.channel);
  w.ascii(",");
  csvNum(w, E);
  csvNum(w, t);
  csvNum(w, rec.vz[0]! * mm2m);
  csvNum(w, rec.vx[0]! * mm2m);
  csvNum(w, rec.vy[0]! * mm2m);
  csvNum(w, EN);
  csvNum(w, rec.px[2]!);
  csvNum(w, rec.py[2]!);
  csvNum(w, rec.pz[2]!);
  csvNum(w, rec.vz[1]! * mm2m);
  csvNum(w, rec.vx[1]! * mm2m);
  csvNum(w, rec.vy[1]! * mm2m);
  w.label(rec.mode);
  w.ascii(",");
  csvNum(w, vis0);
  csvNum(w, vis1);
  csvNum(w, rec.weights[1]!);
  w.num(rec.weights[0]!);
  w.ascii("\n");
}

/** A CSV field: the number and its comma. */
function csvNum(w: ByteWriter, x: number): void {
  w.num(x);
  w.char(44);
}

const scratch = new GrowingBytes(1 << 16);

/** One CSV row of an event (columns of EVENT_COLUMNS), without the newline. */
export function csvRow(rec: EventRecord): string {
  scratch.off = 0;
  csvRowTo(scratch, rec);
  return scratch.bytes().subarray(0, scratch.off - 1).toString("utf8");
}

/** The CSV header line. */
export const CSV_HEADER = EVENT_COLUMNS.join(",") + "\n";

/** RangeError unless the event fits the CSV layout (a beam neutrino as particle 0). */
export function checkCsvEvent(rec: EventRecord): void {
  if (rec.status[0] !== STATUS.incoming || ![12, 14, 16].includes(Math.abs(rec.pdg[0]!))) {
    throw new RangeError("the CSV layout (one row per event of ν T → N T) does not fit this stream (no beam neutrino): write hepmc3, parquet or json");
  }
}

/** Write a stream as CSV (one row per event); returns the sum of the selected weights. */
export function writeCsv(stream: EventStream, path?: string): WriteSummary {
  const sink = new TextSink(path);
  sink.write(CSV_HEADER);
  const total = emptySummary();
  for (const rec of stream.events()) {
    try {
      checkCsvEvent(rec);
    } catch (e) {
      sink.close();
      throw e;
    }
    csvRowTo(sink, rec);
    tally(total, rec);
  }
  sink.close();
  return total;
}

const quoted = new Map<string, string>();

/** JSON.stringify of a label, remembered (a sample repeats a few channel and mode names). */
function jsonString(s: string): string {
  let q = quoted.get(s);
  if (q === undefined) {
    q = JSON.stringify(s);
    if (quoted.size < LABEL_CACHE) quoted.set(s, q);
  }
  return q;
}

/** One event as a JSON object (see the module comment), written as bytes. */
export function jsonEventTo(w: ByteWriter, rec: EventRecord): void {
  w.ensure(eventBytesBound(rec));
  w.ascii('{"event":');
  w.int(rec.index);
  w.ascii(',"channel":');
  w.label(jsonString(rec.channel));
  w.ascii(',"mode":');
  w.label(jsonString(rec.mode));
  w.ascii(',"weights":[');
  for (let j = 0; j < rec.weights.length; j++) {
    if (j > 0) w.ascii(",");
    w.num(rec.weights[j]!);
  }
  w.ascii('],"vertices":[');
  for (let v = 0; v < rec.nVertices; v++) {
    w.ascii(v > 0 ? ",[" : "[");
    w.num4(rec.vx[v]!, rec.vy[v]!, rec.vz[v]!, rec.vt[v]!, ",");
    w.ascii("]");
  }
  w.ascii('],"particles":[');
  for (let i = 0; i < rec.nParticles; i++) {
    w.ascii(i > 0 ? ',{"pdg":' : '{"pdg":');
    w.int(rec.pdg[i]!);
    w.ascii(',"status":');
    w.int(rec.status[i]!);
    w.ascii(',"vertex":');
    w.int(rec.prodVertex[i]!);
    w.ascii(',"p":[');
    w.num4(rec.px[i]!, rec.py[i]!, rec.pz[i]!, rec.E[i]!, ",");
    w.ascii('],"m":');
    w.num(rec.m[i]!);
    w.ascii("}");
  }
  w.ascii("]}");
}

/** One event as a JSON object (the bytes of {@link jsonEventTo}). */
export function jsonEvent(rec: EventRecord): string {
  scratch.off = 0;
  jsonEventTo(scratch, rec);
  return scratch.bytes().toString("utf8");
}

/** The JSON document up to the events array's opening bracket. */
export function jsonHeader(stream: Pick<EventStream, "weightNames" | "meta">): string {
  return `{"meta":${JSON.stringify(stream.meta)},"weight_names":${JSON.stringify(stream.weightNames)},"status_codes":${JSON.stringify(STATUS)},"events":[`;
}

/** The end of the JSON document. */
export const JSON_FOOTER = "\n]}\n";

/** Write a stream as one JSON document; returns the sum of the selected weights. */
export function writeJson(stream: EventStream, path?: string): WriteSummary {
  const sink = new TextSink(path);
  sink.write(jsonHeader(stream));
  const total = emptySummary();
  let first = true;
  for (const rec of stream.events()) {
    sink.write(first ? "\n" : ",\n");
    jsonEventTo(sink, rec);
    first = false;
    tally(total, rec);
  }
  sink.write(JSON_FOOTER);
  sink.close();
  return total;
}
