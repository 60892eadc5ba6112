/** The lint result as JSON (format documented in docs/json-format.md). */
import type { LintResult } from '../rules/result.js';

export function renderJson(result: LintResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
