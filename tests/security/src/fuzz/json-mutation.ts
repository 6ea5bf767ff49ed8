type Step = string | number;

/** Every path into a JSON value, the value itself first: where a mutation can strike. */
export function pathsOf(value: unknown, at: Step[] = []): Step[][] {
  const inner = Array.isArray(value)
    ? value.flatMap((item, i) => pathsOf(item, [...at, i]))
    : value && typeof value === 'object'
      ? Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...at, key]))
      : [];
  return [at, ...inner];
}

/** A copy of `value` with the node at `path` replaced, or removed when no replacement is given. */
export function mutateAt(value: unknown, path: Step[], replacement?: { with: unknown }): unknown {
  if (path.length === 0) return replacement?.with;
  const [step, ...rest] = path as [Step, ...Step[]];
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<Step, unknown>;
  if (rest.length === 0 && !replacement) {
    if (Array.isArray(copy)) copy.splice(Number(step), 1);
    else delete copy[step];
    return copy;
  }
  copy[step] = mutateAt(copy[step], rest, replacement);
  return copy;
}
