/** Renders a lint result in one of the formats; each format lives in its own file. */
import type { Lang } from '../model/types.js';
import type { LintResult } from '../rules/result.js';
import { renderGithub } from './github.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';

export interface RenderContext {
  lang: Lang;
  color: boolean;
  /** The snapshot path as SARIF should name it (relative to the working directory). */
  snapshotUri: string;
  /** The snapshot file's text, to point SARIF results at the entity's line. */
  snapshotText?: string;
  /** List suppressed findings in the text report too (--show-suppressed). */
  showSuppressed?: boolean;
}

export const REPORT_FORMATS = ['text', 'json', 'sarif', 'junit', 'markdown', 'github'] as const;

export function renderReport(format: string, result: LintResult, ctx: RenderContext): string {
  switch (format) {
    case 'json':
      return renderJson(result);
    case 'sarif':
      // GitHub ingests SARIF suppressions as open alerts, so suppressed findings stay out entirely.
      return renderSarif(withoutSuppressed(result), { lang: ctx.lang, snapshotUri: ctx.snapshotUri, ...(ctx.snapshotText !== undefined ? { snapshotText: ctx.snapshotText } : {}) });
    case 'junit':
      return renderJunit(result, locating(ctx));
    case 'markdown':
      return renderMarkdown(result, locating(ctx));
    case 'github':
      return renderGithub(result, locating(ctx));
    default:
      return renderText(result, { lang: ctx.lang, color: ctx.color, showSuppressed: ctx.showSuppressed ?? false });
  }
}

/** What the formats that point at files need: the language and where the snapshot is. */
function locating(ctx: RenderContext) {
  return { lang: ctx.lang, snapshotUri: ctx.snapshotUri, ...(ctx.snapshotText !== undefined ? { snapshotText: ctx.snapshotText } : {}) };
}

function withoutSuppressed(result: LintResult): LintResult {
  return { ...result, findings: result.findings.filter((f) => !f.suppressed) };
}
