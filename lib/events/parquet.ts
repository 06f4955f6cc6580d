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
import { closeSync, openSync } from "node:fs";
import { endianness } from "node:os";
import { brotliCompressSync, constants as zlibConstants, gzipSync } from "node:zlib";
import { type EventRecord, type EventStream, emptySummary, MAX_PARTICLES, MAX_VERTICES, tally, type WriteSummary } from "./record";
import { type ByteOut, FileOut, MemoryOut, PageFile } from "./parquetPages";
import type { ParquetCompression } from "./formats";

export { MemoryOut } from "./parquetPages";
export { PARQUET_COMPRESSIONS, type ParquetCompression } from "./formats";
import { type ChunkInfo, CompactWriter, fileMetaData, PQ_CODEC, PQ_ENCODING, PQ_TYPE, type PqColumn, rleIndices, rowGroupBytes } from "./parquetFormat";

/**
 * Rows per row group (~10⁴ events of vessel photons). Measured (scripts/bench-events.ts,
 * docs/events.md): the column buffers take 140 B per row (10 MB here) and peak RSS does not
 * change with the number of events; larger groups only add buffer memory.
 */
export const ROW_GROUP = 1 << 16;

/**
 * Brotli quality of the pages. Measured on the pages of 10⁵ vessel-photon events (2 cores,
 * CPU time per 512 kB): quality 0 2.1 ms (size 0.51 of uncompressed), 1 3.2 ms (0.48); zlib
 * level 1 10.1 ms (0.51).
 */
export const BROTLI_QUALITY = 1;

const CODECS: Record<ParquetCompression, { codec: number; pack?: (b: Buffer) => Buffer }> = {
  brotli: { codec: PQ_CODEC.BROTLI, pack: (b) => brotliCompressSync(b, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: b.length } }) },
  gzip: { codec: PQ_CODEC.GZIP, pack: (b) => gzipSync(b, { level: 1 }) },
  none: { codec: PQ_CODEC.UNCOMPRESSED },
};

/** Options of {@link writeParquet}. */
export interface ParquetOptions {
  /** Page compression (default brotli). */
  readonly compression?: ParquetCompression;
  /** Rows per row group (default {@link ROW_GROUP}); a group closes at the first event boundary at or after it. */
  readonly rowGroup?: number;
}

const INTS = ["pdg", "status", "vertex"] as const;
const MOMENTA = ["px", "py", "pz", "E", "m"] as const;
const POSITIONS = ["x", "y", "z", "t"] as const;

/** A string column's per-group dictionary (distinct values in order of first appearance) and its per-event index. */
class StringDict {
  private readonly ids = new Map<string, number>();
  private readonly values: string[] = [];
  id(s: string): number {
    let k = this.ids.get(s);
    if (k === undefined) {
      k = this.values.length;
      this.ids.set(s, k);
      this.values.push(s);
    }
    return k;
  }
  get size(): number {
    return this.values.length;
  }
  /** PLAIN BYTE_ARRAY dictionary page body: 4-byte little-endian length and UTF-8 bytes per value. */
  page(): Buffer {
    const parts = this.values.map((v) => Buffer.from(v, "utf8"));
    const body = Buffer.alloc(parts.reduce((s, p) => s + 4 + p.length, 0));
    let o = 0;
    for (const p of parts) {
      body.writeUInt32LE(p.length, o);
      p.copy(body, o + 4);
      o += 4 + p.length;
    }
    return body;
  }
  reset(): void {
    this.ids.clear();
    this.values.length = 0;
  }
}

/** The pages of one column chunk: the data page body, and the dictionary page (body, entries) when dictionary-encoded. */
interface ChunkBodies {
  readonly data: Buffer;
  readonly dict?: { readonly body: Buffer; readonly count: number };
}

/**
 * Column buffers of one row group, allocated once for `cap` rows. Values constant over an
 * event (event, weights) or a vertex (x, y, z, t) are stored once per event or vertex as the
 * dictionary of an RLE_DICTIONARY chunk, with one index per row: a run of equal indices per
 * event (per vertex), so these columns cost ~1 byte per event instead of 8 per particle.
 */
class Columns {
  readonly schema: PqColumn[];
  /** Per event: INT64 index as (low, high) 32-bit halves (no BigInt per row), weights. */
  readonly event: Uint32Array;
  readonly weights: Float64Array[];
  /** Per vertex: x, y, z, t. */
  readonly pos: Float64Array[];
  /** Per row: pdg, status, vertex; px, py, pz, E, m; the event and vertex dictionary indices; channel and mode ids. */
  readonly ints: Int32Array[];
  readonly moms: Float64Array[];
  readonly eventOf: Int32Array;
  readonly vertexOf: Int32Array;
  readonly channelOf: Int32Array;
  readonly modeOf: Int32Array;
  readonly channel = new StringDict();
  readonly mode = new StringDict();
  events = 0;
  vertices = 0;
  private readonly scratch: Buffer[];
  constructor(weightNames: readonly string[], cap: number, maxVertices: number) {
    this.schema = [
      { name: "event", type: PQ_TYPE.INT64 },
      ...INTS.map((name) => ({ name, type: PQ_TYPE.INT32 })),
      ...[...MOMENTA, ...POSITIONS].map((name) => ({ name, type: PQ_TYPE.DOUBLE })),
      { name: "channel", type: PQ_TYPE.BYTE_ARRAY },
      { name: "mode", type: PQ_TYPE.BYTE_ARRAY },
      ...weightNames.map((name) => ({ name, type: PQ_TYPE.DOUBLE })),
    ];
    this.event = new Uint32Array(2 * cap);
    this.weights = weightNames.map(() => new Float64Array(cap));
    this.pos = POSITIONS.map(() => new Float64Array(cap + maxVertices));
    this.ints = INTS.map(() => new Int32Array(cap));
    this.moms = MOMENTA.map(() => new Float64Array(cap));
    [this.eventOf, this.vertexOf, this.channelOf, this.modeOf] = [0, 0, 0, 0].map(() => new Int32Array(cap)) as [Int32Array, Int32Array, Int32Array, Int32Array];
    this.scratch = [0, 0, 0, 0].map(() => Buffer.allocUnsafe(9 * cap + 1));
  }
  /** The page bodies of every column for `rows` rows (views of the buffers where PLAIN; the index pages encoded once per kind). */
  bodies(rows: number): ChunkBodies[] {
    const view = (a: Uint32Array | Int32Array | Float64Array, n: number) => Buffer.from(a.buffer, a.byteOffset, n * a.BYTES_PER_ELEMENT);
    const [s0, s1, s2, s3] = this.scratch as [Buffer, Buffer, Buffer, Buffer];
    const perEvent = rleIndices(this.eventOf, rows, this.events, s0);
    const perVertex = rleIndices(this.vertexOf, rows, this.vertices, s1);
    const strings = (d: StringDict, of: Int32Array, s: Buffer): ChunkBodies => ({ data: rleIndices(of, rows, d.size, s), dict: { body: d.page(), count: d.size } });
    return [
      { data: perEvent, dict: { body: view(this.event, 2 * this.events), count: this.events } },
      ...this.ints.map((a) => ({ data: view(a, rows) })),
      ...this.moms.map((a) => ({ data: view(a, rows) })),
      ...this.pos.map((a) => ({ data: perVertex, dict: { body: view(a, this.vertices), count: this.vertices } })),
      strings(this.channel, this.channelOf, s2),
      strings(this.mode, this.modeOf, s3),
      ...this.weights.map((a) => ({ data: perEvent, dict: { body: view(a, this.events), count: this.events } })),
    ];
  }
  reset(): void {
    this.events = 0;
    this.vertices = 0;
    this.channel.reset();
    this.mode.reset();
  }
}

/** Write the first `rows` rows of the buffers as one row group's column chunks; returns where each chunk landed. */
function writeGroup(out: PageFile, cols: Columns, rows: number): ChunkInfo[] {
  const chunks: ChunkInfo[] = cols.bodies(rows).map(({ data, dict }) => {
    const start = out.offset;
    let uncompressed = 0, compressed = 0;
    if (dict) {
      const s = out.page("dictionary", dict.count, PQ_ENCODING.PLAIN, dict.body);
      uncompressed += s.uncompressed;
      compressed += s.compressed;
    }
    const dataOffset = out.offset;
    const s = out.page("data", rows, dict ? PQ_ENCODING.RLE_DICTIONARY : PQ_ENCODING.PLAIN, data);
    return { start, dataOffset, values: rows, uncompressed: uncompressed + s.uncompressed, compressed: compressed + s.compressed, ...(dict ? { dictionaryOffset: start } : {}) };
  });
  cols.reset();
  return chunks;
}

/** Copy one event into the buffers from row `rows` on; returns the new row count. */
function addEvent(cols: Columns, rec: EventRecord, rows: number): number {
  const e = cols.events++;
  cols.event[2 * e] = rec.index % 0x100000000;
  cols.event[2 * e + 1] = Math.floor(rec.index / 0x100000000);
  for (let j = 0; j < cols.weights.length; j++) cols.weights[j]![e] = rec.weights[j]!;
  const v0 = cols.vertices;
  const [x, y, z, t] = cols.pos as [Float64Array, Float64Array, Float64Array, Float64Array];
  for (let v = 0; v < rec.nVertices; v++) {
    x[v0 + v] = rec.vx[v]!;
    y[v0 + v] = rec.vy[v]!;
    z[v0 + v] = rec.vz[v]!;
    t[v0 + v] = rec.vt[v]!;
  }
  cols.vertices += Math.max(1, rec.nVertices);
  const ch = cols.channel.id(rec.channel), md = cols.mode.id(rec.mode);
  const [pdg, status, vertex] = cols.ints as [Int32Array, Int32Array, Int32Array];
  const [px, py, pz, E, m] = cols.moms as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  for (let i = 0; i < rec.nParticles; i++, rows++) {
    const v = rec.prodVertex[i]!;
    pdg[rows] = rec.pdg[i]!;
    status[rows] = rec.status[i]!;
    vertex[rows] = v;
    px[rows] = rec.px[i]!;
    py[rows] = rec.py[i]!;
    pz[rows] = rec.pz[i]!;
    E[rows] = rec.E[i]!;
    m[rows] = rec.m[i]!;
    // beam and target (vertex −1) carry the first vertex's position
    cols.vertexOf[rows] = v0 + (v >= 0 ? v : 0);
    cols.eventOf[rows] = e;
    cols.channelOf[rows] = ch;
    cols.modeOf[rows] = md;
  }
  return rows;
}

/** The codec id and page packer of a compression, after checking it (RangeError naming it). */
function codecOf(compression: ParquetCompression): { codec: number; pack?: (b: Buffer) => Buffer } {
  if (!(compression in CODECS)) throw new RangeError(`compression = ${JSON.stringify(compression)} must be one of ${Object.keys(CODECS).join(", ")}`);
  return CODECS[compression];
}

/** The schema of an events file with these weight names. */
export function parquetSchema(weightNames: readonly string[]): PqColumn[] {
  return new Columns(weightNames, 0, 0).schema;
}

/** One row group of an encoded chunk: its rows and its column chunks (offsets relative to the chunk's first byte). */
export interface ParquetGroupLayout {
  readonly rows: number;
  readonly chunks: readonly ChunkInfo[];
}

/** Row groups encoded in memory (on a worker thread), to be placed in the file by {@link ParquetFileWriter}. */
export interface EncodedParquet {
  readonly bytes: Uint8Array;
  readonly groups: readonly ParquetGroupLayout[];
}

/**
 * Encodes events as complete row groups in memory (for a chunk of a sample, on a worker
 * thread): the rows of the events given to {@link encode} form groups of `rowGroup` rows (closed
 * at an event boundary, as in {@link writeParquet}) and a last group with the rest; offsets are
 * relative to the returned bytes. The column buffers and the output buffer are reused between
 * calls, so the bytes returned are valid until the next call.
 */
export class ParquetGroupEncoder {
  private readonly cols: Columns;
  private readonly mem = new MemoryOut(1 << 22);
  private readonly out: PageFile;
  constructor(readonly weightNames: readonly string[], compression: ParquetCompression = "brotli", readonly rowGroup = ROW_GROUP) {
    this.cols = new Columns(weightNames, rowGroup + MAX_PARTICLES, MAX_VERTICES);
    this.out = new PageFile(this.mem, codecOf(compression).pack);
  }
  encode(events: Iterable<EventRecord>, total: WriteSummary): EncodedParquet {
    const { cols, out, rowGroup: group } = this;
    this.mem.offset = 0;
    cols.reset();
    const groups: ParquetGroupLayout[] = [];
    let rows = 0;
    for (const rec of events) {
      tally(total, rec);
      rows = addEvent(cols, rec, rows);
      if (rows >= group || cols.vertices >= group || cols.events >= group) {
        groups.push({ rows, chunks: writeGroup(out, cols, rows) });
        rows = 0;
      }
    }
    if (rows > 0) groups.push({ rows, chunks: writeGroup(out, cols, rows) });
    return { bytes: this.mem.bytes(), groups };
  }
}

/** An events file assembled from row groups written here or encoded elsewhere ({@link encodeParquetGroups}); the footer on close. */
export class ParquetFileWriter {
  readonly schema: PqColumn[];
  readonly codec: number;
  private readonly file: FileOut;
  private readonly meta = new CompactWriter();
  private readonly groups: Buffer[] = [];
  private rows = 0;
  constructor(path: string, readonly weightNames: readonly string[], readonly streamMeta: Readonly<Record<string, unknown>>, compression: ParquetCompression = "brotli") {
    // the PLAIN pages are views of the typed arrays, which are little-endian only on little-endian hosts
    if (endianness() !== "LE") throw new RangeError("the Parquet writer needs a little-endian host");
    this.codec = codecOf(compression).codec;
    this.schema = parquetSchema(weightNames);
    this.file = new FileOut(openSync(path, "w"));
    this.file.put(Buffer.from("PAR1"));
  }
  get fd(): number {
    return this.file.fd;
  }
  /** Append encoded row groups (their offsets shifted to where they land). */
  append(enc: EncodedParquet): void {
    const base = this.file.offset;
    this.file.put(enc.bytes);
    for (const g of enc.groups) {
      const chunks = g.chunks.map((c) => ({ ...c, start: c.start + base, dataOffset: c.dataOffset + base, ...(c.dictionaryOffset !== undefined ? { dictionaryOffset: c.dictionaryOffset + base } : {}) }));
      this.addGroup(chunks, g.rows);
    }
  }
  /** Record a row group whose column chunks are already in the file. */
  addGroup(chunks: readonly ChunkInfo[], rows: number): void {
    this.groups.push(rowGroupBytes(this.meta, this.schema, chunks, rows, this.codec));
    this.rows += rows;
  }
  /** Pages go straight to the file through this. */
  get out(): ByteOut {
    return this.file;
  }
  /** Write the footer (FileMetaData, its length, PAR1) and close the file. */
  close(): void {
    const kv = [
      ["nudump.meta", JSON.stringify(this.streamMeta)],
      ["nudump.units", "GeV, mm, mm/c; weights in expected events for the exposure"],
    ] as const;
    const footer = fileMetaData(this.meta, this.schema, this.rows, this.groups, kv, "nudump 0.1.0");
    const tail = Buffer.alloc(8);
    tail.writeUInt32LE(footer.length, 0);
    tail.write("PAR1", 4, "latin1");
    this.file.put(footer);
    this.file.put(tail);
    closeSync(this.file.fd);
  }
  /** Close without a footer (after an error: the file is incomplete). */
  abort(): void {
    closeSync(this.file.fd);
  }
}

/** Write a stream as Parquet to `path`; resolves to the events written and the sums of the first weight. */
export async function writeParquet(stream: EventStream, path: string, opts: ParquetOptions = {}): Promise<WriteSummary> {
  const group = opts.rowGroup ?? ROW_GROUP;
  if (!Number.isInteger(group) || group < 1 || group > 1 << 24) throw new RangeError(`rowGroup = ${group} must be an integer in [1, 2^24]`);
  const compression = opts.compression ?? "brotli";
  const { pack } = codecOf(compression);
  const w = new ParquetFileWriter(path, stream.weightNames, stream.meta, compression);
  const cols = new Columns(stream.weightNames, group + MAX_PARTICLES, MAX_VERTICES);
  const total = emptySummary();
  const out = new PageFile(w.out, pack);
  let rows = 0;
  try {
    for (const rec of stream.events()) {
      tally(total, rec);
      rows = addEvent(cols, rec, rows);
      // a group closes at an event boundary once it holds `group` rows (or vertices, or events)
      if (rows >= group || cols.vertices >= group || cols.events >= group) {
        w.addGroup(writeGroup(out, cols, rows), rows);
        rows = 0;
      }
    }
    if (rows > 0) w.addGroup(writeGroup(out, cols, rows), rows);
  } catch (e) {
    w.abort();
    throw e;
  }
  w.close();
  return total;
}
