/** Rule files are checked at load: every problem names the file and the line. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RuleLoadError } from '../../src/errors.js';
import { BUILT_IN_RULES_DIR, loadRules } from '../../src/rules/load.js';

const good = readFileSync(join(BUILT_IN_RULES_DIR, 'pod-vswitch-without-snat.yaml'), 'utf8');

function loadOne(text: string, name = 'pod-vswitch-without-snat') {
  const dir = mkdtempSync(join(tmpdir(), 'rules-'));
  writeFileSync(join(dir, `${name}.yaml`), text);
  return () => loadRules([{ dir, builtIn: false }], { relativeTo: dir });
}

function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((l) => l.includes(needle)) + 1;
}

describe('loadRules', () => {
  it('loads a well-formed user rule', () => {
    const [rule] = loadOne(good)();
    expect(rule!.meta.id).toBe('pod-vswitch-without-snat');
    expect(rule!.builtIn).toBe(false);
    expect(rule!.docsUrl).toBeUndefined();
  });

  const bad: [string, string, (t: string) => string, RegExp, string?][] = [
    ['a YAML syntax error', 'YAML error', (t) => t.replace('severity: error', 'severity: [error'), /pod-vswitch-without-snat\.yaml:\d+: YAML error/],
    ['an unknown field', 'unknown field', (t) => t.replace('category: egress', 'category: egress\nseverty: warning'), /pod-vswitch-without-snat\.yaml:4: unknown field "severty"/],
    ['an unknown nested field', 'unknown field', (t) => t.replace('  en: Pod vSwitch has no SNAT', '  fr: bonjour\n  en: Pod vSwitch has no SNAT'), /:5: unknown field "title\.fr"/],
    ['a missing language', 'missing', (t) => t.replace(/title:\n  en: [^\n]*\n  zh-CN: [^\n]*\n/, 'title:\n  en: Only English here\n'), /:4: missing field "title\.zh-CN"/],
    ['a bad severity', 'severity', (t) => t.replace('severity: error', 'severity: fatal'), /:2: severity must be one of error, warning, info/],
    ['a CEL syntax error', 'CEL', (t) => t.replace('when: size(item.snatEntryIds) == 0', 'when: size(item.snatEntryIds) == '), /:\d+: CEL error in "size\(item\.snatEntryIds\) =="/, 'when:'],
    ['a CEL type error', 'CEL', (t) => t.replace('when: size(item.snatEntryIds) == 0', 'when: item.availableIpCount > "many"'), /CEL error in "item\.availableIpCount > \\"many\\""|CEL error in "item\.availableIpCount > "many"": no such overload/, 'when:'],
    ['a when that is not bool', 'bool', (t) => t.replace('when: size(item.snatEntryIds) == 0', 'when: item.cidr'), /"item\.cidr" must be a bool expression, it is string/, 'when:'],
    ['an unknown placeholder', 'placeholder', (t) => t.replace('Pods on pod vSwitch {{ item.id }}', 'Pods on pod vSwitch {{ item.vswitchName }}'), /CEL error in "item\.vswitchName": No such key: vswitchName/],
    ['an unclosed placeholder', 'placeholder', (t) => t.replace("nodes' EIPs or public IPs.\n", "nodes' EIPs or public IPs. {{ item.id\n"), /:\d+: message: unclosed "\{\{" at character \d+/],
    ['an unknown collection', 'for', (t) => t.replace('for: podVSwitches', 'for: podSwitches'), /: unknown collection "podSwitches"; known: .*podVSwitches/, 'for:'],
    ['requires that omits a section the collection reads', 'requires', (t) => t.replace('requires: [clusters, vswitches, natGateways, snatEntries, eniConfigs]', 'requires: [clusters, vswitches]'), /requires must list natGateways, snatEntries, eniConfigs/, 'requires:'],
    ['an unknown section in requires', 'requires', (t) => t.replace('requires: [clusters, vswitches, natGateways, snatEntries, eniConfigs]', 'requires: [clusters, vswitch]'), /requires\.1 must be one of/, 'requires:'],
  ];
  for (const [what, , mutate, pattern, lineNeedle] of bad) {
    it(`rejects ${what} with file and line`, () => {
      const text = mutate(good);
      expect(text).not.toBe(good);
      const load = loadOne(text);
      expect(load).toThrow(RuleLoadError);
      expect(load).toThrow(pattern);
      if (lineNeedle) expect(load).toThrow(new RegExp(`\\.yaml:${lineOf(text, lineNeedle)}: `));
    });
  }

  it('compiles severityWhen and rejects a level that is not below the rule severity', () => {
    const [rule] = loadOne(good.replace('when: size(item.snatEntryIds) == 0', 'when: size(item.snatEntryIds) == 0\nseverityWhen:\n  warning: item.availableIpCount < 100'))();
    expect(rule!.severityWhen.map(([level]) => level)).toEqual(['warning']);
    const text = good.replace('severity: error', 'severity: warning').replace('when: size(item.snatEntryIds) == 0', 'when: size(item.snatEntryIds) == 0\nseverityWhen:\n  warning: "true"');
    expect(loadOne(text)).toThrow(/:\d+: severityWhen\.warning must be below the rule's severity warning/);
    expect(loadOne(good.replace('when: size(item.snatEntryIds) == 0', 'when: size(item.snatEntryIds) == 0\nseverityWhen:\n  info: item.cidr'))).toThrow(/"item\.cidr" must be a bool expression/);
  });

  it('rejects an id that differs from the file name', () => {
    expect(loadOne(good, 'other-name')).toThrow(/other-name\.yaml:1: id "pod-vswitch-without-snat" must equal the file name "other-name"/);
  });

  it('rejects a rule id defined twice across folders', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-'));
    writeFileSync(join(dir, 'pod-vswitch-without-snat.yaml'), good);
    expect(() => loadRules([{ dir: BUILT_IN_RULES_DIR, builtIn: true }, { dir, builtIn: false }])).toThrow(/is already defined in/);
  });

  it('rejects a rules folder that does not exist', () => {
    expect(() => loadRules([{ dir: '/nonexistent/rules', builtIn: false }])).toThrow(/\/nonexistent\/rules: no such rules folder/);
  });
});
