import { describe, expect, it } from "vitest";
import { notation, sci, superscript, wrap } from "../lib/plot";

describe("label numbers: sci()", () => {
  it("writes powers of ten with ×10 and Unicode superscripts, dropping a mantissa of 1 and trailing zeros", () => {
    expect(sci(3.6e-5)).toBe("3.6×10⁻⁵");
    expect(sci(5e-7)).toBe("5×10⁻⁷");
    expect(sci(1e-3)).toBe("10⁻³");
    expect(sci(2e-10)).toBe("2×10⁻¹⁰");
    expect(sci(2.0e5)).toBe("2×10⁵");
    expect(sci(-2.5e-12)).toBe("−2.5×10⁻¹²");
    expect(sci(6.93e6)).toBe("6.9×10⁶");
  });
  it("writes numbers between 10⁻² and 10⁴ plainly, rounded to the requested digits", () => {
    expect(sci(249.429, { digits: 3 })).toBe("249");
    expect(sci(0.42)).toBe("0.42");
    expect(sci(1000)).toBe("1000");
    expect(sci(0)).toBe("0");
  });
  it("rejects what a label cannot show", () => {
    expect(() => sci(NaN)).toThrow(RangeError);
    expect(() => sci(Infinity)).toThrow(/finite/);
    expect(() => sci(1, { digits: 0 })).toThrow(/digits/);
    expect(() => superscript(1.5)).toThrow(RangeError);
  });
});

describe("physics notation: notation()", () => {
  it("turns code ids into subscripts and Greek letters", () => {
    expect(notation("nu_e")).toBe("ν<sub>e</sub>");
    expect(notation("nubar_mu flux")).toBe("ν̄<sub>μ</sub> flux");
    expect(notation("m_N = 1 GeV")).toBe("m<sub>N</sub> = 1 GeV");
    expect(notation("N → νZ_D, Z_D → e⁺e⁻")).toBe("N → νZ<sub>D</sub>, Z<sub>D</sub> → e⁺e⁻");
    expect(notation("FASERν2: ν_τ e → N e")).toBe("FASERν2: ν<sub>τ</sub> e → N e");
    expect(notation("the ΔN_eff band")).toBe("the ΔN<sub>eff</sub> band");
  });
  it("writes e-notation numbers as ×10 powers and leaves tags alone; applying it twice changes nothing", () => {
    expect(notation("μ_N = 5e-7 GeV⁻¹")).toBe("μ<sub>N</sub> = 5×10⁻⁷ GeV⁻¹");
    const s = notation("E<sub>vis</sub> > 100 GeV, U_τN, 3.6e-5 events");
    expect(s).toBe("E<sub>vis</sub> > 100 GeV, U<sub>τN</sub>, 3.6×10⁻⁵ events");
    expect(notation(s)).toBe(s);
  });
  it("wrap() breaks at spaces so that no line has more visible characters than asked", () => {
    const w = wrap("a<sub>b</sub> " + "word ".repeat(30).trim(), 20);
    for (const l of w.split("<br>")) expect(l.replace(/<[^>]*>/g, "").length).toBeLessThanOrEqual(20);
    expect(w.replace(/<br>/g, " ")).toBe("a<sub>b</sub> " + "word ".repeat(30).trim());
  });
});
