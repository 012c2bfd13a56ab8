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
 * 例外于, readings after 采用, units after a number (UNIT_WORDS) — but a keyword beginning with a numeral
 * being typed (一次 → 一次性) where the grammar takes it — and clause numbers /
 * labels after 条款. Keywords by position: the grammar (Chevrotain's content assist, from the innermost
 * open block's header and the statement at the cursor) says which token types may come next, and only
 * their words are offered — a block's declarations and attribute keys (attributes.ts) at a line's start,
 * operators after an operand, types after a field's colon; everything when that prefix does not parse.
 * Values: 性质's four 类别, the 类别 names a 定性 / 措施 already uses (most used first), 存疑 notes after
 * 存疑：, units in a type's argument (时长（个月）), entities after 列表（ and after 定义 (定义 实体.名称),
 * 适用（措施） and 已废止 in a 性质. test/lsp/completion-coverage.test.ts: at every keyword and every
 * reference of the shipped encodings, completion offers what the file has there. Lists: after a list-typed path (`家庭.子女 ▮`) the quantifier suffixes
 * and 按（键）第N个; inside a quantifier / aggregate the element's fields and 其; after
 * `其.`, `…第N个.` or `人.` an element's fields and the definitions attached to its entity
 * (`定义 人.孩次`); a list itself has no fields, so `家庭.子女.` offers nothing. Global
 * definitions, the aggregates 数量/人数/个数/合计/最大/最小, 某日 and 施行日 in expressions.
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
import { KEYWORDS, NUMERAL_CHARS, UNIT_WORDS, wordsOf } from '../syntax/tokens.js';
import { grammarContext, innermostOpenBrace, kindOf, opensSet, STATEMENT_WORDS, tokenBefore } from './grammar-context.js';
import { keywordDoc } from './keyword-docs.js';
import { ATTRIBUTES, PROPERTY_CATEGORIES, PROPERTY_CATEGORY_DOCS, type AttributeBlock } from '../syntax/attributes.js';
import { tokenEnd } from '../syntax/lexer.js';
import { FUNCTIONS, AGGREGATES, EVAL_DATE, EFFECTIVE_DATE, IS_VOID, APPLIES } from '../semantics/builtins.js';
import { UNIT_NAMES } from '../syntax/cst-to-ast.js';
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

// ── list-aware paths (定义, 列表（实体）, quantifiers, aggregates, 按（键）第N个) ──

/** What a written path denotes, as far as completion needs it. */
type PathType = { readonly entity: string } | { readonly list: string } | undefined;

function typeOfRefIn(p: CompiledProgram, t: A.TypeRef | undefined): PathType {
  if (!t) return undefined;
  if (t.kind === 'named') return p.checked.entities.has(t.name.text) ? { entity: t.name.text } : undefined;
  if (t.name === '列表' && t.element?.kind === 'named' && p.checked.entities.has(t.element.name.text)) return { list: t.element.name.text };
  return undefined;
}

/** The type of member `name` of entity `ent`: a field, or a definition attached to the entity. */
function memberType(p: CompiledProgram, ent: string, name: string): PathType {
  const f = p.checked.entities.get(ent)?.fields.find((x) => x.name.text === name);
  if (f) return typeOfRefIn(p, f.type);
  const d = p.checked.definitions.get(`${ent}.${name}`);
  return d ? typeOfRefIn(p, d.decl.type) : undefined;
}

/**
 * The enum an operand ending at token `k` has (`家庭.户籍`, a bare field of the element inside a quantifier,
 * 事件.级别), for the members offered in `属于 {…}`; undefined when it is not a field of enum type.
 */
function enumAt(p: CompiledProgram, tokens: readonly IToken[], k: number): string | undefined {
  const t = tokens[k];
  if (!t || !NAME_TOKENS.has(kindOf(t))) return undefined;
  const name = nameText(t);
  const enumOf = (ent: string) => {
    const f = p.checked.entities.get(ent)?.fields.find((x) => x.name.text === name);
    return f?.type.kind === 'named' && p.checked.enums.has(f.type.name.text) ? f.type.name.text : undefined;
  };
  if (kindOf(tokens[k - 1]) === 'Dot') {
    const obj = pathTypeAt(p, tokens, k - 2);
    return obj && 'entity' in obj ? enumOf(obj.entity) : undefined;
  }
  for (const el of elementContexts(p, tokens, k)) {
    const e = enumOf(el);
    if (e) return e;
  }
  return undefined;
}

const nameText = (t: IToken) => (kindOf(t) === 'QuotedName' ? t.image.slice(1, -1) : t.image);

/** Index of the `（` matching the `）` at `k`, or -1. */
function openOf(tokens: readonly IToken[], k: number): number {
  let depth = 0;
  for (let j = k; j >= 0; j--) {
    const n = kindOf(tokens[j]);
    if (n === 'RParen') depth++;
    else if (n === 'LParen' && --depth === 0) return j;
  }
  return -1;
}

/** The type of the operand that ends at token `k` (a path, 其, or `… 按（键）第N个`). */
function pathTypeAt(p: CompiledProgram, tokens: readonly IToken[], k: number, depth = 0): PathType {
  if (k < 0 || depth > 8) return undefined;
  let t = tokens[k]!;
  // `L 按（键）第N个`: the element of L
  let j = k;
  if (kindOf(tokens[j]) === 'Unit') j--;
  if ((kindOf(tokens[j]) === 'NumberLit' || kindOf(tokens[j]) === 'ChineseNumber') && kindOf(tokens[j - 1]) === 'Ordinal' && kindOf(tokens[j - 2]) === 'RParen') {
    const lp = openOf(tokens, j - 2);
    if (lp > 0 && kindOf(tokens[lp - 1]) === 'OrderBy') {
      const l = pathTypeAt(p, tokens, lp - 2, depth + 1);
      return l && 'list' in l ? { entity: l.list } : undefined;
    }
    return undefined;
  }
  if (kindOf(t) === 'It') {
    const el = elementContexts(p, tokens, k, depth + 1)[0];
    return el ? { entity: el } : undefined;
  }
  if (!NAME_TOKENS.has(kindOf(t))) return undefined;
  // a member: resolve what is before the dot
  if (kindOf(tokens[k - 1]) === 'Dot') {
    const obj = pathTypeAt(p, tokens, k - 2, depth + 1);
    return obj && 'entity' in obj ? memberType(p, obj.entity, nameText(t)) : undefined;
  }
  const name = nameText(t);
  if (p.checked.entities.has(name)) return { entity: name };
  // a bare field name of the element inside a quantifier or aggregate
  for (const el of elementContexts(p, tokens, k, depth + 1)) {
    const m = memberType(p, el, name);
    if (m) return m;
  }
  const d = p.checked.definitions.get(name);
  return d ? typeOfRefIn(p, d.decl.type) : undefined;
}

/**
 * The element entities in scope before token index `k` (innermost first): inside
 * `L 均满足（…）`, `L 按（…）`, and the second argument of `数量（L，…）` / 合计 / 最大 / 最小.
 */
function elementContexts(p: CompiledProgram, tokens: readonly IToken[], k: number, depth = 0): string[] {
  const out: string[] = [];
  let level = 0;
  for (let j = k; j >= 0 && depth <= 8; j--) {
    const n = kindOf(tokens[j]);
    if (n === 'RParen') level++;
    else if (n === 'LParen') {
      if (level > 0) { level--; continue; }
      const before = tokens[j - 1];
      const bn = kindOf(before);
      if (bn === 'QuantExists' || bn === 'QuantForall' || bn === 'QuantNone' || bn === 'OrderBy') {
        const l = pathTypeAt(p, tokens, j - 2, depth + 1);
        if (l && 'list' in l) out.push(l.list);
      } else if (before && AGGREGATES[before.image]) {
        // the list is the first argument; its element is in scope after the first comma
        let comma = -1;
        let lv = 0;
        for (let x = j + 1; x < k + 1; x++) {
          const xn = kindOf(tokens[x]);
          if (xn === 'LParen') lv++;
          else if (xn === 'RParen') lv--;
          else if (xn === 'Comma' && lv === 0) { comma = x; break; }
        }
        if (comma > 0) {
          const l = pathTypeAt(p, tokens, comma - 1, depth + 1);
          if (l && 'list' in l) out.push(l.list);
        }
      }
    } else if (n === 'LBrace' || n === 'RBrace' || n === 'Colon') break;
  }
  return out;
}


/** Suffix and list words offered by the list branch only (after a list-typed path), never here. */
const LIST_ONLY = new Set(['QuantExists', 'QuantForall', 'QuantNone', 'OrderBy', 'Ordinal', 'It', 'Unit']);

/**
 * A unit word the cursor is right after that no longer unit word begins with (孩, 元, 工作日 — not 个 or 月,
 * which 个月 and 月龄 extend): it is written out, so the cursor is after it, where the grammar's next words
 * go (「二孩|」 → 及以上), not in a unit still being typed.
 */
function finishedUnit(t: IToken, offset: number): boolean {
  return tokenEnd(t) === offset && !UNIT_WORDS.some((u) => u.length > t.image.length && u.startsWith(t.image));
}

/** Keywords that begin with a numeral character (一次性): while being typed they lex as a number and a unit (一 | 一次 = 一 + 次). */
const NUMERAL_KEYWORDS = KEYWORDS.filter((k) => NUMERAL_CHARS.includes(k[0]!));

/**
 * The start of the number-and-unit run that ends at `offset` (tokens ChineseNumber / NumberLit / Unit
 * written together, up to `i`, the token before the cursor), when its text is a proper prefix of a
 * keyword that begins with a numeral (一、一次 → 一次性); with whether the run is a numeral alone.
 */
function numeralKeywordPrefix(tokens: readonly IToken[], i: number, offset: number, text: string): { start: number; typed: string; numeralOnly: boolean } | undefined {
  const t = tokens[i];
  if (!t || tokenEnd(t) !== offset) return undefined;
  let k = i;
  while (k >= 0 && ['ChineseNumber', 'NumberLit', 'Unit'].includes(kindOf(tokens[k]!)) && (k === i || tokenEnd(tokens[k]!) === tokens[k + 1]!.startOffset)) k--;
  const first = tokens[k + 1];
  if (k === i || !first || kindOf(first) !== 'ChineseNumber') return undefined;
  const typed = text.slice(first.startOffset, offset);
  if (!NUMERAL_KEYWORDS.some((w) => w.length > typed.length && w.startsWith(typed))) return undefined;
  return { start: first.startOffset, typed, numeralOnly: k + 1 === i };
}

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
  if (last && tokenEnd(last) >= offset && (NAME_TOKENS.has(kindOf(last)) || isKeywordToken(last) || (kindOf(last) === 'Unit' && !finishedUnit(last, offset)))) {
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
  const add = (label: string, kind: CompletionKind, detail: string, sort: number, opts: { documentation?: string; snippet?: string; preselect?: boolean; order?: string } = {}) => {
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
      label, kind, detail, sortText: `${sort}_${opts.order ?? ''}${label}`, filterText,
      insertText: opts.snippet ?? insertText,
      ...(opts.snippet ? { snippet: true } : {}),
      ...(opts.documentation ? { documentation: opts.documentation } : {}),
      ...(opts.preselect ? { preselect: true } : {}),
    });
  };
  const result = (): Completions => ({ replace: { start, end }, items });
  const tree = declTree(parsed.ast);
  const enc = enclosing(tree, offset);

  // a keyword that begins with a numeral, being typed (一 | 一次 → 一次性): offered where the grammar
  // takes it at the run's start — after 一次, the number 一 with the unit 次 is written out, so only the
  // keyword can continue it; after 一 alone, the keyword first, then the units of the number 一
  const numeral = !word ? numeralKeywordPrefix(tokens, i, offset, text) : undefined;
  if (numeral) {
    const there = completeIn(ws, path, parsed, p, numeral.start, trigger).items.filter((x) => x.kind === 'keyword' && x.label.startsWith(numeral.typed) && x.label.length > numeral.typed.length);
    if (there.length) {
      if (!numeral.numeralOnly) return { replace: { start: numeral.start, end: offset }, items: there };
      // (one range for every item: the units go after the numeral, so the keyword inserts its rest)
      for (const x of there) items.push({ ...x, insertText: x.label.slice(numeral.typed.length), filterText: x.label.slice(numeral.typed.length), sortText: `0_${x.sortText}` });
      for (const u of UNIT_WORDS) add(u, 'unit', '单位', 1);
      return result();
    }
  }
  // units directly after a number
  if (prev && (kindOf(prev) === 'NumberLit' || kindOf(prev) === 'ChineseNumber') && tokenEnd(prev) === (word ? word.startOffset : offset)) {
    for (const u of UNIT_WORDS) add(u, 'unit', '单位', 0);
    return result();
  }
  if (word && kindOf(word) === 'Unit') {
    for (const u of UNIT_WORDS) add(u, 'unit', '单位', 0);
    return result();
  }

  // after “.”: fields (and attached definitions) of an entity — also of a list element reached by
  // 其 / 按（键）第N个 / a field of the element — and outcomes of a measure. A list has no fields.
  if (prev && kindOf(prev) === 'Dot') {
    const obj = tokens[i - 1];
    const simple = obj && kindOf(tokens[i - 2]) !== 'Dot' && NAME_TOKENS.has(kindOf(obj));
    const name = obj ? (kindOf(obj) === 'QuotedName' ? obj.image.slice(1, -1) : obj.image) : '';
    const resolved = p && obj ? pathTypeAt(p, tokens, i - 1) : undefined;
    const entName = resolved && 'entity' in resolved ? resolved.entity : simple && p?.checked.entities.has(name) ? name : undefined;
    const ent = entName !== undefined ? p?.checked.entities.get(entName) : undefined;
    if (ent && entName !== undefined && p) {
      for (const f of ent.fields) {
        const t = typeRefText(ws, f.type) || (() => {
          const sym = p.checked.symbols.get(`field:${entName}.${f.name.text}`);
          return sym?.type ? typeToString(sym.type) : '';
        })();
        add(f.name.text, 'field', `${entName} 的字段：${t}`, 0, f.doc ? { documentation: f.doc.value } : {});
      }
      for (const d of p.checked.definitions.values()) {
        if (d.entity !== entName) continue;
        const t = d.decl.type ? typeRefText(ws, d.decl.type) : typeToString(p.checked.types.get(d.decl.value) ?? { k: 'error' });
        add(d.decl.name.text, 'variable', `${entName} 的定义：${t}`, 0, d.decl.note ? { documentation: d.decl.note.value } : {});
      }
      return result();
    }
    const m = simple ? p?.checked.measures.get(name) : undefined;
    if (m) for (const o of m.decl.outcomes) add(o.name.text, 'outcome', `${name} 的结果：${typeRefText(ws, o.type)}`, 0);
    return result();
  }

  // the first word on its line starts a statement more often than it continues the one above
  const lineStart = !prev || /[\n\r\u2028\u2029]/.test(text.slice(tokenEnd(prev), start));
  // attribute context: walk back over a list of names to “键：” (a list goes on to the next line only
  // after a separator: a name that ends the line above ended the attribute)
  let j = i;
  if (!(lineStart && NAME_TOKENS.has(kindOf(prev)))) while (j >= 0 && (NAME_TOKENS.has(kindOf(tokens[j])) || kindOf(tokens[j]) === 'Comma')) j--;
  const head = tokens[j];
  const keyTok = head && kindOf(head) === 'Colon' ? tokens[j - 1] : undefined;
  const key = keyTok?.image;
  if (key === '牵头单位' || key === '责任单位' || key === '解释机关') {
    for (const [name, o] of p?.checked.orgs ?? []) add(name, 'org', o.fullName?.value ?? (o.name.text !== name ? `${o.name.text}的别名` : '机构'), 0);
    return result();
  }
  if (key === '类别') {
    const block = grammarContext(tokens, j - 2)?.block;
    if (block === '性质') {
      PROPERTY_CATEGORIES.forEach((c, n) => add(c, 'keyword', '性质的类别', n, { documentation: PROPERTY_CATEGORY_DOCS[c] }));
      return result();
    }
    if (block === '定性' || block === '措施') {
      // free names: the ones this program already uses, most used first (one vocabulary across the file)
      const used = new Map<string, number>();
      for (const q of p?.checked.qualitative ?? []) if (q.decl.category) used.set(q.decl.category.text, (used.get(q.decl.category.text) ?? 0) + 1);
      for (const m of p?.checked.measures.values() ?? []) if (m.decl.category) used.set(m.decl.category.text, (used.get(m.decl.category.text) ?? 0) + 1);
      const ranked = [...used].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      ranked.forEach(([c, count], n) => add(c, 'reading', `已用的类别（${count} 处）`, 0, { order: String(n).padStart(4, '0') }));
      return result();
    }
  }
  if (key === '存疑' && p) {
    // 定义 { 存疑：「…」 }: the 存疑 notes of the program
    for (const [name, d] of p.checked.doubts) add(name, 'reading', `存疑${d.measure ? `（措施 ${d.measure}）` : ''}`, 0);
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
    // an annex is numbered at the top level (the clause whose number is typed may enclose the cursor)
    if (enc.clauses.every((c) => c.span.start >= prev.startOffset)) add('附件', 'keyword', '附件的编号：附件N', 1, { snippet: '附件$1' });
    for (const c of p?.checked.clauses ?? []) {
      if (c.file !== path) continue;
      add(c.label, 'clauseNumber', `已有条款${c.title ? `：${c.title}` : ''}（锚点 ${c.anchor}）`, 5, c.decl.quotes[0] ? { documentation: c.decl.quotes[0].value } : {});
    }
    return result();
  }

  // 定义 ▮: a new name, or 实体.名称 — a definition attached to an entity
  if (prev && kindOf(prev) === 'Definition') {
    for (const [name] of p?.checked.entities ?? []) if (name !== '事件') add(name, 'entity', '实体：定义 实体.名称 附在这个实体上', 0);
    return result();
  }
  // a type's argument: 时长（个月）, 比例（%）: units; 列表（人）: entities
  if (prev && kindOf(prev) === 'LParen' && (tokens[i - 1]?.tokenType.CATEGORIES ?? []).some((c) => c.name === 'TypeKeyword') && grammarContext(tokens, i)?.next.has('Percent')) {
    if (tokens[i - 1]!.image === '列表') for (const [name] of p?.checked.entities ?? []) { if (name !== '事件') add(name, 'entity', '实体', 0); }
    else for (const u of UNIT_NAMES) add(u, 'unit', '单位', 0);
    return result();
  }
  // enum members: in a set after 属于, of the left side's enum (of every enum when its type is not known here)
  const enumMembers = () => {
    const open = innermostOpenBrace(tokens, i);
    const only = p && opensSet(tokens, open) ? enumAt(p, tokens, open - 2) : undefined;
    for (const [name, en] of p?.checked.enums ?? []) {
      if (only === undefined || name === only) for (const m of en.members) add(m.text, 'enumMember', `枚举 ${name} 的值`, 0);
    }
  };
  // after a list separator elsewhere: enum members only (属于 {国家、…})
  if (trigger && SEPARATORS.has(trigger)) {
    enumMembers();
    return result();
  }
  // after a list (家庭.子女 ▮): what can follow it — a quantifier or 按（键）第N个
  const sameLine = prev && !/[\n\r\u2028\u2029]/.test(text.slice(tokenEnd(prev), start));
  const before = p && prev && sameLine && (NAME_TOKENS.has(kindOf(prev)) || kindOf(prev) === 'Unit' || kindOf(prev) === 'NumberLit') ? pathTypeAt(p, tokens, i) : undefined;
  if (before && 'list' in before && !open) {
    const quant: [string, string][] = [
      ['至少一个满足', '存在：至少一个元素满足条件'], ['至少一方满足', '存在（夫妻等两方）'], ['至少一人满足', '存在（人）'], ['任一满足', '存在'],
      ['均满足', '全部：每个元素都满足条件（空列表为“是”）'], ['全部满足', '全部'], ['都满足', '全部'],
      ['均不满足', '没有：没有元素满足条件（空列表为“是”）'], ['都不满足', '没有'],
    ];
    quant.forEach(([w, d], n) => add(w, 'keyword', `量词（${before.list} 的列表）：${d}`, 0, { snippet: `${w}（$1）`, ...(n === 0 ? { preselect: true } : {}) }));
    add('按', 'keyword', `按（键）第N个：按键从小到大排列后的第N个${before.list}`, 1, { snippet: '按（$1）第$2个' });
    return result();
  }
  // names in scope: the element's fields inside a quantifier, the measure's outcomes, then the program's names
  const namesInScope = () => {
    if (p) {
      // inside a quantifier / aggregate: the element's fields (innermost first) and 其
      const els = elementContexts(p, tokens, i);
      els.forEach((el, n) => {
        for (const f of p.checked.entities.get(el)?.fields ?? []) add(f.name.text, 'field', `${el} 的字段（当前元素）：${typeRefText(ws, f.type)}`, 0);
        for (const d of p.checked.definitions.values()) if (d.entity === el) add(d.decl.name.text, 'variable', `${el} 的定义（当前元素）`, 0);
        if (n === 0 && !open) add('其', 'keyword', `当前元素（${el}）`, 0);
      });
    }
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
      for (const d of p.checked.definitions.values()) {
        if (d.entity) continue;
        const t = d.decl.type ? typeRefText(ws, d.decl.type) : typeToString(p.checked.types.get(d.decl.value) ?? { k: 'error' });
        add(d.decl.name.text, 'variable', `定义：${t}`, 1, d.decl.note ? { documentation: d.decl.note.value } : {});
      }
      if (!open) {
        for (const [name, f] of Object.entries(FUNCTIONS)) add(name, 'function', `内置函数 → ${typeToString(f.result)}`, 2, { documentation: f.doc, snippet: `${name}（$1）` });
        for (const [name, a] of Object.entries(AGGREGATES)) add(name, 'function', `汇总（列表${a.arity.includes(1) ? '[，条件]' : '，表达式'}）`, 2, { documentation: a.doc, snippet: `${name}（$1）` });
      }
      add(EVAL_DATE, 'variable', '内置：评估日期', 2);
      if (p.checked.policy) add(EFFECTIVE_DATE, 'variable', '内置：本政策的施行日（生效）', 2);
    }
  };

  const g = grammarContext(tokens, i);
  if (!g) {
    // the statement does not parse up to here: everything, as a last resort
    namesInScope();
    if (!open) for (const k of KEYWORDS) add(k, 'keyword', '关键字', 4);
    return result();
  }
  if (g.set) {
    enumMembers();
    return result();
  }
  // an operand may start here (是 is a literal: never after a complete operand)
  const startsExpr = g.next.has('True');
  // after a complete statement a new one may start (a block may close, or a statement word come); of the
  // words that would continue the one above, only 且 / 或 begin a line
  const statementDone = g.next.has('RBrace') || g.types.some((t) => STATEMENT_WORDS.has(t.name));
  if (startsExpr) {
    namesInScope();
    if (g.block === '性质' && !open) {
      add(APPLIES, 'function', '性质中：措施在评估日期是否适用', 2, { snippet: `${APPLIES}（$1）` });
      add(IS_VOID, 'variable', '性质中：政策在评估日期是否已废止', 2);
    }
  } else if (g.next.has('TypeKeyword') && p) {
    for (const [name, e] of p.checked.entities) if (name !== '事件') add(name, 'entity', `实体（${e.fields.length} 个字段）`, 1);
    for (const [name] of p.checked.enums) add(name, 'enum', '枚举', 1);
  } else if (g.block === '规则' && lineStart && enc.measure && (g.next.has('Name') || g.next.has('QuotedName'))) {
    // a rule's assignments: 结果名 = 值
    for (const o of enc.measure.outcomes) add(o.name.text, 'outcome', `结果：${typeRefText(ws, o.type)}`, 0);
  }
  if (open) return result();
  for (const t of g.types) {
    if (LIST_ONLY.has(t.name)) continue;
    if (t.name === 'AttrKey') {
      const allowed: Readonly<Record<string, string>> | undefined = ATTRIBUTES[g.block as AttributeBlock];
      for (const [k, mode] of Object.entries(allowed ?? {})) {
        const documentation = keywordDoc(k, g.block);
        add(k, 'keyword', `${g.block}的属性（${mode === 'one' ? '一个值' : '可写多个值'}）`, lineStart ? 0 : 5, { snippet: k === '失效' ? '失效 {\n\t$0\n}' : `${k}：$0`, ...(documentation ? { documentation } : {}) });
      }
      continue;
    }
    const starter = STATEMENT_WORDS.has(t.name);
    // (type and period words are primaries too — conversions — but the functions above name them)
    if (startsExpr && (t.name === 'TypeKeyword' || t.name === 'PeriodKeyword')) continue;
    if (lineStart && statementDone && !starter && t.name !== 'And' && t.name !== 'Or') continue;
    for (const w of wordsOf(t)) {
      const documentation = keywordDoc(w, g.block);
      add(w, 'keyword', starter ? '声明' : '关键字', starter ? (lineStart ? 1 : 5) : 4, documentation ? { documentation } : {});
    }
  }
  return result();
}
