/**
 * Text of plot labels: one number formatter ({@link sci}: 3.6e-5 → "3.6×10⁻⁵") and one
 * translation of code notation into physics notation ({@link notation}: "nu_e" → "ν<sub>e</sub>",
 * "m_N" → "m<sub>N</sub>", "5e-7" → "5×10⁻⁷"). Plotly renders <sub>/<sup> tags; powers use
 * Unicode superscripts so that they read the same in the legend, in hover text and in SVG.
 */

const SUPERSCRIPT: Readonly<Record<string, string>> = {
  "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻", "+": "⁺",
};

/** An integer as Unicode superscript digits ("-5" → "⁻⁵"). */
export function superscript(n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`superscript(${n}): the exponent must be an integer`);
  return String(n).split("").map((c) => SUPERSCRIPT[c] ?? c).join("");
}

/** Options of {@link sci}. */
export interface SciOptions {
  /** Significant digits of the mantissa (default 2; trailing zeros dropped). */
  readonly digits?: number;
  /** Numbers with 10^plainMin ≤ |v| < 10^plainMax are written plainly ("249", "0.42"); default [-2, 4). */
  readonly plainMin?: number;
  readonly plainMax?: number;
}

/**
 * A number for a label: "3.6×10⁻⁵", "5×10⁻⁷", "10⁻³" (mantissa 1 dropped), plain "249" or
 * "0.42" between 10⁻² and 10⁴ (see {@link SciOptions}), "0" for zero. Non-finite → RangeError.
 */
export function sci(v: number, opts: SciOptions = {}): string {
  if (!Number.isFinite(v)) throw new RangeError(`sci(${v}): a label number must be finite`);
  const digits = opts.digits ?? 2;
  if (!(Number.isInteger(digits) && digits >= 1 && digits <= 15)) throw new RangeError(`digits = ${digits} must be an integer in [1, 15]`);
  if (v === 0) return "0";
  const sign = v < 0 ? "−" : "";
  const a = Math.abs(v);
  const [m, e] = a.toExponential(digits - 1).split("e") as [string, string];
  const exp = Number(e);
  const mant = m.includes(".") ? m.replace(/0+$/, "").replace(/\.$/, "") : m;
  if (exp >= (opts.plainMin ?? -2) && exp < (opts.plainMax ?? 4)) {
    const plain = Number(a.toPrecision(digits));
    return sign + String(plain);
  }
  return sign + (mant === "1" ? "" : `${mant}×`) + `10${superscript(exp)}`;
}

/** Subscript words written in Greek. */
const GREEK: Readonly<Record<string, string>> = { mu: "μ", tau: "τ", nu: "ν", gamma: "γ", ee: "ee" };

/**
 * Code notation → physics notation, for labels written by other layers: `nu_mu` → ν<sub>μ</sub>,
 * `nubar_mu` → ν̄<sub>μ</sub>, `X_Y` → X<sub>Y</sub> (m_N, Z_D, U_τN, ΔN_eff, E_vis; multi-letter
 * subscripts up to 4 characters), numbers in e-notation → {@link sci}. Text inside HTML tags is
 * left alone; already-formatted text is unchanged (idempotent).
 */
export function notation(text: string): string {
  return text
    .split(/(<[^>]*>)/)
    .map((part) => (part.startsWith("<") ? part : notationPlain(part)))
    .join("");
}

function notationPlain(s: string): string {
  return s
    .replace(/\bnubar_(mu|tau|e)\b/g, (_, f: string) => `ν̄<sub>${GREEK[f] ?? f}</sub>`)
    .replace(/\bnu_(mu|tau|e)\b/g, (_, f: string) => `ν<sub>${GREEK[f] ?? f}</sub>`)
    .replace(/(\d+(?:\.\d+)?)[eE]([+-]?\d+)\b/g, (_, m: string, e: string) => sci(Number(`${m}e${e}`), { digits: 15 }))
    .replace(/([A-Za-zΑ-Ωα-ωΔ][\u0304]?)_([A-Za-zΑ-Ωα-ω0-9]{1,4})(?![A-Za-z0-9_])/g, (_, b: string, sub: string) => `${b}<sub>${GREEK[sub] ?? sub}</sub>`);
}

/** Text without HTML tags (for length estimates and plain-text outputs). */
export function plainText(s: string): string {
  return s.replace(/<[^>]*>/g, "");
}

/** Breaks a label into lines of at most `maxChars` visible characters at spaces (plotly line break "<br>"). */
export function wrap(text: string, maxChars: number): string {
  if (!(Number.isInteger(maxChars) && maxChars >= 10)) throw new RangeError(`maxChars = ${maxChars} must be an integer ≥ 10`);
  const lines: string[] = [];
  let cur = "";
  for (const word of text.split(" ")) {
    const next = cur === "" ? word : `${cur} ${word}`;
    if (plainText(next).length > maxChars && cur !== "") {
      lines.push(cur);
      cur = word;
    } else cur = next;
  }
  if (cur !== "") lines.push(cur);
  return lines.join("<br>");
}
