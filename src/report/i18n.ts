/** Fixed report wording in every supported language. Rule text lives in the rule files. */
import type { Lang } from '../model/types.js';

const en = {
  colon: ': ',
  semicolon: '; ',
  snapshot: 'snapshot',
  collected: 'collected',
  replaces: 'replaces',
  severity: { error: 'ERROR', warning: 'WARNING', info: 'INFO' },
  findings: (n: number) => (n === 1 ? '1 finding' : `${n} findings`),
  fix: 'Fix',
  docs: 'Docs',
  notEvaluated: 'Not evaluated (data missing, so readiness is unknown)',
  notApplicable: 'Not applicable',
  partly: '(partly: its findings are above, these items could not be checked)',
  inBaseline: '(in baseline: does not fail the run)',
  suppressed: (n: number) => `Suppressed: ${n} finding${n === 1 ? '' : 's'}`,
  showSuppressedHint: '(--show-suppressed lists them)',
  reason: 'reason',
  owner: 'owner',
  expires: 'expires',
  noSubjects: 'The snapshot names no cluster to check (meta.scope is empty).',
  verdict: { ready: 'READY', 'not-ready': 'NOT READY', incomplete: 'INCOMPLETE' },
  counts: (e: number, w: number, i: number) => `${e} error${e === 1 ? '' : 's'}, ${w} warning${w === 1 ? '' : 's'}, ${i} info`,
  outcomeCounts: (f: number, p: number, ne: number, na: number) =>
    `rules: ${f} failed, ${p} passed, ${ne} not evaluated, ${na} not applicable`,
  verdictHint: {
    ready: 'no finding blocks the cutover.',
    'not-ready': 'fix the errors above before the cutover.',
    incomplete: 'some checks could not run; see "Not evaluated" above.',
  },
  // CI formats (junit, markdown, github).
  at: 'at',
  noFindings: 'No findings.',
  inBaselineCount: (n: number) => `In baseline: ${n} finding${n === 1 ? '' : 's'}`,
  suppressedTag: 'suppressed',
  inBaselineTag: 'in baseline: does not fail the run',
  column: { severity: 'Severity', rule: 'Rule', resource: 'Resource', message: 'Message', location: 'Location', status: 'Status' },
  countColumn: { error: 'Errors', warning: 'Warnings', info: 'Info', suppressed: 'Suppressed', inBaseline: 'In baseline' },
  howToFix: 'How to fix',
  notApplicableRules: (n: number) => `Not applicable: ${n} rule${n === 1 ? '' : 's'}`,
  /** The verdict hint for reports that list findings after the verdict. */
  verdictHintBelow: {
    ready: 'no finding blocks the cutover.',
    'not-ready': 'fix the errors below before the cutover.',
    incomplete: 'some checks could not run; see "Not evaluated" below.',
  },
};

const zh: typeof en = {
  colon: '：',
  semicolon: '；',
  snapshot: '快照',
  collected: '采集于',
  replaces: '替换',
  severity: { error: '错误', warning: '警告', info: '提示' },
  findings: (n: number) => `${n} 项发现`,
  fix: '修复',
  docs: '文档',
  notEvaluated: '未评估（缺少数据，无法判断是否就绪）',
  notApplicable: '不适用',
  partly: '（部分：其发现见上方，以下对象无法检查）',
  inBaseline: '（在基线中：不会导致运行失败）',
  suppressed: (n: number) => `已抑制：${n} 项发现`,
  showSuppressedHint: '（使用 --show-suppressed 列出）',
  reason: '原因',
  owner: '负责人',
  expires: '到期',
  noSubjects: '快照中没有需要检查的集群（meta.scope 为空）。',
  verdict: { ready: '就绪', 'not-ready': '未就绪', incomplete: '不完整' },
  counts: (e: number, w: number, i: number) => `${e} 个错误，${w} 个警告，${i} 个提示`,
  outcomeCounts: (f: number, p: number, ne: number, na: number) => `规则：${f} 个失败，${p} 个通过，${ne} 个未评估，${na} 个不适用`,
  verdictHint: {
    ready: '没有阻断切换的问题。',
    'not-ready': '请在切换前修复上述错误。',
    incomplete: '部分检查无法执行，见上方“未评估”。',
  },
  at: '位于',
  noFindings: '没有发现。',
  inBaselineCount: (n: number) => `在基线中：${n} 项发现`,
  suppressedTag: '已抑制',
  inBaselineTag: '在基线中：不会导致运行失败',
  column: { severity: '严重性', rule: '规则', resource: '资源', message: '信息', location: '位置', status: '状态' },
  countColumn: { error: '错误', warning: '警告', info: '提示', suppressed: '已抑制', inBaseline: '在基线中' },
  howToFix: '修复方法',
  notApplicableRules: (n: number) => `不适用：${n} 条规则`,
  verdictHintBelow: {
    ready: '没有阻断切换的问题。',
    'not-ready': '请在切换前修复下方的错误。',
    incomplete: '部分检查无法执行，见下方“未评估”。',
  },
};

export function wording(lang: Lang) {
  return lang === 'zh-CN' ? zh : en;
}
