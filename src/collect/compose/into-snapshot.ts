/**
 * Compose files into a snapshot's `hostServices`: for a live run, and for `--snapshot` lints given
 * `--compose` (a snapshot collected without compose files, linted where the files are).
 */
import { UsageError } from '../../errors.js';
import type { Snapshot } from '../../snapshot/types.js';
import { readComposeFiles, type ComposeEnv, type ComposeProblem } from './read.js';

/**
 * The snapshot with the compose files' host services appended after the ones it holds (node
 * inventory), so entries already there keep their place (and their line in a saved file). A snapshot
 * that already holds compose entries is refused: two readings of the same files would disagree.
 */
export function withComposeFiles(snapshot: Snapshot, specs: string[], opts: { cwd: string; env: ComposeEnv; snapshotName?: string }): { snapshot: Snapshot; problems: ComposeProblem[] } {
  if (specs.length === 0) return { snapshot, problems: [] };
  if ((snapshot.hostServices ?? []).some((h) => h.source === 'compose')) {
    throw new UsageError(
      `${opts.snapshotName ?? 'the snapshot'} already holds host services read from compose files: lint it without --compose (or without compose entries in the config), or collect it again without them`,
    );
  }
  const known = new Set((snapshot.nodes ?? []).map((n) => n.id));
  const composed = readComposeFiles(specs, { cwd: opts.cwd, env: opts.env, knownNodeIds: known });
  return {
    snapshot: {
      ...snapshot,
      hostServices: [...(snapshot.hostServices ?? []), ...composed.hostServices],
      meta: { ...snapshot.meta, notRequested: (snapshot.meta.notRequested ?? []).filter((s) => s !== 'hostServices') },
    },
    problems: composed.problems,
  };
}
