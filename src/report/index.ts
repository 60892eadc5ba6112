/** Renders a lint result in one of the formats; each format lives in its own file. */
import type { Lang } from '../model/types.js';
import type { LintResult } from '../rules/result.js';
import { renderJson } from './json.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';

export interface RenderContext {
  lang: Lang;
  color: boolean;
  /** The snapshot path as SARIF should name it (relative to the working directory). */
  snapshotUri: string;
  /** The snapshot file's text, to point SARIF results at the entity's line. */
  snapshotText?: string;
}

export const REPORT_FORMATS = ['text', 'json', 'sarif'] as const;

export function renderReport(format: string, result: LintResult, ctx: RenderContext): string {
  switch (format) {
    case 'json':
      return renderJson(result);
    case 'sarif':
      return renderSarif(result, { lang: ctx.lang, snapshotUri: ctx.snapshotUri, ...(ctx.snapshotText !== undefined ? { snapshotText: ctx.snapshotText } : {}) });
    default:
      return renderText(result, { lang: ctx.lang, color: ctx.color });
  }
}
