/** Line numbers in YAML documents, for errors that name the line of a rule or config file. */
import { isMap, isScalar, type Document, type LineCounter } from 'yaml';

/**
 * 1-based line of the value at `path` (or of its key, when `key` is set: useful for unknown or
 * missing fields); falls back to the closest existing parent.
 */
export function lineOfYamlPath(doc: Document, lc: LineCounter, path: (string | number)[], key = false): number {
  for (let n = path.length; n >= 0; n--) {
    const sub = path.slice(0, n);
    if (key && n === path.length && n > 0) {
      const parent = sub.length > 1 ? doc.getIn(sub.slice(0, -1), true) : doc.contents;
      if (isMap(parent)) {
        const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === sub[sub.length - 1]);
        const range = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
        if (range) return lc.linePos(range[0]).line;
      }
      continue;
    }
    const node = (n === 0 ? doc.contents : doc.getIn(sub, true)) as { range?: [number, number, number] } | null;
    if (node?.range) return lc.linePos(node.range[0]).line;
  }
  return 1;
}
