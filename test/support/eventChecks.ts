/** Helpers of the event-stream tests: invariant mass of a four-vector and a χ² of a weighted histogram. */

/** Invariant mass √(E² − p²), GeV (0 for a numerically spacelike vector). */
export const inv = (E: number, px: number, py: number, pz: number): number => Math.sqrt(Math.max(0, E * E - px * px - py * py - pz * pz));

/** χ² of a weighted histogram against expected bin contents, over the bins with entries; with the degrees of freedom. */
export function chi2(h: { sum: number[]; error: number[] }, q: number[]): { chi2: number; dof: number } {
  let c = 0, dof = 0;
  h.sum.forEach((x, b) => {
    if (h.error[b]! > 0) {
      c += (x - q[b]!) ** 2 / h.error[b]! ** 2;
      dof++;
    }
  });
  return { chi2: c, dof };
}
