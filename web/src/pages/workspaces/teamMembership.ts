/** What to send to make a team's members `wanted`: PUT for `add`, DELETE for `remove`, in a stable order. */
export function planMembership(current: readonly string[], wanted: ReadonlySet<string>): { add: string[]; remove: string[] } {
  const have = new Set(current);
  return {
    add: [...wanted].filter((id) => !have.has(id)).sort(),
    remove: current.filter((id) => !wanted.has(id)),
  };
}
