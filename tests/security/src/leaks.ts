/** The home tenant's strings found in a response: its ids, customer id, subjects, bodies, emails. */
export function leakedMarkers(text: string, markers: readonly string[]): string[] {
  return markers.filter((marker) => text.includes(marker) || text.includes(JSON.stringify(marker).slice(1, -1)));
}
