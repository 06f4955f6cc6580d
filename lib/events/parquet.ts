/**
 * Parquet writer of event streams: one row per particle, with the event index. Columns (all
 * REQUIRED): event INT64; pdg, status, vertex (production vertex of the particle, −1 for
 * beam/target) INT32; px, py, pz, E, m (GeV) and x, y, z, t (its production vertex, or for
 * beam and target the first vertex; mm, mm/c) DOUBLE; channel and mode STRING
 * (dictionary-encoded); then one DOUBLE column per weight name (the event's weights repeated
 * on each of its rows). Key-value metadata `nudump.meta` (JSON of the inputs) and
 * `nudump.units`.
 *
 * Streaming with flat memory: rows go into typed column buffers allocated once and reused;
 * when {@link ROW_GROUP} rows are reached (at an event boundary, so an event never straddles
 * two groups) the group's pages are written to the file and the buffers start over. What is
 * kept until the footer is each row group's serialised metadata (~1.5 kB). The file format is
 * lib/events/parquetFormat.ts.
 */
import { closeSync, openSync, writeSync } from "node:fs";
import { endianness } from "node:os";
import { gzipSync } from "node:zlib";
import { type EventStream, emptySummary, MAX_PARTICLES, tally, type WriteSummary } from "./record";
import { type ChunkInfo, CompactWriter, fileMetaData, pageHeader, PQ_CODEC, PQ_ENCODING, PQ_TYPE, type PqColumn, rowGroupBytes } from "./parquetFormat";

/**
 * Rows per row group (~10⁴ events of vessel photons). Measured (scripts/bench-events.ts,
 * docs/events.md): the column buffers take 140 B per row (10 MB here) and peak RSS does not
 * change with the number of events; larger groups only add buffer memory.
 */
export const ROW_GROUP = 1 << 16;

/** Page compression of the Parquet writer: none, or gzip (zlib level 1; pyarrow, pandas and arrow-rs read both). */
export type ParquetCompression = "none" | "gzip";

/** Options of {@link writeParquet}. */
export interface ParquetOptions {
  /** Page compression (default gzip). */
  readonly compression?: ParquetCompression;
  /** Rows per row group (default {@link ROW_GROUP}); a group closes at the first event boundary at or after it. */
  readonly rowGroup?: number;
}

const INTS = ["pdg", "status", "vertex"] as const;
const DBLS = ["px", "py", "pz", "E", "m", "x", "y", "z", "t"] as const;

/** A string column's per-group dictionary (in order of first appearance) and its row indices. */
class DictColumn {
  readonly index: Int32Array;
  private readonly ids = new Map<string, number>();
  private readonly values: string[] = [];
  constructor(cap: number) {
    this.index = new Int32Array(cap);
  }
  id(s: string): number {
    let k = this.ids.get(s);
    if (k === undefined) {
      k = this.values.length;
      this.ids.set(s, k);
      this.values.push(s);
    }
    return k;
  }
  /** PLAIN BYTE_ARRAY dictionary page body: 4-byte little-endian length and UTF-8 bytes per value. */
  dictionary(): { body: Buffer; count: number } {
    const parts = this.values.map((v) => Buffer.from(v, "utf8"));
    const body = Buffer.alloc(parts.reduce((s, p) => s + 4 + p.length, 0));
    let o = 0;
    for (const p of parts) {
      body.writeUInt32LE(p.length, o);
      p.copy(body, o + 4);
      o += 4 + p.length;
    }
    return { body, count: parts.length };
  }
  /** RLE_DICTIONARY data page body of the first `rows` indices into `scratch`: bit width, then RLE runs. */
  indices(rows: number, scratch: Buffer): Buffer {
    const width = Math.max(1, Math.ceil(Math.log2(Math.max(2, this.values.length))));
    const vb = Math.ceil(width / 8);
    let o = 0;
    scratch[o++] = width;
    for (let i = 0; i < rows; ) {
      const v = this.index[i]!;
      let j = i + 1;
      while (j < rows && this.index[j] === v) j++;
      for (let run = 2 * (j - i); ; run = Math.floor(run / 128)) {
        if (run < 128) {
          scratch[o++] = run;
          break;
        }
        scratch[o++] = (run % 128) | 0x80;
      }
      for (let b = 0; b < vb; b++) scratch[o++] = (v >>> (8 * b)) & 0xff;
      i = j;
    }
    return scratch.subarray(0, o);
  }
  reset(): void {
    this.ids.clear();
    this.values.length = 0;
  }
}

/** Column buffers of one row group, allocated once for `cap` rows. */
class Columns {
  readonly schema: PqColumn[];
  /** INT64 event index as (low, high) 32-bit halves: no BigInt per row. */
  readonly event: Uint32Array;
  readonly ints: Int32Array[];
  readonly dbls: Float64Array[];
  readonly weights: Float64Array[];
  readonly channel: DictColumn;
  readonly mode: DictColumn;
  /** Scratch for RLE index pages (≤ 9 bytes per row). */
  readonly scratch: Buffer;
  constructor(weightNames: readonly string[], cap: number) {
    this.schema = [
      { name: "event", type: PQ_TYPE.INT64 },
      ...INTS.map((name) => ({ name, type: PQ_TYPE.INT32 })),
      ...DBLS.map((name) => ({ name, type: PQ_TYPE.DOUBLE })),
      { name: "channel", type: PQ_TYPE.BYTE_ARRAY },
      { name: "mode", type: PQ_TYPE.BYTE_ARRAY },
      ...weightNames.map((name) => ({ name, type: PQ_TYPE.DOUBLE })),
    ];
    this.event = new Uint32Array(2 * cap);
    this.ints = INTS.map(() => new Int32Array(cap));
    this.dbls = DBLS.map(() => new Float64Array(cap));
    this.weights = weightNames.map(() => new Float64Array(cap));
    this.channel = new DictColumn(cap);
    this.mode = new DictColumn(cap);
    this.scratch = Buffer.allocUnsafe(9 * cap + 1);
  }
  /** The page bodies of column k for `rows` rows (PLAIN little-endian views of the buffers, or the dictionary pages). */
  body(k: number, rows: number): { data: Buffer; dict?: { body: Buffer; count: number } } {
    const view = (a: Uint32Array | Int32Array | Float64Array, n: number) => Buffer.from(a.buffer, a.byteOffset, n * a.BYTES_PER_ELEMENT);
    if (k === 0) return { data: view(this.event, 2 * rows) };
    k -= 1;
    if (k < INTS.length) return { data: view(this.ints[k]!, rows) };
    k -= INTS.length;
    if (k < DBLS.length) return { data: view(this.dbls[k]!, rows) };
    k -= DBLS.length;
    if (k < 2) {
      const c = k === 0 ? this.channel : this.mode;
      const dict = c.dictionary();
      return { data: c.indices(rows, this.scratch), dict };
    }
    return { data: view(this.weights[k - 2]!, rows) };
  }
}

/** Appends pages to the file, counting offsets. */
class PageFile {
  offset = 0;
  private readonly header = new CompactWriter();
  constructor(readonly fd: number, readonly gzip: boolean) {}
  put(b: Uint8Array): void {
    let o = 0;
    while (o < b.length) o += writeSync(this.fd, b, o, b.length - o);
    this.offset += b.length;
  }
  /** Write one page (header and body); returns the uncompressed and compressed sizes including the header. */
  page(kind: "data" | "dictionary", values: number, encoding: number, body: Buffer): { uncompressed: number; compressed: number } {
    const stored = this.gzip ? gzipSync(body, { level: 1 }) : body;
    const h = pageHeader(this.header, kind, values, encoding, body.length, stored.length);
    this.put(h);
    this.put(stored);
    return { uncompressed: h.length + body.length, compressed: h.length + stored.length };
  }
}

/** Write the first `rows` rows of the buffers as one row group; returns its serialised RowGroup. */
function writeGroup(out: PageFile, cols: Columns, rows: number, codec: number, meta: CompactWriter): Buffer {
  const chunks: ChunkInfo[] = [];
  for (let k = 0; k < cols.schema.length; k++) {
    const start = out.offset;
    const { data, dict } = cols.body(k, rows);
    let uncompressed = 0, compressed = 0;
    if (dict) {
      const s = out.page("dictionary", dict.count, PQ_ENCODING.PLAIN, dict.body);
      uncompressed += s.uncompressed;
      compressed += s.compressed;
    }
    const dataOffset = out.offset;
    const s = out.page("data", rows, dict ? PQ_ENCODING.RLE_DICTIONARY : PQ_ENCODING.PLAIN, data);
    chunks.push({ start, dictionaryOffset: start, dataOffset, values: rows, uncompressed: uncompressed + s.uncompressed, compressed: compressed + s.compressed });
  }
  cols.channel.reset();
  cols.mode.reset();
  return rowGroupBytes(meta, cols.schema, chunks, rows, codec);
}

/** Write a stream as Parquet to `path`; resolves to the events written and the sums of the first weight. */
export async function writeParquet(stream: EventStream, path: string, opts: ParquetOptions = {}): Promise<WriteSummary> {
  // the PLAIN pages are views of the typed arrays, which are little-endian only on little-endian hosts
  if (endianness() !== "LE") throw new RangeError("the Parquet writer needs a little-endian host");
  const group = opts.rowGroup ?? ROW_GROUP;
  if (!Number.isInteger(group) || group < 1 || group > 1 << 24) throw new RangeError(`rowGroup = ${group} must be an integer in [1, 2^24]`);
  const codec = (opts.compression ?? "gzip") === "gzip" ? PQ_CODEC.GZIP : PQ_CODEC.UNCOMPRESSED;
  const cols = new Columns(stream.weightNames, group + MAX_PARTICLES);
  const meta = new CompactWriter();
  const groups: Buffer[] = [];
  const total = emptySummary();
  const out = new PageFile(openSync(path, "w"), codec === PQ_CODEC.GZIP);
  let rows = 0, allRows = 0;
  try {
    out.put(Buffer.from("PAR1"));
    const { event, ints, dbls, weights } = cols;
    const [pdg, status, vertex] = ints as [Int32Array, Int32Array, Int32Array];
    const [px, py, pz, E, m, x, y, z, t] = dbls as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
    for (const rec of stream.events()) {
      tally(total, rec);
      const lo = rec.index % 0x100000000, hi = Math.floor(rec.index / 0x100000000);
      const ch = cols.channel.id(rec.channel), md = cols.mode.id(rec.mode);
      for (let i = 0; i < rec.nParticles; i++, rows++) {
        const v = rec.prodVertex[i]!;
        const vv = v >= 0 ? v : 0;
        event[2 * rows] = lo;
        event[2 * rows + 1] = hi;
        pdg[rows] = rec.pdg[i]!;
        status[rows] = rec.status[i]!;
        vertex[rows] = v;
        px[rows] = rec.px[i]!;
        py[rows] = rec.py[i]!;
        pz[rows] = rec.pz[i]!;
        E[rows] = rec.E[i]!;
        m[rows] = rec.m[i]!;
        x[rows] = rec.vx[vv]!;
        y[rows] = rec.vy[vv]!;
        z[rows] = rec.vz[vv]!;
        t[rows] = rec.vt[vv]!;
        cols.channel.index[rows] = ch;
        cols.mode.index[rows] = md;
        for (let j = 0; j < weights.length; j++) weights[j]![rows] = rec.weights[j]!;
      }
      if (rows >= group) {
        groups.push(writeGroup(out, cols, rows, codec, meta));
        allRows += rows;
        rows = 0;
      }
    }
    if (rows > 0) groups.push(writeGroup(out, cols, rows, codec, meta));
    allRows += rows;
    const kv = [
      ["nudump.meta", JSON.stringify(stream.meta)],
      ["nudump.units", "GeV, mm, mm/c; weights in expected events for the exposure"],
    ] as const;
    const footer = fileMetaData(meta, cols.schema, allRows, groups, kv, "nudump 0.1.0");
    const tail = Buffer.alloc(8);
    tail.writeUInt32LE(footer.length, 0);
    tail.write("PAR1", 4, "latin1");
    out.put(footer);
    out.put(tail);
  } finally {
    closeSync(out.fd);
  }
  return total;
}
