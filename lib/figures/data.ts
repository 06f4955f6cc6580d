/**
 * The paper's figures as data: lines, regions and histograms ready to plot or export. This is
 * the `figures` namespace of the main entry (`import { figures } from "nudump"`): no plot
 * builders, no worker threads. The full namespace (with fig1Figure … and runMassTasks) is
 * lib/figures/index.ts, exported as `figures` from `nudump/plot`.
 */
export * from "./fig1";
export * from "./fig2";
export * from "./fig3";
export * from "./fig4";
export * from "./fig4Checks";
export * from "./polarisation";
export * from "./fpf";
