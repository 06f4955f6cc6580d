/**
 * The reference tables shipped in data/ (flux, hadrons, charm2) are unmodified copies of their
 * sources: each is byte-identical (md5) to the reference copy in ../shared/data (resolved
 * relative to the repository; the test fails if it is absent), and each directory carries a
 * provenance note with the source repository, commit and the MIT notice.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const DATA = path.resolve(__dirname, "..", "data");
const REFERENCE = path.resolve(__dirname, "../../shared/data");

/** Shipped directory → files it must hold (all of them vendored). */
const VENDORED: Readonly<Record<string, { readonly files: readonly string[]; readonly commit: string; readonly copyright: readonly string[] }>> = (() => {
  const pids = [12, -12, 14, -14, 16, -16];
  const fnfs = { commit: "c16ed47d801615ff44226dee141c8e711740e797", copyright: ["Copyright (c) 2020 Felix Kling and Sebastian Trojanowski"] };
  const foresee = { commit: "2d6431f6f6e92287c1fe1b3003aea39234b29a4b", copyright: ["Copyright (c) 2020 Felix Kling and Sebastian Trojanowski"] };
  return {
    "flux/FASERv": { ...fnfs, files: pids.flatMap((p) => [`FASER_${p}.txt`, `FASER_CCint_${p}.txt`]) },
    "flux/FASERv2": { ...fnfs, files: pids.flatMap((p) => [`FASERv2_${p}.txt`, `FASERv2_CCint_${p}.txt`]) },
    "hadrons/14TeV/EPOSLHC": { ...foresee, files: ["EPOSLHC_14TeV_111.txt", "EPOSLHC_14TeV_221.txt"] },
    "hadrons/14TeV/SIBYLL": { ...foresee, files: ["SIBYLL_14TeV_111.txt", "SIBYLL_14TeV_221.txt"] },
    "hadrons/14TeV/QGSJET": { ...foresee, files: ["QGSJET_14TeV_111.txt", "QGSJET_14TeV_221.txt"] },
    "hadrons/0.45TeV/Pythia": {
      commit: "c02b9a2256186535e8b72325ebaac1fe454903e5",
      copyright: ["Copyright (c) 2020 Felix Kling and Sebastian Trojanowski", "Copyright (c) 2023 Krzysztof Jodlowski"],
      files: ["Pythia_0.45TeV_111.txt", "Pythia_0.45TeV_221.txt"],
    },
    charm2: { commit: "54d63a6b9c104bef184c2089286e36edb4b3eaa5", copyright: ["Copyright (c) 2021 Matheus Hostert"], files: ["CHARMII_FHC.dat", "CHARMII_RHC.dat"] },
  };
})();

const md5 = (f: string) => createHash("md5").update(readFileSync(f)).digest("hex");

describe("vendored reference tables", () => {
  it("the reference copy ../shared/data is present (this validation needs it)", () => {
    expect(existsSync(REFERENCE), `${REFERENCE} is missing`).toBe(true);
  });
  for (const [dir, spec] of Object.entries(VENDORED)) {
    it(`data/${dir}: exactly the listed files, each byte-identical to the source copy`, () => {
      const shipped = readdirSync(path.join(DATA, dir)).filter((f) => f !== "README.md").sort();
      expect(shipped).toEqual([...spec.files].sort());
      for (const f of spec.files) expect(md5(path.join(DATA, dir, f)), `${dir}/${f}`).toBe(md5(path.join(REFERENCE, dir, f)));
    });
    it(`data/${dir}/README.md names the source commit and carries the MIT notice(s) and every file's md5`, () => {
      const readme = readFileSync(path.join(DATA, dir, "README.md"), "utf8");
      expect(readme).toContain(spec.commit);
      expect(readme).toContain("MIT License");
      expect(readme).toContain("Permission is hereby granted, free of charge");
      for (const c of spec.copyright) expect(readme).toContain(c);
      for (const f of spec.files) expect(readme).toContain(md5(path.join(DATA, dir, f)));
    });
  }
});
