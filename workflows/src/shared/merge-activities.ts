// eslint-disable-next-line @typescript-eslint/no-explicit-any -- activities take and return anything serializable
export type Activities = Record<string, (...args: any[]) => Promise<unknown>>;

/**
 * Joins each process's activities into the one set the worker registers. Temporal finds an
 * activity by name alone, so two processes offering the same name would silently run one of them
 * for the other: that is refused here, when the worker starts.
 */
export function mergeActivities(byProcess: Record<string, Activities>): Activities {
  const merged: Activities = {};
  const ownerOf = new Map<string, string>();
  for (const [process, activities] of Object.entries(byProcess)) {
    for (const [name, activity] of Object.entries(activities)) {
      const owner = ownerOf.get(name);
      if (owner) throw new Error(`activity ${name} is offered by both ${owner} and ${process}: give one of them another name`);
      ownerOf.set(name, process);
      merged[name] = activity;
    }
  }
  return merged;
}
