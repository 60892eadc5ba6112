/** Whether the snapshot holds the sections a rule needs, for one subject, and if not, why. */
import type { Localized } from '../model/types.js';
import type { CollectionError, SectionName, Snapshot } from '../snapshot/types.js';

export type Availability =
  | { kind: 'available' }
  | { kind: 'not-requested'; reason: Localized }
  | { kind: 'missing'; reasons: Localized[] };

const notRequestedText: Partial<Record<SectionName, Localized>> = {
  hostServices: {
    en: 'host services were not requested for this snapshot: no compose files and no node inventory',
    'zh-CN': '该快照未请求采集主机服务：未提供 compose 文件，也未进行节点巡检',
  },
};

function describeError(e: CollectionError): Localized {
  const what = `${e.source} failed (${e.kind}${e.code ? ` ${e.code}` : ''}${e.requestId ? `, request ${e.requestId}` : ''})`;
  // Only a permission error is fixed by granting the action; throttling or a timeout is not.
  const grant = e.action && e.kind === 'permission' ? `; grant ${e.action}` : '';
  return {
    en: `${e.section}${e.clusterId ? ` of ${e.clusterId}` : ''}: ${what}${grant}`,
    'zh-CN': `${e.section}${e.clusterId ? `（${e.clusterId}）` : ''}：${e.source} 调用失败（${e.kind}${e.code ? ` ${e.code}` : ''}${e.requestId ? `，请求 ${e.requestId}` : ''}）${e.action && e.kind === 'permission' ? `；请授予 ${e.action}` : ''}`,
  };
}

export function availabilityOf(snapshot: Snapshot, sections: readonly SectionName[], clusterIds: readonly string[]): Availability {
  const reasons: Localized[] = [];
  for (const section of sections) {
    // A node that could not be inspected leaves hostServices complete for the others: the
    // collection reports it as a gap. Any other section is incomplete whatever the error names.
    const relevant = snapshot.errors.filter(
      (e) => e.section === section && !(section === 'hostServices' && e.nodeId !== undefined) && (e.clusterId === undefined || clusterIds.includes(e.clusterId)),
    );
    if (snapshot[section] === undefined) {
      if (snapshot.meta.notRequested?.includes(section)) {
        return {
          kind: 'not-requested',
          reason: notRequestedText[section] ?? { en: `${section} was not requested`, 'zh-CN': `未请求采集 ${section}` },
        };
      }
      if (relevant.length > 0) reasons.push(...relevant.map(describeError));
      else reasons.push({ en: `${section} is not in the snapshot`, 'zh-CN': `快照中没有 ${section}` });
    } else {
      reasons.push(...relevant.map(describeError));
    }
  }
  return reasons.length > 0 ? { kind: 'missing', reasons } : { kind: 'available' };
}
