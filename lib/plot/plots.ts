/** Deprecated path (kept for cli/ until it imports lib/plot): the plot layer is lib/plot/index.ts. */
export * from "./index";
