import { describe, expect, it } from 'vitest';
import { terwayApplicability } from '../../src/model/terway-applicability.js';
import type { Subject } from '../../src/model/subjects.js';
import type { Cluster, NetworkPlugin } from '../../src/snapshot/types.js';

function subject(networkPlugin: NetworkPlugin): Subject {
  const cluster: Cluster = { id: 'c-1', name: 'one', region: 'cn-hangzhou', networkPlugin, addons: [], vpcId: 'vpc-1', nodeVSwitchIds: [] };
  return { clusterId: 'c-1', cluster, role: 'standalone' };
}
const whyNot = (id: string, plugin: string) => ({ en: `${id} runs ${plugin}`, 'zh-CN': `${id} 使用 ${plugin}` });

describe('terwayApplicability', () => {
  it.each([
    { plugin: 'terway' as const, kind: 'applicable' },
    { plugin: 'flannel' as const, kind: 'not-applicable' },
    { plugin: 'unknown' as const, kind: 'unknown' },
  ])('$plugin → $kind', ({ plugin, kind }) => {
    expect(terwayApplicability(subject(plugin), whyNot).kind).toBe(kind);
  });

  it('gives the caller’s reason for a Flannel cluster and its own for an unknown plugin', () => {
    expect(terwayApplicability(subject('flannel'), whyNot)).toEqual({ kind: 'not-applicable', reason: whyNot('c-1', 'flannel') });
    const unknown = terwayApplicability(subject('unknown'), whyNot);
    expect(unknown.kind === 'unknown' && unknown.reason.en).toMatch(/network plugin of c-1 is unknown/);
  });

  it('leaves a cluster missing from the snapshot to the engine (applicable here)', () => {
    expect(terwayApplicability({ clusterId: 'c-x', role: 'standalone' }, whyNot).kind).toBe('applicable');
  });
});
