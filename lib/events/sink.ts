/**
 * A buffered text sink for the streaming writers: strings are encoded, and event lines written
 * as bytes (lib/events/bytes.ts), straight into a preallocated 4 MiB buffer, which is written
 * synchronously to a file (or to process.stdout) when full, so memory stays flat however many
 * events are written and no intermediate joined string or per-write Buffer is made.
 */
import { closeSync, openSync, writeSync } from "node:fs";
import { ByteWriter } from "./bytes";

/** Bytes of the buffer (≥ 3 × the longest string written at once, else that string is written on its own). */
const CAPACITY = 1 << 22;

/** Buffered writer to a path, or to stdout when path is undefined. */
export class TextSink extends ByteWriter {
  private readonly fd: number;
  private readonly own: boolean;
  constructor(path?: string) {
    super(CAPACITY);
    this.own = path !== undefined;
    this.fd = path !== undefined ? openSync(path, "w") : 1;
  }
  /** Room for n more bytes (flushing when needed; n ≤ the capacity). */
  ensure(n: number): void {
    this.forget();
    if (this.off + n <= CAPACITY) return;
    this.flush();
    if (n > CAPACITY) throw new RangeError(`a write of ${n} bytes exceeds the sink's ${CAPACITY}`);
  }
  write(s: string): void {
    // a UTF-16 code unit takes at most 3 UTF-8 bytes
    if (this.off + 3 * s.length > CAPACITY) {
      this.flush();
      if (3 * s.length > CAPACITY) {
        this.emit(Buffer.from(s, "utf8"));
        return;
      }
    }
    this.off += this.buf.write(s, this.off, "utf8");
  }
  /** Write bytes already encoded (a chunk of a sample): copied into the buffer when they fit, else written as they are. */
  writeBytes(b: Uint8Array): void {
    if (this.off + b.length > CAPACITY) {
      this.flush();
      if (b.length > CAPACITY) {
        this.emit(b);
        return;
      }
    }
    this.buf.set(b, this.off);
    this.off += b.length;
  }
  private emit(b: Uint8Array): void {
    if (!this.own) {
      // stdout: process.stdout.write is synchronous for files and pipes on Linux (Node docs, "A note on process I/O"); it may keep the chunk, so pass a copy
      process.stdout.write(Buffer.from(b));
      return;
    }
    let o = 0;
    while (o < b.length) {
      try {
        o += writeSync(this.fd, b, o);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EAGAIN") throw e;
      }
    }
  }
  flush(): void {
    this.forget();
    if (this.off === 0) return;
    this.emit(this.buf.subarray(0, this.off));
    this.off = 0;
  }
  close(): void {
    this.flush();
    if (this.own) closeSync(this.fd);
  }
}
