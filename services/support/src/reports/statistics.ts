/** `value` rounded to `decimals` places, halves away from zero (as PostgreSQL rounds numerics). */
export const roundTo = (value: number, decimals: number) => {
  const factor = 10 ** decimals;
  return (Math.sign(value) * Math.round(Math.abs(value) * factor + Number.EPSILON)) / factor;
};

/** The `p` percentile of ascending values with linear interpolation (PostgreSQL's percentile_cont); null for none. */
export function percentile(sorted: number[], p: number, decimals: number): number | null {
  if (sorted.length === 0) return null;
  const position = (sorted.length - 1) * p;
  const below = sorted[Math.floor(position)]!;
  const above = sorted[Math.ceil(position)]!;
  return roundTo(below + (above - below) * (position - Math.floor(position)), decimals);
}
