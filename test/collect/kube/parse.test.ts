import { describe, expect, it } from 'vitest';
import { mergePatch, parseDynamicEniConfig, parseEniConfig } from '../../../src/collect/kube/eni-config.js';
import { instanceIdOf } from '../../../src/collect/kube/reduce.js';

const conf = (o: Record<string, unknown>) => JSON.stringify(o);

describe('parseEniConfig', () => {
  it('defaults: ipv4, no trunk, no prefix, no datapath, no portmap, networkPolicyDisabled absent', () => {
    expect(parseEniConfig({ eni_conf: conf({ vswitches: {} }) }, 'c-1')).toEqual({
      ok: true,
      eniConfig: { id: 'kube-system/eni-config', clusterId: 'c-1', vswitches: {}, securityGroups: [], trunk: false, prefix: false, ipStack: 'ipv4', portmapChain: false },
    });
  });

  it.each([
    [{ eni_conf: conf({ enable_eni_trunking: 'true' }) }, { trunk: true }],
    [{ eni_conf: conf({ security_groups: ['sg-2', 'sg-3'], security_group: 'sg-1' }) }, { securityGroups: ['sg-1', 'sg-2', 'sg-3'] }],
    [{ eni_conf: conf({}), disable_network_policy: 'false' }, { networkPolicyDisabled: false }],
    [{ eni_conf: conf({}), '10-terway.conflist': conf({ plugins: [{ type: 'terway', eniip_virtual_type: 'Veth' }] }) }, { datapath: 'Veth', portmapChain: false }],
    [{ eni_conf: conf({}), '10-terway.conf': conf({ eniip_virtual_type: 'datapathv2' }), '10-terway.conflist': conf({ plugins: [{ type: 'terway', eniip_virtual_type: 'Veth' }, { type: 'portmap' }] }) }, { datapath: 'datapathv2', portmapChain: true }],
  ])('%j', (data, expected) => {
    const r = parseEniConfig(data, 'c-1');
    expect(r.ok && r.eniConfig).toMatchObject(expected);
  });

  it.each([
    [{}, 'eni_conf', /missing/],
    [{ eni_conf: '[1]' }, 'eni_conf', /not a JSON object/],
    [{ eni_conf: conf({ vswitches: { z: 'vsw-a' } }) }, 'eni_conf', /"vswitches"."z"/],
    [{ eni_conf: conf({}), '10-terway.conf': '{' }, '10-terway.conf', /not valid JSON/],
    [{ eni_conf: conf({}), '10-terway.conflist': conf({ plugins: {} }) }, '10-terway.conflist', /"plugins"/],
  ])('rejects %j naming %s', (data, key, message) => {
    const r = parseEniConfig(data as Record<string, string>, 'c-1');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.key).toBe(key);
      expect(r.message).toMatch(message);
      expect(r.message).toContain(`key ${key}`);
    }
  });
});

describe('instanceIdOf', () => {
  it.each([
    ['cn-hangzhou.i-bp1abc', 'i-bp1abc'],
    ['alicloud://cn-hangzhou.i-bp1abc', 'i-bp1abc'],
    ['i-bp1abc', 'i-bp1abc'],
    ['aws:///us-east-1a/i-0abc', 'i-0abc'],
    ['', undefined],
    [undefined, undefined],
    ['kind://docker/kind/node', undefined],
  ])('%s → %s', (providerId, id) => expect(instanceIdOf(providerId)).toBe(id));
});

describe('per-node dynamic configs', () => {
  it('merge-patches eni_conf: objects key by key, null deletes, lists and scalars replace', () => {
    expect(mergePatch({ a: 1, b: { c: 2, d: 3 }, l: [1, 2] }, { b: { c: null, e: 4 }, l: [3], f: 'x' })).toEqual({ a: 1, b: { d: 3, e: 4 }, l: [3], f: 'x' });
    expect(mergePatch({ a: 1 }, [1])).toEqual([1]);
    expect(mergePatch('s', { a: { b: 1 } })).toEqual({ a: { b: 1 } });
  });

  it('takes every key but eni_conf from eni-config, and refuses a ConfigMap without eni_conf', () => {
    const base = { eni_conf: JSON.stringify({ vswitches: { z1: ['vsw-1'] }, security_groups: ['sg-1'], access_secret: 'never' }), '10-terway.conf': '{"eniip_virtual_type":"ipvlan"}' };
    const ok = parseDynamicEniConfig('pool-a', { eni_conf: '{"enable_eni_trunking": true}' }, base, 'c-1');
    expect(ok).toEqual({
      ok: true,
      eniConfig: { id: 'kube-system/pool-a', clusterId: 'c-1', terwayConfig: 'pool-a', vswitches: { z1: ['vsw-1'] }, securityGroups: ['sg-1'], securityGroupsListed: 1, trunk: true, prefix: false, ipStack: 'ipv4', datapath: 'ipvlan', portmapChain: false },
    });
    expect(JSON.stringify(ok)).not.toContain('never');
    expect(parseDynamicEniConfig('pool-b', { other: '1' }, base, 'c-1')).toMatchObject({ ok: false, message: 'kube-system/pool-b key eni_conf: missing (Terway refuses a terway-config ConfigMap without it)' });
    expect(parseDynamicEniConfig('pool-c', { eni_conf: '[1]' }, base, 'c-1')).toMatchObject({ ok: false, message: 'kube-system/pool-c key eni_conf: not a JSON object' });
  });
});

describe('security groups as Terway counts them', () => {
  it('keeps the length of security_groups as written next to the merged set', () => {
    const ok = (data: Record<string, string>) => {
      const r = parseEniConfig(data, 'c-1');
      if (!r.ok) throw new Error(r.message);
      return r.eniConfig;
    };
    expect(ok({ eni_conf: conf({ security_group: 'sg-a' }) })).toMatchObject({ securityGroups: ['sg-a'] });
    expect(ok({ eni_conf: conf({ security_group: 'sg-a' }) }).securityGroupsListed).toBeUndefined();
    expect(ok({ eni_conf: conf({ security_group: 'sg-a', security_groups: ['sg-b', 'sg-b', 'sg-a'] }) })).toMatchObject({ securityGroups: ['sg-a', 'sg-b'], securityGroupsListed: 3 });
  });
});

describe('errors never quote eni_conf', () => {
  it('says where the JSON breaks, not what is around it (eni_conf may hold access_secret)', () => {
    const r = parseDynamicEniConfig('pool-a', { eni_conf: '{"access_key":"LTAIabc","access_secret": SuperSecretValue123}' }, { eni_conf: '{}' }, 'c-1');
    expect(r.ok).toBe(false);
    const message = r.ok ? '' : r.message;
    expect(message).toMatch(/^kube-system\/pool-a key eni_conf: not valid JSON( \(at character \d+\))?$/);
    expect(message).not.toContain('Secret');
    expect(message).not.toContain('LTAI');
  });
});

