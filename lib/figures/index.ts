/**
 * Façade: every figure's data (lib/figures), its plotly builder (lib/plot/paper) and the
 * worker-thread runner (lib/figures/parallel), as one namespace for the CLI and notebooks
 * (`import { figures } from "nudump/plot"`). It sits at the top layer (see test/layers.test.ts):
 * nothing inside lib/ imports it.
 */
export * from "./data";
export * from "./parallel";
export * from "../plot/paper";
