/**
 * The event-file formats, apart from their writers: the command line's option list imports only
 * this, so a command that writes no events (`nudump events`, `xsec`, …) does not load the four
 * writers and their byte tables at start-up (issue 15).
 */

/** The formats events can be written in. */
export const EVENT_FORMATS = ["hepmc3", "parquet", "csv", "json"] as const;
export type EventFormat = (typeof EVENT_FORMATS)[number];
