/**
 * Deprecated path (façade): the setup builder moved to lib/engine/setup.ts (it builds the
 * engine's inputs from detector, flux and preset). Kept only for importers outside this
 * branch's ownership (lib/figures/fig1.ts, lib/figures/fig4.ts, cli/*) until they switch.
 */
export * from "../engine/setup";
