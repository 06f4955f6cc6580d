/**
 * Reader for NumPy `.npy` arrays of little-endian doubles (format versions 1.0, 2.0 and 3.0 of
 * the NumPy file format: magic "\x93NUMPY", two version bytes, a little-endian header length
 * (uint16 for 1.0, uint32 for 2.0/3.0), an ASCII Python-dict header
 * `{'descr': '<f8', 'fortran_order': False, 'shape': (n, m), }`, then the raw data).
 *
 * Only `descr` '<f8' (float64, little-endian) is accepted; both memory orders are handled and the
 * result is always returned in row-major (C) order. Malformed files are rejected with a
 * RangeError naming the file and what is wrong.
 */
import { readFileSync } from "node:fs";

/** A float64 array read from a `.npy` file, in row-major (C) order. */
export interface NpyArray {
  /** Dimensions, outermost first (as NumPy's `shape`). */
  readonly shape: readonly number[];
  /** The elements in row-major order: element (i, j) of a 2-d array is data[i * shape[1] + j]. */
  readonly data: Float64Array;
  /** True if the file stored the data in column-major (Fortran) order (converted on reading). */
  readonly fortranOrder: boolean;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"

function bad(file: string, what: string): never {
  throw new RangeError(`${file}: not a valid .npy file of float64: ${what}`);
}

/** Parses the header dict; returns descr, fortran_order and shape or throws naming the problem. */
function parseHeader(header: string, file: string): { descr: string; fortranOrder: boolean; shape: number[] } {
  const h = header.trim();
  if (!h.startsWith("{") || !h.endsWith("}")) bad(file, `header is not a dict literal: ${JSON.stringify(h.slice(0, 80))}`);
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(h);
  const fortran = /'fortran_order'\s*:\s*(True|False)\b/.exec(h);
  const shape = /'shape'\s*:\s*\(([^)]*)\)/.exec(h);
  if (!descr) bad(file, "header has no 'descr'");
  if (!fortran) bad(file, "header has no 'fortran_order' True/False");
  if (!shape) bad(file, "header has no 'shape' tuple");
  const dims = (shape[1] as string)
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  const out: number[] = [];
  for (const d of dims) {
    if (!/^\d+$/.test(d)) bad(file, `shape entry ${JSON.stringify(d)} is not a non-negative integer`);
    out.push(Number(d));
  }
  return { descr: descr[1] as string, fortranOrder: fortran[1] === "True", shape: out };
}

/** Parses the bytes of a `.npy` file of float64 (see the module comment). `file` names it in errors. */
export function parseNpy(bytes: Uint8Array, file: string): NpyArray {
  if (bytes.length < 10) bad(file, `only ${bytes.length} bytes`);
  for (let i = 0; i < MAGIC.length; i++) if (bytes[i] !== MAGIC[i]) bad(file, "missing the magic string \\x93NUMPY");
  const major = bytes[6] as number;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerLen: number;
  let headerStart: number;
  if (major === 1) {
    headerLen = view.getUint16(8, true);
    headerStart = 10;
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) bad(file, `only ${bytes.length} bytes`);
    headerLen = view.getUint32(8, true);
    headerStart = 12;
  } else {
    bad(file, `format version ${major}.${bytes[7]} (supported: 1.0, 2.0, 3.0)`);
  }
  const dataStart = headerStart + headerLen;
  if (dataStart > bytes.length) bad(file, `header length ${headerLen} runs past the end of the file (${bytes.length} bytes)`);
  const header = new TextDecoder(major === 3 ? "utf-8" : "latin1").decode(bytes.subarray(headerStart, dataStart));
  const { descr, fortranOrder, shape } = parseHeader(header, file);
  if (descr !== "<f8") bad(file, `descr '${descr}' (only '<f8', little-endian float64, is supported)`);
  const n = shape.reduce((a, b) => a * b, 1);
  const nBytes = bytes.length - dataStart;
  if (nBytes !== 8 * n) bad(file, `shape (${shape.join(", ")}) needs ${8 * n} data bytes, found ${nBytes}`);
  const raw = new Float64Array(n);
  for (let k = 0; k < n; k++) raw[k] = view.getFloat64(dataStart + 8 * k, true);
  const data = fortranOrder && shape.length > 1 ? fortranToC(raw, shape) : raw;
  return { shape, data, fortranOrder };
}

/** Reorders column-major data (first index fastest) into row-major order (last index fastest). */
function fortranToC(raw: Float64Array, shape: readonly number[]): Float64Array {
  const nd = shape.length;
  const out = new Float64Array(raw.length);
  const idx = new Array<number>(nd).fill(0);
  for (let f = 0; f < raw.length; f++) {
    // idx is the multi-index of raw[f] (first index fastest); compute its row-major offset
    let c = 0;
    for (let d = 0; d < nd; d++) c = c * (shape[d] as number) + (idx[d] as number);
    out[c] = raw[f] as number;
    for (let d = 0; d < nd; d++) {
      idx[d] = (idx[d] as number) + 1;
      if ((idx[d] as number) < (shape[d] as number)) break;
      idx[d] = 0;
    }
  }
  return out;
}

/** Reads a `.npy` file of float64 (see {@link parseNpy}). */
export function readNpy(file: string): NpyArray {
  return parseNpy(new Uint8Array(readFileSync(file)), file);
}

/** Row `i` of a 2-d array (a copy). RangeError if the array is not 2-d or i is out of range. */
export function npyRow(a: NpyArray, i: number): number[] {
  if (a.shape.length !== 2) throw new RangeError(`npyRow: array has shape (${a.shape.join(", ")}), expected 2-d`);
  const [rows, cols] = a.shape as [number, number];
  if (!(Number.isInteger(i) && i >= 0 && i < rows)) throw new RangeError(`npyRow: i = ${i} must be an integer in [0, ${rows - 1}]`);
  return Array.from(a.data.subarray(i * cols, (i + 1) * cols));
}
