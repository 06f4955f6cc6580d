/**
 * The event-file formats, apart from their writers: the command line's option list imports only
 * this, so a command that writes no events (`nudump events`, `xsec`, …) does not load the four
 * writers and their byte tables at start-up (issue 15).
 */

/** The formats events can be written in. */
export const EVENT_FORMATS = ["hepmc3", "parquet", "csv", "json"] as const;
export type EventFormat = (typeof EVENT_FORMATS)[number];

/**
 * Page compressions of the Parquet writer (lib/events/parquet.ts): brotli (the default, smallest),
 * gzip (zlib level 1, for readers built without brotli) or none. pyarrow, pandas and arrow-rs
 * read all three.
 */
export const PARQUET_COMPRESSIONS = ["brotli", "gzip", "none"] as const;
export type ParquetCompression = (typeof PARQUET_COMPRESSIONS)[number];
