/** Message templates: literal text with `{{ cel expression }}` placeholders. */

export type TemplatePart = { text: string } | { expr: string; offset: number };

/** Splits a template; throws a plain Error (with the offset) on an unclosed or empty placeholder. */
export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let pos = 0;
  while (pos < template.length) {
    const open = template.indexOf('{{', pos);
    if (open === -1) {
      parts.push({ text: template.slice(pos) });
      break;
    }
    if (open > pos) parts.push({ text: template.slice(pos, open) });
    const close = template.indexOf('}}', open + 2);
    if (close === -1) throw new Error(`unclosed "{{" at character ${open + 1}`);
    const expr = template.slice(open + 2, close).trim();
    if (!expr) throw new Error(`empty placeholder at character ${open + 1}`);
    parts.push({ expr, offset: open });
    pos = close + 2;
  }
  return parts;
}
