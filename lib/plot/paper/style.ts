/** Sizes and axes shared by the paper's figures. */
import type { AxisSpec } from "../figure";

/** Size of the reach plots, px: ≤ 760 wide so that JupyterLab's ≈ 800 px output column shows them unscaled. */
export const REACH_SIZE = { width: 760, height: 560 } as const;
/** Characters per subtitle line at the reach-plot width (11 px font). */
export const FIG_SUBTITLE_CHARS = 110;


/** Axes of the dipole reach plane (m_N, μ_N), Fig. 1 and its FPF version: the paper's ranges, 1 MeV–10 GeV and 10⁻¹⁰–10⁻³ GeV⁻¹. */
export const DIPOLE_REACH_AXES: { readonly x: AxisSpec; readonly y: AxisSpec } = {
  x: { title: "m<sub>N</sub> [GeV]", log: true, range: [1e-3, 10] },
  y: { title: "μ<sub>N</sub> [GeV<sup>−1</sup>]", log: true, range: [1e-10, 1e-3] },
};
