/**
 * Whitespace-separated text tables (flux files, meson tables, bound files): the one
 * tokeniser. A row is a non-blank line that is not a comment; its fields are split at
 * whitespace (and, if asked, commas/semicolons); every error names the source and the line
 * as `source:line: what` (the readers of lib/flux, lib/ip and lib/figures/bounds use it).
 */

/** One data row: its 1-based line number, the trimmed text and its fields. */
export interface TableRow {
  readonly line: number;
  readonly text: string;
  readonly fields: readonly string[];
}

/** Options of {@link tableRows}. */
export interface TableOptions {
  /** Also split at commas and semicolons (the bound files of shared/data/bounds). */
  readonly commas?: boolean;
  /** Drop an inline `# …` comment after the data (whole-line `#` comments are always skipped). */
  readonly inlineComments?: boolean;
  /** Called with each whole-line comment (e.g. to read a `# Normalization:` header). */
  readonly onComment?: (text: string, line: number) => void;
}

/** The data rows of a table (blank lines and `#` comment lines skipped). */
export function tableRows(text: string, opts: TableOptions = {}): TableRow[] {
  const rows: TableRow[] = [];
  text.split(/\r?\n/).forEach((raw, k) => {
    const line = k + 1;
    let s = raw.trim();
    if (s.startsWith("#")) {
      opts.onComment?.(s, line);
      return;
    }
    if (opts.inlineComments) s = s.replace(/#.*/, "").trim();
    if (s === "") return;
    rows.push({ line, text: s, fields: s.split(opts.commas ? /[\s,;]+/ : /\s+/) });
  });
  return rows;
}

/** The number of lines of a text (the line an error about a missing row points at: the last). */
export function lineCount(text: string): number {
  return text.split(/\r?\n/).length;
}

/** Throw a RangeError `source:line: what` (a malformed table, named by file and line). */
export function tableError(source: string, line: number, what: string): never {
  throw new RangeError(`${source}:${line}: ${what}`);
}

/** A decimal or scientific number, as written in the data files (no hex, no "Infinity"). */
export const NUMBER_FIELD = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Whether a field is a finite decimal or scientific number. */
export function isNumberField(field: string): boolean {
  return NUMBER_FIELD.test(field) && Number.isFinite(Number(field));
}

/** The number in a field, or a RangeError `source:line: "field" is not a finite number` (`what` names the column). */
export function numberField(field: string, source: string, line: number, what?: string): number {
  if (!isNumberField(field)) tableError(source, line, `${what !== undefined ? `${what} = ` : ""}"${field}" is not a finite number`);
  return Number(field);
}

/**
 * A two-column table (whitespace, comma or semicolon separated; `#` comments, also inline):
 * its columns. Throws on a malformed row, naming the line, and on a table with no rows.
 */
export function readXY(text: string, source = "table"): { x: number[]; y: number[] } {
  const x: number[] = [];
  const y: number[] = [];
  for (const r of tableRows(text, { commas: true, inlineComments: true })) {
    const [a, b] = r.fields.map(Number);
    if (r.fields.length < 2 || !Number.isFinite(a) || !Number.isFinite(b)) tableError(source, r.line, `${JSON.stringify(r.text)} is not two numbers`);
    x.push(a as number);
    y.push(b as number);
  }
  if (x.length === 0) tableError(source, lineCount(text), "no data rows");
  return { x, y };
}
