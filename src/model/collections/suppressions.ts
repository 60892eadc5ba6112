import type { CollectionDef, ModelItem } from '../types.js';

/**
 * The config's suppressions and what they did, built after the other rules ran. A suppression that
 * names a cluster belongs to the subject of that cluster; one that names none, to the first subject.
 */
export const suppressions: CollectionDef = {
  name: 'suppressions',
  description: 'The suppressions of the config file, whether they expired and how many findings they matched.',
  sections: [],
  phase: 'after-findings',
  schema: {
    clusterId: 'string',
    rule: 'string',
    resource: 'string',
    cluster: 'string',
    reason: 'string',
    owner: 'string',
    /** YYYY-MM-DD, or "" when it never expires. */
    expires: 'string',
    expired: 'bool',
    /** Findings it matched in this run (an expired one no longer suppresses them). */
    matched: 'int',
    file: 'string',
    line: 'int',
  },
  applicability(_subject, state) {
    if (state && state.suppressions.length > 0) return { kind: 'applicable' };
    return { kind: 'not-applicable', reason: { en: 'no suppressions are configured', 'zh-CN': '未配置任何抑制规则' } };
  },
  build(subject, _index, _snapshot, state) {
    if (!state) return { kind: 'items', items: [], gaps: [] };
    // A suppression naming a cluster of no subject (a typo, or a cluster out of scope) would match
    // nothing anywhere: it goes to the first subject, like one that names no cluster.
    const owner = (cluster: string | undefined) =>
      cluster !== undefined && state.subjectIds.some((id) => id === cluster || state.sourceOf?.[id] === cluster) ? cluster : undefined;
    const mine = (cluster: string | undefined) => {
      const c = owner(cluster);
      return c ? c === subject.clusterId || c === subject.sourceClusterId : subject.clusterId === state.subjectIds[0];
    };
    const items: ModelItem[] = state.suppressions
      .filter((s) => mine(s.suppression.cluster))
      .map(({ suppression: s, expired, matched }) => ({
        fields: {
          clusterId: subject.clusterId,
          rule: s.rule,
          resource: s.resource,
          cluster: s.cluster ?? '',
          reason: s.reason,
          owner: s.owner ?? '',
          expires: s.expires ?? '',
          expired,
          matched,
          file: s.file,
          line: s.line,
        },
        target: { kind: 'suppression', id: `${s.file}:${s.line}`, name: `${s.rule} ${s.resource}` },
        location: { file: s.file, line: s.line },
      }));
    return { kind: 'items', items, gaps: [] };
  },
};
