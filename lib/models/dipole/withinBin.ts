/**
 * What the model of the flux inside a bin (lib/engine/fluxBins withinBinSlopes) does to the
 * dipole-portal counts: every signature at one model point under each within-bin model.
 */
import { requirePositive } from "../../core/validate";
import { WITHIN_BIN_MODELS, type WithinBinModel } from "../../engine/fluxBins";
import type { DipoleCoupling } from "./model";
import { DIPOLE_SIGNATURES, type DipoleSetup, type DipoleSignature, dipoleEvents, dipoleMassPoint } from "./signatures";

/** One row of {@link withinBinComparison}: a within-bin flux model and the expected events of every signature. */
export interface WithinBinRow {
  readonly model: WithinBinModel;
  readonly events: Record<DipoleSignature, number>;
}

/**
 * Expected events of the dipole signatures (S1 vessel photons, S2 vessel dileptons, S3 ECC
 * photons > 1 and > 3 TeV, S4 electron scattering) at (m_N GeV, μ_N GeV⁻¹) for each model of
 * the flux inside a bin (engine/fluxBins.ts withinBinSlopes), everything else of `setup` fixed:
 * what the choice of within-bin model does to the counts.
 */
export function withinBinComparison(
  mN: number,
  mu: number,
  coupling: DipoleCoupling,
  setup: DipoleSetup,
  models: readonly WithinBinModel[] = WITHIN_BIN_MODELS,
): WithinBinRow[] {
  requirePositive("mu", mu);
  return models.map((model) => {
    const point = dipoleMassPoint(mN, coupling, { ...setup, quadrature: { ...setup.quadrature, withinBin: model } });
    const events = Object.fromEntries(DIPOLE_SIGNATURES.map((s) => [s, dipoleEvents(point, mu, s).events])) as Record<DipoleSignature, number>;
    return { model, events };
  });
}
