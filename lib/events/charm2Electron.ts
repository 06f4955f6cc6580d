/**
 * Full events of N e⁻ → N e⁻ in CHARM-II with N from Z_D → N N̄, the Z_D made at the 450 GeV SPS
 * beam dump (π⁰/η decays, bremsstrahlung): the CHARM-II line of Fig. 4 (right) of arXiv:2011.04751
 * (§5; heavyZDMassPoint's "charm2", lib/ip/charm2.ts, docs/derivations/fig4.md §5).
 *
 *  - Z_D → N N̄ as the FASER stream (lib/events/fig4Ip.ts recordZDPair): a Z_D cell of the
 *    quadrature's histogram drawn ∝ its N count through the CHARM-II face, the Z_D azimuth uniform,
 *    the decay isotropic (unpolarised), redrawn until the followed N crosses the 3.7 × 3.7 m² face
 *    with E_N ≥ max(1, E_e,min − m_e); N or N̄ followed with probability ½;
 *  - survival to the face along the N line, the scattering point uniform in depth over the 35.67 m
 *    calorimeter along the N line, the recoil T from dσ/dT (corrected (A.12), ERRATA E7) inside
 *    3 < E_e < 24 GeV at any angle (the quadrature's window), θ_e from the elastic kinematics of
 *    the massive N, N′ = N + e − e′ (lib/events/fig4IpElectron.ts nElectronScattering).
 *
 * Event frame (mm, ns·c = mm): origin at the centre of the CHARM-II front face, z along the SPS
 * proton beam (the target–detector axis; CHARM-II sat on the WANF beam axis), the Be target T9
 * a point at z = −820 m (its 1 m length and the beam spot neglected, as in the quadrature), t = 0
 * when a light-speed particle from the target reaches the face. The transverse distribution is the
 * one the Z_D kinematics give (the meson and brem spectra are azimuthally symmetric about the beam):
 * no beam smearing. An N leaving through the side within the 35.67 m is kept (≤ 8 cm lateral drift;
 * the quadrature's N_e/side² per N through the face assumes the same).
 *
 * Weights (events for the exposure, 1.5e19 POT by default): weight = weight_unselected =
 * production × survival_probability × interaction_probability (σ_window(E_N) N_e/side²), selection = 1.
 */
import type { DarkBosonModel } from "../models/darkBoson";
import { type Charm2SamplingOptions, CHARM2_DEPTH, charm2ElectronTarget, zdCharm2Cells } from "../models/darkBoson/fig4/samplingCharm2";
import { CHARM2_DEFAULTS } from "../ip/charm2";
import { m, tonne } from "../core/units";
import type { Fig4IpStreamOptions } from "./fig4Ip";
import { zdElectronStream } from "./fig4IpElectron";
import type { EventStream } from "./record";

/** A length or mass converted back to m or t for the metadata, to 12 digits (3.7 m, not 3.7000000000000006). */
const round12 = (x: number): number => Number(x.toPrecision(12));

/** Options of {@link charm2ZDElectronStream}: n, seed, SM decays in the width (default true), meta, and the CHARM-II inputs. */
export type Charm2ElectronOptions = Omit<Fig4IpStreamOptions, "energyCut"> & Charm2SamplingOptions;

/**
 * CHARM-II N e → N e events at U2 (module comment): weights sum to
 * heavyZDMassPoint(template, setup, { charm2: { hadronsDir, params, production } }).events("charm2", U2)
 * within statistical errors (tested). `production` = (Σ cells' N through the face)/n for every event.
 */
export function charm2ZDElectronStream(template: DarkBosonModel, U2: number, opts: Charm2ElectronOptions): EventStream {
  const p = opts.params ?? CHARM2_DEFAULTS;
  const base = { n: opts.n, seed: opts.seed, ...(opts.smDecays !== undefined ? { smDecays: opts.smDecays } : {}) };
  const stream = zdElectronStream(template, charm2ElectronTarget(p), () => zdCharm2Cells(template, opts), "CHARM-II", U2, base, "charm2");
  const { electron_angle_cuts: _angle, ...shared } = stream.meta;
  const meta = {
    ...shared,
    detector: "charm2",
    frame: "origin at the CHARM-II front-face centre, z along the SPS beam, target at z = -distance",
    pot: p.pot,
    interactions_per_pot: p.interactionsPerPOT,
    beam_energy_GeV: p.beamEnergy,
    distance_m: round12(p.distance / m),
    side_m: round12(p.side / m),
    depth_m: round12(CHARM2_DEPTH / m),
    fiducial_mass_t: round12(p.fiducialMass / tonne),
    recoil_window_GeV: [p.EeMin, p.EeMax],
    ...(opts.meta ?? {}),
  };
  return { ...stream, meta };
}
