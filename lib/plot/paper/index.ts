/** The paper's figures as plotly figures, built from the data of lib/figures (pure). */
export * from "./bounds";
export * from "./fig1";
export * from "./fig2";
export * from "./fig3";
export * from "./fig4";
export * from "./detector";
export * from "./fpf";
