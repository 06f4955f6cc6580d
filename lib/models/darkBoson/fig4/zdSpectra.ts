/**
 * The Z_D → N N̄ spectra of the heavy-Z_D mass point (Fig. 4 of arXiv:2011.04751, signatures D
 * and E of heavyZD.ts): N through the FASER 2 vessel's front disc, the FASERν2 face and CHARM-II,
 * from Z_D made at the IP or the SPS (lib/ip; the N direction integrated in acceptance.ts), and
 * their cache across calls (issue 15). Units: GeV, GeV⁻¹ for lengths.
 */
import type { Detector } from "../../../detector/geometry";
import type { DarkBosonModel } from "..";
import { m_e } from "../../../core/constants";
import { CHARM2_DEFAULTS, charm2Face, charm2ZDProduction } from "../../../ip/charm2";
import type { PrimaryOptions } from "../../../ip/primary";
import { boundedCache, spectrumKey } from "../../../ip/inputKey";
import { type DetectorFace, nSpectraFromZDThroughFaces, type ZDProductionInputs } from "./acceptance";
import type { HeavyZDMassPoint, HeavyZDOptions, HeavyZDSignature, NEnergySpectrum } from "./heavyZD";

/** The Z_D spectra of a mass point. */
export type ZDSpectra = Pick<HeavyZDMassPoint["spectra"], "zdVessel" | "zdFace" | "zdCharm2">;

/** Production inputs with their meson tables as cache keys (lib/ip/inputKey spectrumKey). */
function productionKey(prod: Pick<PrimaryOptions, "mesonSpectra"> & object): unknown {
  const { mesonSpectra, ...rest } = prod;
  return { ...rest, mesonSpectra: mesonSpectra && Object.fromEntries(Object.entries(mesonSpectra).map(([k, v]) => [k, v && spectrumKey(v)])) };
}

/** A value with every non-finite number written as a string (CHARM2_DEFAULTS has EThetaSqMax = Infinity; stable JSON keys need finite numbers). */
function finiteKey(x: unknown): unknown {
  if (typeof x === "number") return Number.isFinite(x) ? x : String(x);
  if (Array.isArray(x)) return x.map(finiteKey);
  if (x !== null && typeof x === "object" && !ArrayBuffer.isView(x)) return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, finiteKey(v)]));
  return x;
}

/**
 * The Z_D → N N̄ spectra reused across calls with equal inputs (issue 15): they do not depend on
 * the neutrino flux, so e.g. the `current` preset's mass point reuses the `paper` preset's.
 * Keyed by every input of {@link zdSpectraUncached} (the meson tables by identity or content).
 */
const zdSpectraCache = boundedCache<ZDSpectra>(256);

/** D and E: the Z_D → N N̄ spectra through the vessel disc, the FASERν2 face and CHARM-II (those wanted; none if m_ZD ≤ 2 m_N). */
export function zdSpectra(model: DarkBosonModel, brZDtoNN: number, det: Detector, want: ReadonlySet<HeavyZDSignature>, Ecut: number, opts: HeavyZDOptions): ZDSpectra {
  if (!(model.mZD > 2 * model.mN)) return {};
  const { charm2 } = opts;
  const charmProd = charm2 && want.has("charm2") ? { ...charm2ZDProduction(charm2.hadronsDir, charm2.params ?? CHARM2_DEFAULTS), ...(charm2.production ?? {}) } : null;
  const key = {
    mZD: model.mZD,
    eps: model.eps,
    mN: model.mN,
    brZDtoNN,
    det,
    want: [...want].filter((s) => s === "zd-vessel" || s === "zd-elastic" || s === "charm2").sort(),
    Ecut,
    acceptance: opts.zdAcceptance,
    ip: productionKey(opts.zdProduction ?? {}),
    charm2: charmProd && { params: charm2!.params ?? CHARM2_DEFAULTS, production: productionKey(charmProd) },
  };
  return zdSpectraCache(finiteKey(key), () => zdSpectraUncached(model, brZDtoNN, det, want, Ecut, opts));
}

function zdSpectraUncached(model: DarkBosonModel, brZDtoNN: number, det: Detector, want: ReadonlySet<HeavyZDSignature>, Ecut: number, opts: HeavyZDOptions): ZDSpectra {
  const out: { zdVessel?: NEnergySpectrum; zdFace?: NEnergySpectrum; zdCharm2?: NEnergySpectrum } = {};
  const { faceEnergyMin, ...acc } = opts.zdAcceptance ?? {};
  const prodIP = { ...(opts.zdProduction ?? {}), luminosity: det.luminosity };
  const spectra = (faces: Parameters<typeof nSpectraFromZDThroughFaces>[4], prod: Parameters<typeof nSpectraFromZDThroughFaces>[5]) => nSpectraFromZDThroughFaces(model.mZD, model.eps, model.mN, brZDtoNN, faces, prod, acc);
  const spectrum = (face: DetectorFace, prod: ZDProductionInputs, energyMin: number) => spectra([{ face, energyMin }], prod)[0]!;
  // N entering the vessel's front disc (R at L₁) with E_N > E_cut (the visible energy needs it) and the FASERν2 face: one meson-decay pass
  const ip: { key: "zdVessel" | "zdFace"; face: DetectorFace; energyMin: number }[] = [];
  if (want.has("zd-vessel")) ip.push({ key: "zdVessel", face: { shape: "disc", radius: det.vessel.radius, distance: det.target.distanceFromIP + det.vessel.start }, energyMin: Math.max(1, Ecut) });
  if (want.has("zd-elastic")) ip.push({ key: "zdFace", face: { shape: "square", halfWidth: det.target.side / 2, distance: det.target.distanceFromIP }, energyMin: faceEnergyMin ?? FACE_ENERGY_MIN });
  spectra(ip, prodIP).forEach((sp, i) => (out[ip[i]!.key] = sp));
  // CHARM-II: N through the 3.7 × 3.7 m² front face; E_N ≥ T + m_N > E_e,min − m_e
  if (opts.charm2 && want.has("charm2")) {
    const cp = opts.charm2.params ?? CHARM2_DEFAULTS;
    const prod = { ...charm2ZDProduction(opts.charm2.hadronsDir, cp), ...(opts.charm2.production ?? {}) };
    out.zdCharm2 = spectrum(charm2Face(cp), prod, Math.max(1, cp.EeMin - m_e));
  }
  return out;
}

/**
 * Lowest N energy kept for the FASERν2 face (zd-elastic), GeV: 10; lowering it to 3 GeV
 * changes no count by more than 0.1 % (docs/derivations/fig4.md §3).
 */
export const FACE_ENERGY_MIN = 10;

