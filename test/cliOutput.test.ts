/** The CLI's output layer: one key style, the finite-number guard, atomic files. */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { assertFinite, snakeKey, snakeKeys, writeAtomic } from "../cli/output";

describe("JSON keys", () => {
  it("camelCase words become snake_case; physics symbols and units are kept", () => {
    expect(snakeKey("maxAllowed")).toBe("max_allowed");
    expect(snakeKey("faser2NoAngle")).toBe("faser2_no_angle");
    expect(snakeKey("bySource")).toBe("by_source");
    expect(snakeKey("mN_GeV")).toBe("mN_GeV");
    expect(snakeKey("mZD_GeV")).toBe("mZD_GeV");
    expect(snakeKey("alphaEps2")).toBe("alphaEps2");
    expect(snakeKey("sigma_cm2")).toBe("sigma_cm2");
    expect(snakeKey("tAbsMax_GeV2")).toBe("tmax_GeV2");
    expect(snakeKey("BR_ee")).toBe("BR_ee");
    expect(snakeKey("ecc1TeV")).toBe("ecc_1TeV");
    expect(snakeKey("U2Max")).toBe("U2_max");
    expect(snakeKeys({ primaryEvents: { meanEnergy: 1, list: [{ bySource: 2 }] } })).toEqual({ primary_events: { mean_energy: 1, list: [{ by_source: 2 }] } });
  });
});

describe("finite-number guard", () => {
  it("rejects NaN, ±∞ and null anywhere (null allowed only when asked), accepts finite numbers", () => {
    expect(() => assertFinite({ a: [1, 2, { b: NaN }] })).toThrow(/a\[2\]\.b/);
    expect(() => assertFinite({ a: Infinity })).toThrow(/not a finite/);
    expect(() => assertFinite({ a: null })).toThrow(/null/);
    expect(() => assertFinite(new Float64Array([1, -Infinity]))).toThrow();
    expect(() => assertFinite({ a: null, b: [0, 1e-300] }, "x", true)).not.toThrow();
  });
});

describe("atomic files", () => {
  it("writes the complete content under the final name and leaves no temporary file", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "nudump-atomic-"));
    const f = path.join(dir, "a.json");
    writeAtomic(f, "old\n");
    writeAtomic(f, "new\n");
    expect(readFileSync(f, "utf8")).toBe("new\n");
    expect(readdirSync(dir)).toEqual(["a.json"]);
    expect(() => writeAtomic(path.join(dir, "missing", "b.json"), "x")).toThrow(/ENOENT/);
    expect(existsSync(path.join(dir, "missing"))).toBe(false);
  });
});
