/** Minutes as people read hours: `3h 30m`, `45m`, `0h`. */
export function hoursOf(minutes: number): string {
  const sign = minutes < 0 ? '-' : '';
  const abs = Math.abs(minutes);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  if (h === 0 && m > 0) return `${sign}${m}m`;
  return `${sign}${h}h${m ? ` ${String(m).padStart(2, '0')}m` : ''}`;
}
