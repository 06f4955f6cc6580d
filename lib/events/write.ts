/** Choosing the output format of an event stream: from --format or the file extension. */
import { writeHepMC3 } from "./hepmc3";
import { type ParquetCompression, writeParquet } from "./parquet";
import type { EventStream, WriteSummary } from "./record";
import { writeCsv, writeJson } from "./text";
import type { EventFormat } from "./formats";

export { EVENT_FORMATS, type EventFormat } from "./formats";

const EXTENSIONS: Record<string, EventFormat> = { ".hepmc3": "hepmc3", ".hepmc": "hepmc3", ".parquet": "parquet", ".csv": "csv", ".json": "json" };

/** The format of an output path by its extension, or undefined when the extension is not one of ours. */
export function formatOfPath(path: string): EventFormat | undefined {
  const m = /\.[A-Za-z0-9]+$/.exec(path);
  return m ? EXTENSIONS[m[0].toLowerCase()] : undefined;
}

/**
 * Write a stream in a format to a path (stdout for the text formats when path is undefined);
 * resolves to the selected weight sum. `compression`: the Parquet pages' (default brotli).
 */
export async function writeEvents(stream: EventStream, format: EventFormat, path?: string, compression?: ParquetCompression): Promise<WriteSummary> {
  switch (format) {
    case "hepmc3":
      return writeHepMC3(stream, path);
    case "csv":
      return writeCsv(stream, path);
    case "json":
      return writeJson(stream, path);
    case "parquet":
      if (path === undefined) throw new RangeError("format = parquet needs an output file (--out events.parquet); it is not written to stdout");
      return writeParquet(stream, path, compression ? { compression } : {});
  }
}
