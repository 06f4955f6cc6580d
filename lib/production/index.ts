/**
 * Primary production of a dark-photon-like Z_D at the ATLAS IP and its e⁺e⁻ signal in
 * FASER 2: forward-meson tables (shipped, the default) and the embedded fit, M → γ Z_D, FWW proton
 * bremsstrahlung, and the decay-in-vessel event count.
 */
export * from "./table";
export * from "./mesons";
export * from "./mesonDecay";
export * from "./bremsstrahlung";
export * from "./primary";
export * from "./mixing";
export * from "./charm2";
