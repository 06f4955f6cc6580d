/**
 * Where the Parquet writer's pages go (lib/events/parquet.ts): a file descriptor, written at
 * once, or a growing buffer (a chunk encoded on a worker thread), each counting the offsets the
 * footer records; and the page framing (Thrift page header, then the body, compressed or not).
 */
import { writeSync } from "node:fs";
import { CompactWriter, pageHeader } from "./parquetFormat";

/** Where pages go: a file (written at once) or memory (a chunk encoded on a worker thread); counts offsets. */
export interface ByteOut {
  offset: number;
  put(b: Uint8Array): void;
}

/** Appends to a file descriptor. */
export class FileOut implements ByteOut {
  offset = 0;
  constructor(readonly fd: number) {}
  put(b: Uint8Array): void {
    let o = 0;
    while (o < b.length) o += writeSync(this.fd, b, o, b.length - o);
    this.offset += b.length;
  }
}

/** Appends to a growing buffer (copies: the PLAIN page bodies are views of reused column buffers). */
export class MemoryOut implements ByteOut {
  offset = 0;
  private buf: Buffer;
  constructor(initial = 1 << 20) {
    this.buf = Buffer.allocUnsafe(initial);
  }
  put(b: Uint8Array): void {
    if (this.offset + b.length > this.buf.length) {
      const next = Buffer.allocUnsafe(Math.max(2 * this.buf.length, this.offset + b.length));
      this.buf.copy(next, 0, 0, this.offset);
      this.buf = next;
    }
    this.buf.set(b, this.offset);
    this.offset += b.length;
  }
  /** The bytes written (a view of the buffer). */
  bytes(): Buffer {
    return this.buf.subarray(0, this.offset);
  }
}

/** Writes pages (header and body, compressed by `pack`) to a {@link ByteOut}. */
export class PageFile {
  private readonly header = new CompactWriter();
  constructor(readonly out: ByteOut, readonly pack?: (b: Buffer) => Buffer) {}
  get offset(): number {
    return this.out.offset;
  }
  put(b: Uint8Array): void {
    this.out.put(b);
  }
  /** Write one page (header and body); returns the uncompressed and compressed sizes including the header. */
  page(kind: "data" | "dictionary", values: number, encoding: number, body: Buffer): { uncompressed: number; compressed: number } {
    const stored = this.pack ? this.pack(body) : body;
    const h = pageHeader(this.header, kind, values, encoding, body.length, stored.length);
    this.put(h);
    this.put(stored);
    return { uncompressed: h.length + body.length, compressed: h.length + stored.length };
  }
}
