/**
 * A small document model shared by the Markdown and HTML renderers of the
 * documentation emitter: docs.ts builds it once per page, docs-md.ts and docs-html.ts
 * print it. Keeping one model guarantees the two formats say the same thing.
 * INVARIANT: every string in the model is raw text (unescaped); only the renderers
 * escape, each for its own format.
 */

/** Inline content. */
export type Inline =
  | string
  | { readonly t: 'link'; readonly href: string; readonly text: Rich }
  | { readonly t: 'b'; readonly text: Rich }
  | { readonly t: 'code'; readonly text: string }
  | { readonly t: 'mark'; readonly text: string }
  | { readonly t: 'badge'; readonly text: string; readonly kind: 'warn' | 'ok' | 'info' }
  | { readonly t: 'br' };

export type Rich = readonly Inline[];

export type Block =
  | { readonly t: 'section'; readonly id?: string; readonly cls?: string; readonly children: readonly Block[] }
  | { readonly t: 'h'; readonly level: 1 | 2 | 3 | 4 | 5 | 6; readonly id?: string; readonly text: Rich }
  | { readonly t: 'p'; readonly text: Rich; readonly cls?: string }
  | { readonly t: 'quote'; readonly paras: readonly Rich[]; readonly cls?: string }
  | { readonly t: 'list'; readonly items: readonly ListItem[]; readonly cls?: string }
  | { readonly t: 'table'; readonly head: readonly Rich[]; readonly rows: readonly (readonly Rich[])[]; readonly caption?: Rich; readonly cls?: string; readonly id?: string }
  | { readonly t: 'dl'; readonly items: readonly (readonly [string, Rich])[]; readonly cls?: string }
  /** The official text beside its formalisation (two columns in HTML). */
  | { readonly t: 'pair'; readonly left: readonly Block[]; readonly right: readonly Block[]; readonly leftTitle: string; readonly rightTitle: string }
  /** A boxed note (存疑, warnings). */
  | { readonly t: 'note'; readonly kind: 'doubt' | 'warn' | 'info'; readonly id?: string; readonly title: Rich; readonly children: readonly Block[] };

export interface ListItem {
  readonly id?: string;
  readonly text: Rich;
  readonly children?: readonly ListItem[];
}

export const link = (href: string, ...text: Inline[]): Inline => ({ t: 'link', href, text });
export const bold = (...text: Inline[]): Inline => ({ t: 'b', text });
export const code = (text: string): Inline => ({ t: 'code', text });
export const badge = (text: string, kind: 'warn' | 'ok' | 'info' = 'warn'): Inline => ({ t: 'badge', text, kind });

/** Plain text of rich content (for titles and tests). */
export function plain(r: Rich): string {
  return r.map((x) => {
    if (typeof x === 'string') return x;
    switch (x.t) {
      case 'link': case 'b': return plain(x.text);
      case 'code': case 'mark': return x.text;
      case 'badge': return `〔${x.text}〕`;
      case 'br': return '\n';
    }
  }).join('');
}

/** Join rich fragments with a separator. */
export function joinRich(parts: readonly Rich[], sep: Inline): Inline[] {
  const out: Inline[] = [];
  parts.forEach((p, i) => {
    if (i > 0) out.push(sep);
    out.push(...p);
  });
  return out;
}
