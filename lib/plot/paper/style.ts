/** Sizes shared by the paper's figures. */

/** Size of the reach plots, px: ≤ 760 wide so that JupyterLab's ≈ 800 px output column shows them unscaled. */
export const REACH_SIZE = { width: 760, height: 560 } as const;
/** Characters per subtitle line at the reach-plot width (11 px font). */
export const FIG_SUBTITLE_CHARS = 110;

