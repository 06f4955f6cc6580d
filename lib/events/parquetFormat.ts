/**
 * The Parquet file format at the level the event writer needs, written from the Apache
 * Parquet specification (parquet-format: README "File Format", parquet.thrift, Encodings.md):
 * a file is `PAR1`, the column chunks of each row group (pages: a PageHeader then its bytes),
 * the FileMetaData, its length as a 4-byte little-endian integer, and `PAR1` again. Headers
 * and metadata are Thrift structs in the compact protocol (Thrift's compact-protocol spec):
 * a field header byte (id delta << 4 | type) or, for a jump of more than 15, the type byte
 * and the zigzag-varint id; integers as zigzag ULEB128 varints; strings as a varint length
 * and UTF-8 bytes; lists as (size << 4 | element type), or 0xF0 | type and a varint size from
 * 15 elements on; a struct ends with a 0 byte.
 *
 * Only what the events file uses: REQUIRED flat columns (no definition or repetition levels
 * in the pages), version-1 data pages, PLAIN values or a PLAIN dictionary page with
 * RLE_DICTIONARY indices (bit width byte, then RLE runs: varint run length << 1 and the index
 * in ⌈width/8⌉ little-endian bytes; see {@link rleIndices}).
 */

/** Parquet physical types (parquet.thrift `Type`). */
export const PQ_TYPE = { INT32: 1, INT64: 2, DOUBLE: 5, BYTE_ARRAY: 6 } as const;
/** Encodings (parquet.thrift `Encoding`). */
export const PQ_ENCODING = { PLAIN: 0, RLE: 3, RLE_DICTIONARY: 8 } as const;
/** Compression codecs (parquet.thrift `CompressionCodec`). */
export const PQ_CODEC = { UNCOMPRESSED: 0, GZIP: 2, BROTLI: 4 } as const;
/** Page types (parquet.thrift `PageType`). */
const PAGE = { DATA: 0, DICTIONARY: 2 } as const;

/** Thrift compact-protocol type ids. */
const T = { TRUE: 1, FALSE: 2, I32: 5, I64: 6, BINARY: 8, LIST: 9, STRUCT: 12 } as const;

/** A growing byte buffer with the Thrift compact protocol's primitives. */
export class CompactWriter {
  private buf = Buffer.allocUnsafe(256);
  private off = 0;
  private last = 0;
  private readonly stack: number[] = [];

  private room(n: number): void {
    if (this.off + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(2 * this.buf.length, this.off + n));
    this.buf.copy(next, 0, 0, this.off);
    this.buf = next;
  }
  private byte(b: number): void {
    this.room(1);
    this.buf[this.off++] = b;
  }
  /** Unsigned LEB128 of a non-negative integer below 2⁵³. */
  varint(v: number): void {
    this.room(8);
    while (v >= 0x80) {
      this.buf[this.off++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.off++] = v;
  }
  private zigzag(v: number): void {
    this.varint(v >= 0 ? 2 * v : -2 * v - 1);
  }
  private field(id: number, type: number): void {
    const d = id - this.last;
    if (d > 0 && d <= 15) this.byte((d << 4) | type);
    else {
      this.byte(type);
      this.zigzag(id);
    }
    this.last = id;
  }
  private bytes(s: string): void {
    const n = Buffer.byteLength(s, "utf8");
    this.varint(n);
    this.room(n);
    this.off += this.buf.write(s, this.off, "utf8");
  }
  i32(id: number, v: number): this {
    this.field(id, T.I32);
    this.zigzag(v);
    return this;
  }
  i64(id: number, v: number): this {
    this.field(id, T.I64);
    this.zigzag(v);
    return this;
  }
  str(id: number, s: string): this {
    this.field(id, T.BINARY);
    this.bytes(s);
    return this;
  }
  bool(id: number, b: boolean): this {
    this.field(id, b ? T.TRUE : T.FALSE);
    return this;
  }
  /** A struct-valued field: its fields follow, closed by {@link end}. */
  struct(id: number): this {
    this.field(id, T.STRUCT);
    return this.open();
  }
  /** Start a struct that is a list element (or the top-level struct's nested context). */
  open(): this {
    this.stack.push(this.last);
    this.last = 0;
    return this;
  }
  /** Close the innermost struct (the STOP byte). */
  end(): this {
    this.byte(0);
    this.last = this.stack.pop() ?? 0;
    return this;
  }
  private listHeader(id: number, elem: number, n: number): void {
    this.field(id, T.LIST);
    if (n < 15) this.byte((n << 4) | elem);
    else {
      this.byte(0xf0 | elem);
      this.varint(n);
    }
  }
  i32List(id: number, vs: readonly number[]): this {
    this.listHeader(id, T.I32, vs.length);
    for (const v of vs) this.zigzag(v);
    return this;
  }
  strList(id: number, vs: readonly string[]): this {
    this.listHeader(id, T.BINARY, vs.length);
    for (const v of vs) this.bytes(v);
    return this;
  }
  /** A list of n structs; each element is written between {@link open} and {@link end}. */
  structList(id: number, n: number): this {
    this.listHeader(id, T.STRUCT, n);
    return this;
  }
  /** Append bytes written elsewhere (e.g. pre-serialised list elements). */
  raw(b: Uint8Array): this {
    this.room(b.length);
    this.buf.set(b, this.off);
    this.off += b.length;
    return this;
  }
  /** The bytes so far (a copy; the writer can be reset and reused). */
  take(): Buffer {
    const out = Buffer.from(this.buf.subarray(0, this.off));
    this.off = 0;
    this.last = 0;
    this.stack.length = 0;
    return out;
  }
}

/** A column of the schema: name and physical type; BYTE_ARRAY columns are UTF-8 strings. */
export interface PqColumn {
  readonly name: string;
  readonly type: (typeof PQ_TYPE)[keyof typeof PQ_TYPE];
}

/** Where one column chunk of a row group landed, for its ColumnMetaData. */
export interface ChunkInfo {
  readonly start: number;
  /** Offset of the dictionary page, when the chunk is dictionary-encoded. */
  readonly dictionaryOffset?: number;
  readonly dataOffset: number;
  readonly values: number;
  readonly uncompressed: number;
  readonly compressed: number;
}

/** The PageHeader of a page (data page: PLAIN or RLE_DICTIONARY values; dictionary page: PLAIN). */
export function pageHeader(w: CompactWriter, kind: "data" | "dictionary", values: number, encoding: number, uncompressed: number, compressed: number): Buffer {
  w.i32(1, kind === "data" ? PAGE.DATA : PAGE.DICTIONARY).i32(2, uncompressed).i32(3, compressed);
  if (kind === "data") w.struct(5).i32(1, values).i32(2, encoding).i32(3, PQ_ENCODING.RLE).i32(4, PQ_ENCODING.RLE).end();
  else w.struct(7).i32(1, values).i32(2, PQ_ENCODING.PLAIN).end();
  w.end();
  return w.take();
}

/** One RowGroup struct (a FileMetaData list element), serialised when the group is written. */
export function rowGroupBytes(w: CompactWriter, cols: readonly PqColumn[], chunks: readonly ChunkInfo[], rows: number, codec: number): Buffer {
  let uncompressed = 0, compressed = 0;
  w.open().structList(1, cols.length);
  cols.forEach((c, k) => {
    const ch = chunks[k]!;
    uncompressed += ch.uncompressed;
    compressed += ch.compressed;
    const dict = ch.dictionaryOffset !== undefined;
    w.open().i64(2, ch.start).struct(3);
    w.i32(1, c.type).i32List(2, dict ? [PQ_ENCODING.PLAIN, PQ_ENCODING.RLE_DICTIONARY] : [PQ_ENCODING.PLAIN]).strList(3, [c.name]).i32(4, codec);
    w.i64(5, ch.values).i64(6, ch.uncompressed).i64(7, ch.compressed).i64(9, ch.dataOffset);
    if (dict) w.i64(11, ch.dictionaryOffset!);
    w.end().end();
  });
  w.i64(2, uncompressed).i64(3, rows).i64(5, chunks[0]!.start).i64(6, compressed).end();
  return w.take();
}

/** The FileMetaData (format version 2): schema of REQUIRED flat columns, the row groups, key-value metadata, created_by. */
export function fileMetaData(w: CompactWriter, cols: readonly PqColumn[], rows: number, groups: readonly Uint8Array[], kv: readonly (readonly [string, string])[], createdBy: string): Buffer {
  w.i32(1, 2).structList(2, cols.length + 1);
  w.open().str(4, "schema").i32(5, cols.length).end();
  for (const c of cols) {
    w.open().i32(1, c.type).i32(3, 0).str(4, c.name);
    // strings: ConvertedType UTF8 (0) and LogicalType STRING (union field 1, an empty struct)
    if (c.type === PQ_TYPE.BYTE_ARRAY) w.i32(6, 0).struct(10).struct(1).end().end();
    w.end();
  }
  w.i64(3, rows).structList(4, groups.length);
  for (const g of groups) w.raw(g);
  w.structList(5, kv.length);
  for (const [k, v] of kv) w.open().str(1, k).str(2, v).end();
  w.str(6, createdBy).end();
  return w.take();
}

/**
 * RLE_DICTIONARY data page body of `rows` dictionary indices (< `entries`) into `scratch`
 * (≥ 1 + 9 bytes per row): the bit width, then one RLE run per stretch of equal indices.
 */
export function rleIndices(index: Int32Array, rows: number, entries: number, scratch: Buffer): Buffer {
  const width = Math.max(1, Math.ceil(Math.log2(Math.max(2, entries))));
  const vb = Math.ceil(width / 8);
  let o = 0;
  scratch[o++] = width;
  for (let i = 0; i < rows; ) {
    const v = index[i]!;
    let j = i + 1;
    while (j < rows && index[j] === v) j++;
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
