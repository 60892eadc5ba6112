/**
 * How a Terway target's node pools pair with its Flannel source's: by name (blue/green keeps the old
 * pool's name for the new one). A name held by more than one pool on either side pairs nothing, so
 * no pool ever stands for two.
 */
export function counterpartPool<T extends { name: string }>(pool: T, ownPools: readonly T[] | undefined, otherPools: readonly T[] | undefined): T | undefined {
  const theirs = (otherPools ?? []).filter((p) => p.name === pool.name);
  if (theirs.length !== 1) return undefined;
  if ((ownPools ?? []).filter((p) => p.name === pool.name).length > 1) return undefined;
  return theirs[0];
}
