/**
 * Builds data/bounds/dipole/*.csv from the transcribed source tables in ./sources and from
 * numbers stated in the cited papers. Run from the project root:
 *
 *     npx tsx data/bounds/dipole/build.ts
 *
 * Every transformation (units, coupling convention, closing of regions, clipping to the display
 * box) is here and is restated in each file's header and in README.md. test/bounds.test.ts
 * checks that the shipped files are exactly what this script produces.
 */
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { alpha, m_e } from "../../../lib/core/constants";
import { MeV } from "../../../lib/core/units";
import { clipPolygonToLogBox, DIPOLE_BOUND_HEADER, parseTwoColumnTable, type BoundKind, type DipolePanel, type LogBox } from "../../../lib/figures/bounds";

/** Bohr magneton e/(2 m_e) in GeV^-1 (natural units, Heaviside–Lorentz, e = sqrt(4 pi alpha)): about 296.3. */
export const muBohr_GeV_inv = Math.sqrt(4 * Math.PI * alpha) / (2 * m_e);

/**
 * mu_N [GeV^-1] per (mu_nu / mu_B) for the tables given in Bohr magnetons (SN1987A, BBN).
 * mu_N is the coefficient of eq. (3.1) of arXiv:2011.04751, L = mu_N nubar_L sigma_{mu nu} N_R F^{mu nu} + h.c.,
 * with Gamma(N -> nu gamma) = mu_N^2 m_N^3/(4 pi), eq. (B.1). The tables are the transition moment mu_nu of
 * Brdar et al., arXiv:2007.15563, in the convention L = (mu_nu/2) Nbar sigma_{mu nu} nu_L F^{mu nu} + h.c.
 * (Gamma = mu_nu^2 m_N^3/(16 pi)): the h.c. of Nbar sigma P_L nu is nubar sigma P_R N, so this is the
 * operator of (3.1) with mu_N = mu_nu/2. This is also the digitiser's own rule (HNLimits,
 * src/HNLimits/Tensor/tensor_tools.py at commit 8bcc041948b1e459af4bab9264f2ca1f710bb3fb:
 * 'muB': 296.30/2 GeV^-1, "mu_tran = 2d"). Derivation and the alternatives in README.md.
 */
export const muBohrTableToMuN = muBohr_GeV_inv / 2;

/**
 * mu_N [GeV^-1] per (mu_tr / mu_B) for Gninenko's transition moment (arXiv:0902.3802): identified
 * one to one, mu_N = mu_tr. With (B.1) this reproduces his stated lifetime tau <~ 1e-9 s at
 * m_N = 0.5 GeV for mu_tr = 1e-9 mu_B (7.5e-10 s); mu_N = mu_tr/sqrt2 or mu_tr/2 would not.
 */
export const gninenkoMuTrToMuN = muBohr_GeV_inv;

/** Display box used to close and clip regions (edges lying on it are artificial). */
export const DISPLAY_BOX: LogBox = { xMin: 1e-4, xMax: 95, yMin: 2e-11, yMax: 1e-3 };

const HERE = __dirname;
const HNL = "mhostert/Heavy-Neutrino-Limits";
const CONVENTION_D =
  "coupling: d of Magill et al. (arXiv:1803.03262), L = d nubar_L sigma_{mu nu} F^{mu nu} N_R + h.c., Gamma(N->nu gamma) = d^2 m_N^3/(4 pi); identical to mu_N of eq. (3.1) and (B.1) of arXiv:2011.04751, no conversion";
const CONVENTION_MUB =
  `coupling: table in Bohr magnetons, mu_nu/mu_B, in the convention L = (mu_nu/2) Nbar sigma nu_L F + h.c. of arXiv:2007.15563 (Gamma = mu_nu^2 m_N^3/(16 pi)); converted as mu_N = (mu_nu/mu_B) * e/(2 m_e) / 2 = (mu_nu/mu_B) * ${muBohrTableToMuN.toFixed(2)} GeV^-1, so that Gamma = mu_N^2 m_N^3/(4 pi), eq. (B.1) of arXiv:2011.04751, with mu_N of its eq. (3.1); the same factor as the digitiser's rule (HNLimits tensor_tools.py, commit 8bcc041948b1e459af4bab9264f2ca1f710bb3fb: 'muB' = 296.30/2 GeV^-1, "mu_tran = 2d"). The defining equation of arXiv:2007.15563 itself could not be read in this build (README: conventions)`;

interface Spec {
  readonly name: string;
  readonly title: string;
  /** Text for the plot. */
  readonly label: string;
  readonly kind: BoundKind;
  readonly panels: readonly DipolePanel[];
  readonly lines: readonly string[];
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly clip: boolean;
}

function readSource(file: string): { x: number[]; y: number[] } {
  // Inline comments after the numbers (one source row ends in "#JOSU") are dropped.
  const text = readFileSync(path.join(HERE, "sources", file), "utf8")
    .split(/\r?\n/)
    .map((l) => (l.trimStart().startsWith("#") ? l : l.replace(/\s+#.*$/, "")))
    .join("\n");
  const t = parseTwoColumnTable(text, file);
  return { x: [...t.x], y: [...t.y] };
}

/** Region above a curve: the curve, then straight up to `top` and back to the first mass. */
function regionAbove(x: readonly number[], y: readonly number[], top = 1): { x: number[]; y: number[] } {
  return { x: [...x, x[x.length - 1] as number, x[0] as number, x[0] as number], y: [...y, top, top, y[0] as number] };
}

function fmt(v: number): string {
  return Number(v.toPrecision(10)).toString();
}

function specs(): Spec[] {
  const out: Spec[] = [];
  const clipNote = `clipped to the display box m_N in [${DISPLAY_BOX.xMin}, ${DISPLAY_BOX.xMax}] GeV, mu_N in [${DISPLAY_BOX.yMin}, ${DISPLAY_BOX.yMax}] GeV^-1 (log-log Sutherland-Hodgman); edges on the box are artificial`;

  {
    const s = readSource("HNLimits_CHARMII_dmu.dat");
    const r = regionAbove(s.x, s.y);
    out.push({
      name: "charm2",
      label: "CHARM-II",
      kind: "exclusion",
      title: "CHARM-II (nu_mu e scattering / upscattering), excluded region",
      panels: ["universal"],
      lines: [
        "source paper: Coloma, Machado, Martinez-Soler, Shoemaker, arXiv:1707.08573 (ref. [27]), CHARM-II data (ref. [83]); 90% CL; region above the curve, m_N <~ 0.14 GeV",
        `data: ${HNL}, commit 097250b7348cf533a957f3067424bbd942750975, src/HNLimits/include/data/dipole/mu/CHARMII_dmu.dat (digitised by HNLimits from the summary figure of arXiv:2105.09699); transcribed in sources/HNLimits_CHARMII_dmu.dat`,
        CONVENTION_D + " (assumes arXiv:1707.08573 and the HNLimits table use d of arXiv:1803.03262; not verified, see README)",
        `processing: region above the curve closed at the top; the last source row (0.140252, 1), a closure added by HNLimits, is kept; ${clipNote}`,
        "panel note: nu_mu-beam experiment, universal coupling only (does not constrain the nu_tau-specific model, sec. 4.1 of arXiv:2011.04751)",
      ],
      x: r.x,
      y: r.y,
      clip: true,
    });
  }
  {
    const s = readSource("HNLimits_MiniBooNE_dmu.dat");
    const r = regionAbove(s.x, s.y);
    out.push({
      name: "miniboone",
      label: "MiniBooNE",
      kind: "exclusion",
      title: "MiniBooNE (upscattering + single photon), excluded region",
      panels: ["universal"],
      lines: [
        "source paper: Magill, Plestid, Pospelov, Tsai, arXiv:1803.03262 (ref. [28]), MiniBooNE data (ref. [71]); 95% CL as stored (not rescaled); region above the curve, m_N <~ 1 GeV",
        `data: ${HNL}, commit f35f05d27eb7ed2677ef3fddce8e3baa778eccbf, data/dipole/mu/MiniBooNE_dmu.dat (digitised by HNLimits from the summary figure of arXiv:2105.09699); transcribed in sources/HNLimits_MiniBooNE_dmu.dat`,
        CONVENTION_D,
        `processing: region above the curve closed at the top; ${clipNote}`,
        "panel note: nu_mu-beam experiment, universal coupling only",
      ],
      x: r.x,
      y: r.y,
      clip: true,
    });
  }
  {
    const s = readSource("HNLimits_NOMAD_dmu.dat");
    out.push({
      name: "nomad",
      label: "NOMAD",
      kind: "exclusion",
      title: "NOMAD (single photon search), excluded region",
      panels: ["universal"],
      lines: [
        "source paper: Coloma, Machado, Martinez-Soler, Shoemaker, arXiv:1707.08573 (ref. [27]), NOMAD (ref. [84]); 90% CL; closed polygon as stored",
        `data: ${HNL}, commit f35f05d27eb7ed2677ef3fddce8e3baa778eccbf, data/dipole/mu/NOMAD_dmu.dat (digitised by HNLimits from the summary figure of arXiv:2105.09699); transcribed in sources/HNLimits_NOMAD_dmu.dat`,
        CONVENTION_D + " (assumes arXiv:1707.08573 and the HNLimits table use d of arXiv:1803.03262; not verified, see README)",
        `processing: none besides ${clipNote}; the flat top edge at 5.56e-5 GeV^-1 (HNLimits NOMAD_dmu_top.dat, two points) and the straight segment 9 MeV -> 0.34 GeV are as digitised (sparse points), likely not physical edges`,
        "panel note: nu_mu-beam experiment, universal coupling only",
      ],
      x: s.x,
      y: s.y,
      clip: true,
    });
  }
  {
    const s = readSource("HNLimits_LEPgz_d.dat");
    const r = regionAbove(s.x.map((v) => v * MeV), s.y);
    out.push({
      name: "lep",
      label: "LEP",
      kind: "exclusion",
      title: "LEP (DELPHI gamma + missing E_T), excluded region",
      panels: ["universal", "tau"],
      lines: [
        "source paper: Magill, Plestid, Pospelov, Tsai, arXiv:1803.03262 (ref. [28]), recast of DELPHI single-photon data (ref. [85]), e+e- -> nu N via gamma/Z, N -> nu gamma; 95% CL as stored; flat at mu_N = 2.1e-5 GeV^-1 up to ~10 GeV, rising towards m_Z",
        `data: ${HNL}, commit b05f791ab4cf57f4372999ea6db68502fe9cf636, data/dipole/LEPgz_d.dat (m in MeV; digitised by HNLimits from the summary figure of arXiv:2105.09699); transcribed in sources/HNLimits_LEPgz_d.dat`,
        CONVENTION_D + " (the table is for the hypercharge-type operator, d_gamma with the accompanying d_Z)",
        `processing: m_N MeV -> GeV; region above the curve closed at the top (the noisy digitised points near m_Z lie above the box and are removed by the clipping); ${clipNote}`,
        "panel note: both; production e+e- -> nu N and the invisible nu do not depend on the neutrino flavour",
      ],
      x: r.x,
      y: r.y,
      clip: true,
    });
  }
  {
    const b = readSource("HNLimits_SN1987A_muB_bottom.dat");
    const t = readSource("HNLimits_SN1987A_muB_top.dat");
    const x = [...b.x, ...t.x.slice(1)].map((v) => v * MeV);
    const y = [...b.y, ...t.y.slice(1)].map((v) => v * muBohrTableToMuN);
    x.push(x[0] as number);
    y.push(y[0] as number);
    out.push({
      name: "sn1987a",
      label: "SN1987A",
      kind: "exclusion",
      title: "SN1987A (cooling / trapping), excluded band",
      panels: ["universal", "tau"],
      lines: [
        "source paper: Magill, Plestid, Pospelov, Tsai, arXiv:1803.03262 (ref. [28]); 90% CL as stored; band between a lower (cooling) and an upper (trapping) edge, m_N <~ 0.31 GeV",
        `data: ${HNL}, commits f35f05d27eb7ed2677ef3fddce8e3baa778eccbf (data/dipole/SN1987A_muB_bottom.dat) and b05f791ab4cf57f4372999ea6db68502fe9cf636 (data/dipole/SN1987A_muB_top.dat); m in MeV, coupling in mu_B; digitised by HNLimits from the summary figure of arXiv:2105.09699; transcribed in sources/`,
        CONVENTION_MUB,
        `processing: m_N MeV -> GeV; bottom then top edge joined into one ring (the closing left edge at m_N = 1e-5 GeV is the figure border); ${clipNote}`,
        "panel note: both; HNLimits stores the same SN1987A table for nu_e, nu_mu and nu_tau couplings",
      ],
      x,
      y,
      clip: true,
    });
  }
  {
    const s = readSource("HNLimits_BBN_muB.dat");
    // rows 1..: row 0 is an HNLimits closure (top at 9.9e-5 mu_B); keep the digitised boundary
    // from (2.31569 MeV, 9.9e-8 mu_B) to the last digitised point (151.898 MeV).
    const iEnd = s.x.findIndex((v) => v > 151.9);
    const bx = s.x.slice(1, iEnd);
    const by = s.y.slice(1, iEnd);
    const xLast = bx[bx.length - 1] as number;
    const xTop = bx[0] as number;
    const tinyMu = 1e-18, hugeMu = 1e-1, tinyM = 1e-4; // mu_B and MeV, far outside the box
    const x = [...bx, xLast, tinyM, tinyM, xTop, xTop].map((v) => v * MeV);
    const y = [...by, tinyMu, tinyMu, hugeMu, hugeMu, by[0] as number].map((v) => v * muBohrTableToMuN);
    out.push({
      name: "bbn",
      label: "BBN",
      kind: "exclusion",
      title: "BBN (N abundance and decays), excluded region",
      panels: ["universal", "tau"],
      lines: [
        "source paper: Brdar, Greljo, Kopp, Opferkuch, arXiv:2007.15563 (ref. [38]); digitised boundary for 0.05 MeV < m_N < 152 MeV; excluded: below the lower edge and, for m_N <~ 2.3 MeV, above the upper-left edge (HNLimits' reading of the figure)",
        `data: ${HNL}, commit b05f791ab4cf57f4372999ea6db68502fe9cf636, data/dipole/BBN_muB.dat (m in MeV, coupling in mu_B; digitised by HNLimits from the summary figure of arXiv:2105.09699; its header line says "Borexino", a copy error: the file is the BBN region); transcribed in sources/HNLimits_BBN_muB.dat`,
        CONVENTION_MUB,
        `processing: m_N MeV -> GeV; HNLimits' hand-made extension beyond the last digitised point (rows at 194.07 and 248.07 MeV) dropped: the region is closed vertically at m_N = 151.9 MeV; the vertical edge at m_N = 2.3157 MeV above 9.9e-8 mu_B and the closure below the lower edge are HNLimits' closures (kept); ${clipNote}`,
        "panel note: both; BBN does not depend on the neutrino flavour",
        "not covered: m_N > 0.152 GeV (no digitised data; the BBN bound of arXiv:1803.03262 used for heavier N is not available)",
      ],
      x,
      y,
      clip: true,
    });
  }
  {
    const m = 0.5;
    const lo = 1e-9 * gninenkoMuTrToMuN;
    const hi = 6e-9 * gninenkoMuTrToMuN;
    out.push({
      name: "miniboone_roi_gninenko",
      label: "MiniBooNE RoI (Gninenko)",
      kind: "region-of-interest",
      title: "MiniBooNE region of interest of Gninenko (arXiv:0902.3802): a vertical segment, not a rectangle",
      panels: ["universal"],
      lines: [
        "source paper: S. Gninenko, PRL 103 (2009) 241802, arXiv:0902.3802 (ref. [24]), abstract: m_N around 500 MeV, lifetime <~ 1e-9 s, |U_mu N|^2 = (1-4)e-3, transition moment mu_tr = (1-6)e-9 mu_B",
        "data: rebuilt from that statement (no published table); the mass extent of the rectangle of Fig. 1 of arXiv:2011.04751 is not stated there, so only the segment m_N = 0.5 GeV, mu_N in [mu(1e-9 mu_B), mu(6e-9 mu_B)] is given. OPEN LINE (closed = false)",
        `coupling: mu_N = mu_tr = (mu_tr/mu_B) * e/(2 m_e) = (mu_tr/mu_B) * ${gninenkoMuTrToMuN.toFixed(2)} GeV^-1; with (B.1) this gives tau = 7.5e-10 s at the lower end, consistent with the stated tau <~ 1e-9 s (mu_tr/2 would give 3.0e-9 s)`,
        "the RoI of ref. [28] (arXiv:1803.03262) is not available",
        "panel note: universal (the scenario needs the nu_mu coupling and nu_mu-N mixing)",
      ],
      x: [m, m],
      y: [lo, hi],
      clip: false,
    });
  }
  return out;
}

/** The text of every shipped bound file, keyed by file name. */
export function buildDipoleBounds(): Map<string, string> {
  const files = new Map<string, string>();
  for (const s of specs()) {
    const pts = s.clip ? clipPolygonToLogBox(s.x, s.y, DISPLAY_BOX) : { x: [...s.x], y: [...s.y] };
    if (pts.x.length < 2) throw new RangeError(`${s.name}: nothing left inside the display box`);
    const header = [
      `# name: ${s.name}`,
      `# title: ${s.title}`,
      `# label: ${s.label}`,
      `# kind: ${s.kind}`,
      `# panels: ${s.panels.join(", ")}`,
      ...s.lines.map((l) => `# ${l}`),
      "# built by data/bounds/dipole/build.ts (npx tsx data/bounds/dipole/build.ts)",
      DIPOLE_BOUND_HEADER,
    ];
    const rows = pts.x.map((xi, i) => `${fmt(xi)},${fmt(pts.y[i] as number)}`);
    files.set(`${s.name}.csv`, [...header, ...rows, ""].join("\n"));
  }
  return files;
}

if (require.main === module) {
  for (const [file, text] of buildDipoleBounds()) {
    writeFileSync(path.join(HERE, file), text);
    console.log(`wrote ${path.join(HERE, file)}`);
  }
}
