/**
 * Physical quantities on input: a plain number in a documented unit, or a number with a unit
 * ("500 MeV", "1 TeV", "1e-6/GeV", "0.09 GeV^2"), converted with mathjs to the unit the
 * library computes in (natural units, GeV powers; lib/core/units.ts). Mass and energy share the
 * dimension of energy (c = 1), so masses are written in eV multiples ("30MeV").
 *
 * The text is checked against a strict grammar before mathjs sees it: a decimal number
 * (no hex, no binary, no trailing junk, no empty string) optionally followed by a product or
 * quotient of unit names with integer powers. Nothing is evaluated as an expression.
 */
/** The part of mathjs's Unit that is used here. */
interface Unit {
  equalBase(other: Unit): boolean;
  toNumber(unit: string): number;
  pow(p: number): Unit;
}

let unitParser: ((s: string) => Unit) | undefined;
/**
 * mathjs's unit parser, loaded on the first quantity that carries a unit: a plain number never
 * loads mathjs (its CommonJS entry is ~1000 modules, most of a CLI call's start-up). The
 * package's single-file build (an exported path of mathjs) loads several times faster than that
 * entry, with the same units. Its type declarations are ESM-only, hence the typed require.
 */
function mathUnit(s: string): Unit {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  unitParser ??= (require("mathjs/lib/browser/math.js") as { unit: (s: string) => Unit }).unit;
  return unitParser(s);
}

/** A decimal number as written by a physicist: 12, -3.5, .5, 1e-6, 2.5E+3 (no hex, no junk). */
export const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
/** A unit expression: names (letters, optional µ) with integer powers, joined by *, / or a space. */
const UNIT_EXPR = /^(?:\/\s*)?[A-Za-zµμ]+(?:\s*\^\s*[+-]?\d+)?(?:\s*[*/ ]\s*[A-Za-zµμ]+(?:\s*\^\s*[+-]?\d+)?)*$/;

/** Parses a plain decimal number strictly; RangeError naming `name` otherwise. */
export function parseDecimal(text: string, name: string): number {
  const s = text.trim();
  if (!DECIMAL.test(s)) {
    throw new RangeError(`${name} = ${JSON.stringify(text)} is not a decimal number (allowed: e.g. 0.5, -1e-3; no hex, no trailing characters)`);
  }
  const x = Number(s);
  if (!Number.isFinite(x)) throw new RangeError(`${name} = ${JSON.stringify(text)} is not a finite number`);
  return x;
}

/** Human name of the dimension of a target unit, for messages. */
function dimensionName(target: string): string {
  const names: Record<string, string> = { GeV: "energy/mass (eV multiples)", "GeV^-1": "inverse energy (e.g. 1e-6/GeV)", "GeV^2": "energy squared (e.g. 0.1 GeV^2)" };
  return names[target] ?? `the dimension of ${target}`;
}

/**
 * A quantity in unit `target` (a mathjs unit string such as "GeV", "GeV^-1", "GeV^2"):
 * a plain number is taken to be in `target`; "500 MeV" is converted. RangeError naming
 * `name` for a malformed text, an unknown unit or a dimension mismatch.
 * parseQuantity("500 MeV", "GeV") → 0.5.
 */
export function parseQuantity(text: string | number, target: string, name = "quantity"): number {
  if (typeof text === "number") {
    if (!Number.isFinite(text)) throw new RangeError(`${name} = ${String(text)} is not a finite number`);
    return text;
  }
  const s = text.trim();
  if (DECIMAL.test(s)) return parseDecimal(s, name);
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(.+)$/.exec(s);
  if (!m || !UNIT_EXPR.test(m[2]!.trim())) {
    throw new RangeError(`${name} = ${JSON.stringify(text)} is neither a number nor a quantity (allowed: a number in ${target}, or e.g. "500 MeV")`);
  }
  const value = parseDecimal(m[1]!, name);
  let unitText = m[2]!.trim();
  if (unitText.startsWith("/")) unitText = `1${unitText}`; // "1e-6/GeV" → value 1e-6 times 1/GeV
  let u: Unit;
  let ref: Unit;
  try {
    ref = mathUnit(target);
    u = unitText.startsWith("1/") ? mathUnit(unitText.slice(2).trim()).pow(-1) : mathUnit(unitText);
  } catch (e) {
    throw new RangeError(`${name} = ${JSON.stringify(text)}: unknown unit ${JSON.stringify(m[2]!.trim())} (${(e as Error).message})`);
  }
  if (!u.equalBase(ref)) {
    throw new RangeError(`${name} = ${JSON.stringify(text)} has the wrong dimension (expected ${dimensionName(target)}, in ${target})`);
  }
  // the conversion factors are exact powers of ten; 15 digits drop their binary rounding
  // (1e-9 MeV^-1 → 1e-6 GeV^-1 exactly, not 1.0000000000000002e-6)
  const x = Number((value * u.toNumber(target)).toPrecision(15));
  if (!Number.isFinite(x)) throw new RangeError(`${name} = ${JSON.stringify(text)} is not a finite ${target} value`);
  return x;
}
