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
import { joinWeights } from "./hepmc3";
import { fmtNum as f } from "./numfmt";

const FLAVOUR_OF = new Map(Object.entries(PDG_ID).map(([f, id]) => [id, f as Flavour]));

/** One CSV row of an event (columns of EVENT_COLUMNS). */
export function csvRow(rec: EventRecord): string {
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
  return (
    fl + "," + rec.channel + "," + f(E) + "," + f(t) + "," + f(rec.vz[0]! * mm2m) + "," + f(rec.vx[0]! * mm2m) + "," + f(rec.vy[0]! * mm2m) + "," + f(EN) + "," + f(rec.px[2]!) + "," + f(rec.py[2]!) + "," + f(rec.pz[2]!) + "," +
    f(rec.vz[1]! * mm2m) + "," + f(rec.vx[1]! * mm2m) + "," + f(rec.vy[1]! * mm2m) + "," + rec.mode + "," + f(vis0) + "," + f(vis1) + "," + f(rec.weights[1]!) + "," + f(rec.weights[0]!)
  );
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
    sink.write(csvRow(rec) + "\n");
    tally(total, rec);
  }
  sink.close();
  return total;
}

/** One event as a JSON object (see the module comment); string concatenation, no per-event arrays. */
export function jsonEvent(rec: EventRecord): string {
  let out = '{"event":' + rec.index + ',"channel":' + JSON.stringify(rec.channel) + ',"mode":' + JSON.stringify(rec.mode) + ',"weights":[' + joinWeights(rec.weights, ",") + '],"vertices":[';
  for (let v = 0; v < rec.nVertices; v++) out += (v > 0 ? ",[" : "[") + f(rec.vx[v]!) + "," + f(rec.vy[v]!) + "," + f(rec.vz[v]!) + "," + f(rec.vt[v]!) + "]";
  out += '],"particles":[';
  for (let i = 0; i < rec.nParticles; i++) {
    out += (i > 0 ? ',{"pdg":' : '{"pdg":') + rec.pdg[i] + ',"status":' + rec.status[i] + ',"vertex":' + rec.prodVertex[i] + ',"p":[' + f(rec.px[i]!) + "," + f(rec.py[i]!) + "," + f(rec.pz[i]!) + "," + f(rec.E[i]!) + '],"m":' + f(rec.m[i]!) + "}";
  }
  return out + "]}";
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
    sink.write((first ? "\n" : ",\n") + jsonEvent(rec));
    first = false;
    tally(total, rec);
  }
  sink.write(JSON_FOOTER);
  sink.close();
  return total;
}
