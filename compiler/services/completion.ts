/**
 * Completion, in offsets. Input: a ProgramSet, a file and an offset (and the character
 * that triggered completion). Output: the text range to replace and the candidates.
 *
 * The context is read from the compiler's tokens of the current text (the last token
 * before the cursor) and the declaration tree (decls.ts: the enclosing measure /
 * doubt / clause); the candidates come from the checked program: keywords
 * (KEYWORDS), names in scope, fields after “实体.”, outcomes after “措施.”, enum
 * members, parameters, indicators, measures, outcomes inside a measure,
 * organisations after 牵头单位/责任单位/解释机关, entities after 对象, rules after
 * 例外于, readings after 采用, units after a number (UNIT_WORDS), and clause numbers /
 * labels after 条款.
 *
 * Quoted names. The replaced range is the word being typed; `filterText` is written
 * the way that word is written, so a client's prefix filter keeps the right items:
 * after `家庭.夫妻` (bare) an item filters as `夫妻至少一方户籍在本县` and inserts
 * `「夫妻至少一方户籍在本县」`; after `家庭.「夫妻` it filters as `「夫妻…` too. When
 * the editor auto-closed the quote (`「夫妻|」`), the range also covers that `」`, so
 * accepting never leaves `」」`.
 *
 * INVARIANT: `replace` lies on one line of the text and contains the offset (the LSP
 * and Monaco require both).
 */
import type { IToken } from 'chevrotain';
import type { CompiledProgram } from '../project/program.js';
import type { ParsedFile } from '../syntax/index.js';
import type * as A from '../syntax/ast.js';
import { KEYWORDS, UNIT_WORDS } from '../syntax/tokens.js';
import { tokenEnd } from '../syntax/lexer.js';
import { FUNCTIONS, EVAL_DATE } from '../semantics/builtins.js';
import { formatChineseNumeral } from '../common/numerals.js';
import { typeToString } from '../semantics/model.js';
import type { ProgramSet } from './program-set.js';
import { writeName } from './names.js';
import { typeRefText } from './hover.js';
import { declTree, enclosingDecls, type DeclNode } from './decls.js';

/** What a candidate is (clients map it to their own icons). */
export type CompletionKind =
  | 'keyword' | 'unit' | 'entity' | 'field' | 'enum' | 'enumMember' | 'param' | 'indicator' | 'measure' | 'outcome'
  | 'rule' | 'org' | 'reading' | 'function' | 'variable' | 'clauseNumber';

export interface CompletionItem {
  /** The name as declared (no quotes). */
  readonly label: string;
  readonly kind: CompletionKind;
  readonly detail: string;
  readonly documentation?: string;
  readonly sortText: string;
  /** What clients match against the typed text of `replace` (quoted exactly when that text is). */
  readonly filterText: string;
  /** The text that replaces `replace` (a snippet with `$1` when `snippet`). */
  readonly insertText: string;
  readonly snippet?: boolean;
  readonly preselect?: boolean;
}

export interface Completions {
  /** The range the chosen item replaces (the word being typed, and an auto-closed 」 after it). */
  readonly replace: { readonly start: number; readonly end: number };
  readonly items: CompletionItem[];
}

const NAME_TOKENS = new Set(['Name', 'QuotedName', 'BadQuotedName']);
const QUOTES: Record<string, string> = { '「': '」', '【': '】' };

/** Index of the last token starting before `offset`. */
function tokenBefore(tokens: readonly IToken[], offset: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  let at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.startOffset < offset) {
      at = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return at;
}

const kindOf = (t: IToken | undefined) => t?.tokenType.name ?? '';
const isKeywordToken = (t: IToken) => KEYWORDS.includes(t.image) && !NAME_TOKENS.has(kindOf(t));

interface Enclosing {
  clauses: A.ClauseDecl[];
  measure?: A.MeasureDecl;
  doubt?: A.DoubtDecl;
}

/** Declarations around an offset (innermost last), from the declaration tree. */
function enclosing(tree: readonly DeclNode[], offset: number): Enclosing {
  const out: Enclosing = { clauses: [] };
  for (const n of enclosingDecls(tree, offset)) {
    if (n.kind === 'clause') out.clauses.push(n.node as A.ClauseDecl);
    else if (n.kind === 'measure') out.measure = n.node as A.MeasureDecl;
    else if (n.kind === 'doubt') out.doubt = n.node as A.DoubtDecl;
  }
  if (!out.measure) {
    // an unfinished measure: its span may stop before the cursor; take the last one started before it
    let last: DeclNode | undefined;
    const scan = (ns: readonly DeclNode[]) => {
      for (const n of ns) {
        if (n.kind === 'clause') scan(n.children);
        else if (n.kind === 'measure' && n.span.start <= offset) last = n;
      }
    };
    scan(tree);
    const innermost = out.clauses[out.clauses.length - 1];
    if (last && (!innermost || last.span.start >= innermost.span.start)) out.measure = last.node as A.MeasureDecl;
  }
  return out;
}

function partText(level: A.ClauseLevel, n: number): string {
  switch (level) {
    case 'annex': return `附件${n}`;
    case 'sec': return `${formatChineseNumeral(BigInt(n))}、`;
    case 'subsec': return `（${formatChineseNumeral(BigInt(n))}）`;
    case 'item': return `${n}.`;
    case 'subitem': return `（${n}）`;
  }
}

const DEEPER: Record<A.ClauseLevel, A.ClauseLevel> = { annex: 'sec', sec: 'subsec', subsec: 'item', item: 'subitem', subitem: 'subitem' };

/** List separators trigger completion only where a list of names is expected. */
const SEPARATORS = new Set(['、', '，', ',']);

/** Kinds whose items are names (written quoted when the lexer needs it). */
const NAME_KINDS = new Set<CompletionKind>(['entity', 'field', 'enum', 'enumMember', 'param', 'indicator', 'measure', 'outcome', 'rule', 'org', 'reading', 'variable']);

/** Completion at `offset` of `path` (its current parse in the ProgramSet). */
export function complete(ws: ProgramSet, path: string, offset: number, trigger?: string): Completions {
  const empty = { replace: { start: offset, end: offset }, items: [] };
  const parsed = ws.parsedOf(path);
  if (!parsed) return empty;
  return completeIn(ws, path, parsed, ws.programsOf(path)[0], offset, trigger);
}

function completeIn(ws: ProgramSet, path: string, parsed: ParsedFile, p: CompiledProgram | undefined, offset: number, trigger: string | undefined): Completions {
  const tokens = parsed.tokens;
  const text = parsed.source.text;
  const none: Completions = { replace: { start: offset, end: offset }, items: [] };
  // no completion inside comments and strings
  for (const c of parsed.comments) if (c.startOffset < offset && offset <= tokenEnd(c)) return none;
  let i = tokenBefore(tokens, offset);
  const last = tokens[i];
  if (last && kindOf(last) === 'StringLit' && offset < tokenEnd(last)) return none;
  if (last && kindOf(last) === 'StringLit' && offset === tokenEnd(last) && !/"$/.test(last.image)) return none;
  // the word being typed
  let word: IToken | undefined;
  if (last && tokenEnd(last) >= offset && (NAME_TOKENS.has(kindOf(last)) || isKeywordToken(last) || kindOf(last) === 'Unit')) {
    word = last;
    i--;
  }
  const prev = tokens[i];
  // the replaced range and how the typed word is written
  const open = word && QUOTES[word.image[0]!] ? word.image[0]! : '';
  let start = word ? word.startOffset : offset;
  let end = offset;
  if (word) {
    const closed = open !== '' && word.image.length >= 2 && word.image.endsWith(QUOTES[open]!);
    // a closed quoted name or a bare word: the whole token; an unclosed quote runs to the
    // end of the line, so stop at the cursor
    if (!open || closed) end = Math.max(offset, tokenEnd(word));
  }
  if (open && end === offset && text[offset] === QUOTES[open]) end++; // the editor's auto-closed 」
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  const add = (label: string, kind: CompletionKind, detail: string, sort: number, opts: { documentation?: string; snippet?: string; preselect?: boolean } = {}) => {
    const key = `${label}|${kind}`;
    if (seen.has(key)) return;
    seen.add(key);
    const isName = NAME_KINDS.has(kind);
    let insertText = isName ? writeName(label) : label;
    let filterText = label;
    if (open && isName) {
      // the user typed a quote: keep it (any name may be quoted) and filter with it
      const close = QUOTES[open]!;
      insertText = label.includes(close) ? writeName(label) : `${open}${label}${close}`;
      filterText = `${open}${label}`;
    }
    items.push({
      label, kind, detail, sortText: `${sort}_${label}`, filterText,
      insertText: opts.snippet ?? insertText,
      ...(opts.snippet ? { snippet: true } : {}),
      ...(opts.documentation ? { documentation: opts.documentation } : {}),
      ...(opts.preselect ? { preselect: true } : {}),
    });
  };
  const result = (): Completions => ({ replace: { start, end }, items });
  const tree = declTree(parsed.ast);
  const enc = enclosing(tree, offset);

  // units directly after a number
  if (prev && (kindOf(prev) === 'NumberLit' || kindOf(prev) === 'ChineseNumber') && tokenEnd(prev) === (word ? word.startOffset : offset)) {
    for (const u of UNIT_WORDS) add(u, 'unit', '单位', 0);
    return result();
  }
  if (word && kindOf(word) === 'Unit') {
    for (const u of UNIT_WORDS) add(u, 'unit', '单位', 0);
    return result();
  }

  // after “.”: fields of an entity, outcomes of a measure
  if (prev && kindOf(prev) === 'Dot') {
    const obj = tokens[i - 1];
    const name = obj ? (kindOf(obj) === 'QuotedName' ? obj.image.slice(1, -1) : obj.image) : '';
    const ent = p?.checked.entities.get(name);
    if (ent) {
      for (const f of ent.fields) {
        const t = typeRefText(ws, f.type) || (() => {
          const s = p?.checked.symbols.get(`field:${name}.${f.name.text}`);
          return s?.type ? typeToString(s.type) : '';
        })();
        add(f.name.text, 'field', `${name} 的字段：${t}`, 0, f.doc ? { documentation: f.doc.value } : {});
      }
    }
    const m = p?.checked.measures.get(name);
    if (m) for (const o of m.decl.outcomes) add(o.name.text, 'outcome', `${name} 的结果：${typeRefText(ws, o.type)}`, 0);
    return result();
  }

  // attribute context: walk back over a list of names to “键：”
  let j = i;
  while (j >= 0 && (NAME_TOKENS.has(kindOf(tokens[j])) || kindOf(tokens[j]) === 'Comma')) j--;
  const head = tokens[j];
  const keyTok = head && kindOf(head) === 'Colon' ? tokens[j - 1] : undefined;
  const key = keyTok?.image;
  if (key === '牵头单位' || key === '责任单位' || key === '解释机关') {
    for (const [name, o] of p?.checked.orgs ?? []) add(name, 'org', o.fullName?.value ?? (o.name.text !== name ? `${o.name.text}的别名` : '机构'), 0);
    return result();
  }
  if (key === '对象') {
    for (const [name] of p?.checked.entities ?? []) if (name !== '事件') add(name, 'entity', '实体', 0);
    return result();
  }
  if (key === '采用' && enc.doubt) {
    for (const r of enc.doubt.readings) add(r.name.text, 'reading', `解读：${r.text.value}`, 0);
    return result();
  }
  // 例外于 rule, rule …
  if (head && kindOf(head) === 'ExceptionOf' && enc.measure) {
    for (const r of enc.measure.rules) add(r.name.text, 'rule', `措施 ${enc.measure.name.text} 的规则`, 0);
    return result();
  }
  // 条款 <number>: the next numbers at this level, and the labels already used
  if (prev && kindOf(prev) === 'Clause') {
    const parent = enc.clauses[enc.clauses.length - 1];
    // clauses before the cursor that have a number (a half-typed one has none)
    const siblings = (parent ? parent.items : parsed.ast.items).filter((x): x is A.ClauseDecl => x.kind === 'clause' && x.number.length > 0 && x.numberSpan.end <= offset);
    const lastSib = siblings[siblings.length - 1];
    const lastPart = lastSib?.number[lastSib.number.length - 1];
    const parentPart = parent?.number[parent.number.length - 1];
    const next = lastPart ? partText(lastPart.level, lastPart.n + 1) : partText(parentPart ? DEEPER[parentPart.level] : 'sec', 1);
    add(next, 'clauseNumber', '下一个条款编号', 0, { preselect: true });
    for (const c of p?.checked.clauses ?? []) {
      if (c.file !== path) continue;
      add(c.label, 'clauseNumber', `已有条款${c.title ? `：${c.title}` : ''}（锚点 ${c.anchor}）`, 5, c.decl.quotes[0] ? { documentation: c.decl.quotes[0].value } : {});
    }
    return result();
  }

  // after a list separator elsewhere: enum members only (属于 {国家、…})
  if (trigger && SEPARATORS.has(trigger)) {
    for (const [name, en] of p?.checked.enums ?? []) for (const m of en.members) add(m.text, 'enumMember', `枚举 ${name} 的值`, 0);
    return result();
  }
  // general: names in scope, then keywords
  if (enc.measure) {
    for (const o of enc.measure.outcomes) add(o.name.text, 'outcome', `结果：${typeRefText(ws, o.type)}`, 0);
  }
  if (p) {
    for (const [name, e] of p.checked.entities) add(name, 'entity', `实体（${e.fields.length} 个字段）`, 1);
    for (const [name, pd] of p.checked.params) add(name, 'param', `参数：${typeRefText(ws, pd.type)}`, 1);
    for (const [name] of p.checked.indicators) add(name, 'indicator', '指标', 1);
    for (const [name, en] of p.checked.enums) {
      add(name, 'enum', '枚举', 2);
      for (const m of en.members) add(m.text, 'enumMember', `枚举 ${name} 的值`, 2);
    }
    for (const [name, m] of p.checked.measures) add(name, 'measure', `措施${m.clause ? `（条款 ${p.checked.clauses.find((c) => c.anchor === m.clause)?.label ?? ''}）` : ''}`, 3);
    if (!open) {
      for (const [name, f] of Object.entries(FUNCTIONS)) add(name, 'function', `内置函数 → ${typeToString(f.result)}`, 2, { documentation: f.doc, snippet: `${name}（$1）` });
    }
    add(EVAL_DATE, 'variable', '内置：评估日期', 2);
  }
  if (!open) for (const k of KEYWORDS) add(k, 'keyword', '关键字', 4);
  return result();
}
