/**
 * The Fig. 3 mass points reused across calls (issue 15): a notebook asks for the same (m_N, setup,
 * parameters) in several cells (the benchmark m_N = 0.42 GeV of the spectrum, the primary check
 * and the polarisation; the check masses of the paper and polarised lines). Keyed by every input
 * of {@link darkBosonMassPoint} — m_N, the model parameters, the detector, the flux numbers, the
 * screening and electron-angle-cut switches — so a hit is the point that call would build. A
 * point holds ~10⁵ production nodes (≈ 7–13 MB), hence a bounded least-recently-used cache.
 * Points are shared: treat them as read-only (every function of the chain does).
 */
import { boundedCache } from "../../../ip/inputKey";
import type { SignalSetup } from "../../../engine/setup";
import { requirePositive } from "../../../core/validate";
import { darkBosonMassPoint, type DarkBosonMassPoint, type DarkBosonParams, FIG3_PARAMS } from "./chain";

/** Mass points kept (≈ 0.1–0.2 GB at most). */
export const MASS_POINT_CACHE_SIZE = 16;

const cache = boundedCache<DarkBosonMassPoint>(MASS_POINT_CACHE_SIZE);

/** {@link darkBosonMassPoint}, reused when every input equals an earlier call's (module comment). */
export function darkBosonMassPointCached(mN: number, setup: SignalSetup, params: DarkBosonParams = FIG3_PARAMS): DarkBosonMassPoint {
  requirePositive("mN", mN); // before the key: a bad mass is named as such
  const key = { mN, params, detector: setup.detector, flux: setup.flux, screening: setup.screening ?? false, electronAngleCuts: setup.electronAngleCuts !== false };
  return cache(key, () => darkBosonMassPoint(mN, setup, params));
}
