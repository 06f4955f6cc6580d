/**
 * A buffered text sink for the streaming writers: strings are collected up to ~1 MB and
 * then written synchronously to a file (or to process.stdout), so memory stays flat
 * however many events are written.
 */
import { closeSync, openSync, writeSync } from "node:fs";

/** Buffered writer to a path, or to stdout when path is undefined. */
export class TextSink {
  private parts: string[] = [];
  private size = 0;
  private readonly fd: number;
  private readonly own: boolean;
  constructor(path?: string) {
    this.own = path !== undefined;
    this.fd = path !== undefined ? openSync(path, "w") : 1;
  }
  write(s: string): void {
    this.parts.push(s);
    this.size += s.length;
    if (this.size > 1 << 20) this.flush();
  }
  flush(): void {
    if (this.parts.length === 0) return;
    if (!this.own) {
      // stdout: process.stdout.write is synchronous for files and pipes on Linux (Node docs, "A note on process I/O")
      process.stdout.write(this.parts.join(""));
      this.parts = [];
      this.size = 0;
      return;
    }
    const buf = Buffer.from(this.parts.join(""), "utf8");
    let off = 0;
    while (off < buf.length) {
      try {
        off += writeSync(this.fd, buf, off);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EAGAIN") throw e;
      }
    }
    this.parts = [];
    this.size = 0;
  }
  close(): void {
    this.flush();
    if (this.own) closeSync(this.fd);
  }
}
