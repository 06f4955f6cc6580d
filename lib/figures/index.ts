/** The paper's figures as data: lines, regions and histograms ready to plot or export. */
export * from "./fig1";
export * from "./fig2";
export * from "./parallel";
export * from "./plotting";
export * from "./fig3";
export * from "./fig4";
export * from "./plotBounds";
