/**
 * Policy durations as ops write them: a number and a unit (`90s`, `15m`, `1h`, `3d`, `2w`,
 * `1500ms`; a bare number is milliseconds), the short forms of Temporal's duration strings.
 * Pure, so workflow code computes deadlines from them deterministically.
 */
const unitMs = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)?$/;

export function isDuration(text: string): boolean {
  return DURATION.test(text.trim());
}

/** Milliseconds in a duration string; throws on anything `isDuration` refuses. */
export function durationMs(text: string): number {
  const match = DURATION.exec(text.trim());
  if (!match) throw new TypeError(`'${text}' is not a duration such as 90s, 15m, 1h or 3d`);
  return Number(match[1]) * unitMs[(match[2] ?? 'ms') as keyof typeof unitMs];
}

const unitWords = { ms: 'milliseconds', s: 'seconds', m: 'minutes', h: 'hours', d: 'days', w: 'weeks' } as const;

/** A duration as people read it in a mail or a reason: `30d` → "30 days", `1h` → "1 hour". */
export function describeDuration(text: string): string {
  const match = DURATION.exec(text.trim());
  if (!match) throw new TypeError(`'${text}' is not a duration such as 90s, 15m, 1h or 3d`);
  const word = unitWords[(match[2] ?? 'ms') as keyof typeof unitWords];
  return `${match[1]} ${match[1] === '1' ? word.slice(0, -1) : word}`;
}
