/**
 * Completion. The context is read from the compiler's tokens of the current text
 * (the last token before the cursor) and the AST (the enclosing measure / doubt /
 * clause); the candidates come from the checked program: keywords (KEYWORDS), names
 * in scope, fields after “实体.”, outcomes after “措施.”, enum members, parameters,
 * indicators, measures, outcomes inside a measure, organisations after
 * 牵头单位/责任单位/解释机关, entities after 对象, rules after 例外于, readings after
 * 采用, units after a number (UNIT_WORDS), and clause numbers / labels after 条款.
 */
import type { IToken } from 'chevrotain';
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type Range } from 'vscode-languageserver-protocol';
import { KEYWORDS, UNIT_WORDS, type CompiledProgram, type ParsedFile } from '../../../compiler/index.js';
import type * as A from '../../../compiler/syntax/ast.js';
import { tokenEnd } from '../../../compiler/syntax/lexer.js';
import { FUNCTIONS, EVAL_DATE } from '../../../compiler/semantics/builtins.js';
import { formatChineseNumeral } from '../../../compiler/common/numerals.js';
import { typeToString } from '../../../compiler/semantics/model.js';
import type { Workspace } from './workspace.js';
import { writeName } from '../../../compiler/services/names.js';
import { typeRefText } from '../../../compiler/services/hover.js';

const NAME_TOKENS = new Set(['Name', 'QuotedName', 'BadQuotedName']);

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

/** Declarations around an offset (innermost last). */
function enclosing(ast: A.FileAst, offset: number): Enclosing {
  const out: Enclosing = { clauses: [] };
  const inside = (s: { start: number; end: number }) => s.start <= offset && offset <= s.end;
  const visitDoubt = (d: A.DoubtDecl) => {
    if (inside(d.span)) out.doubt = d;
  };
  const visitClause = (c: A.ClauseDecl) => {
    if (!inside(c.span)) return;
    out.clauses.push(c);
    for (const it of c.items) {
      if (it.kind === 'clause') visitClause(it);
      else if (it.kind === 'measure' && inside(it.span)) {
        out.measure = it;
        it.doubts.forEach(visitDoubt);
      } else if (it.kind === 'doubt') visitDoubt(it);
    }
  };
  for (const it of ast.items) {
    if (it.kind === 'clause') visitClause(it);
    else if (it.kind === 'doubt') visitDoubt(it);
  }
  if (!out.measure) {
    // an unfinished measure: its span may stop before the cursor; take the last one started before it
    let last: A.MeasureDecl | undefined;
    const scan = (items: readonly A.ClauseItem[]) => {
      for (const it of items) {
        if (it.kind === 'clause') scan(it.items);
        else if (it.kind === 'measure' && it.span.start <= offset) last = it;
      }
    };
    for (const it of ast.items) if (it.kind === 'clause') scan(it.items);
    const innermost = out.clauses[out.clauses.length - 1];
    if (last && (!innermost || last.span.start >= innermost.span.start)) out.measure = last;
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

export interface CompletionContext {
  readonly ws: Workspace;
  readonly path: string;
  readonly offset: number;
  readonly parsed: ParsedFile;
  readonly program: CompiledProgram | undefined;
  readonly toRange: (start: number, end: number) => Range;
  /** The character that triggered completion, if any. */
  readonly trigger?: string;
}

/** List separators trigger completion only where a list of names is expected. */
const SEPARATORS = new Set(['、', '，', ',']);

export function complete(ctx: CompletionContext): CompletionItem[] {
  const { parsed, offset, program: p } = ctx;
  const tokens = parsed.tokens;
  // no completion inside comments and strings
  for (const c of parsed.comments) if (c.startOffset < offset && offset <= tokenEnd(c)) return [];
  let i = tokenBefore(tokens, offset);
  const last = tokens[i];
  if (last && kindOf(last) === 'StringLit' && offset < tokenEnd(last)) return [];
  if (last && kindOf(last) === 'StringLit' && offset === tokenEnd(last) && !/"$/.test(last.image)) return [];
  // the word being typed
  let word: IToken | undefined;
  if (last && tokenEnd(last) >= offset && (NAME_TOKENS.has(kindOf(last)) || isKeywordToken(last) || kindOf(last) === 'Unit')) {
    word = last;
    i--;
  }
  const prev = tokens[i];
  const range = word ? ctx.toRange(word.startOffset, Math.max(offset, tokenEnd(word))) : ctx.toRange(offset, offset);
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  const add = (label: string, kind: CompletionItemKind, detail: string, sort: number, opts: Partial<CompletionItem> = {}) => {
    const key = `${label}|${kind}`;
    if (seen.has(key)) return;
    seen.add(key);
    const text = kind === CompletionItemKind.Keyword || kind === CompletionItemKind.Unit || kind === CompletionItemKind.Reference ? label : writeName(label);
    items.push({ label, kind, detail, sortText: `${sort}_${label}`, filterText: text, textEdit: { range, newText: text }, ...opts });
  };
  const ast = parsed.ast;
  const enc = enclosing(ast, offset);

  // units directly after a number
  if (prev && (kindOf(prev) === 'NumberLit' || kindOf(prev) === 'ChineseNumber') && tokenEnd(prev) === (word ? word.startOffset : offset)) {
    for (const u of UNIT_WORDS) add(u, CompletionItemKind.Unit, '单位', 0);
    return items;
  }
  if (word && kindOf(word) === 'Unit') {
    for (const u of UNIT_WORDS) add(u, CompletionItemKind.Unit, '单位', 0);
    return items;
  }

  // after “.”: fields of an entity, outcomes of a measure
  if (prev && kindOf(prev) === 'Dot') {
    const obj = tokens[i - 1];
    const name = obj ? (kindOf(obj) === 'QuotedName' ? obj.image.slice(1, -1) : obj.image) : '';
    const ent = p?.checked.entities.get(name);
    if (ent) for (const f of ent.fields) add(f.name.text, CompletionItemKind.Field, `${name} 的字段：${typeRefText(ctx.ws, f.type) || (p?.checked.symbols.get(`field:${name}.${f.name.text}`)?.type ? typeToString(p.checked.symbols.get(`field:${name}.${f.name.text}`)!.type!) : '')}`, 0, f.doc ? { documentation: f.doc.value } : {});
    const m = p?.checked.measures.get(name);
    if (m) for (const o of m.decl.outcomes) add(o.name.text, CompletionItemKind.Property, `${name} 的结果：${typeRefText(ctx.ws, o.type)}`, 0);
    return items;
  }

  // attribute context: walk back over a list of names to “键：”
  let j = i;
  while (j >= 0 && (NAME_TOKENS.has(kindOf(tokens[j])) || kindOf(tokens[j]) === 'Comma')) j--;
  const head = tokens[j];
  const keyTok = head && kindOf(head) === 'Colon' ? tokens[j - 1] : undefined;
  const key = keyTok?.image;
  if (key === '牵头单位' || key === '责任单位' || key === '解释机关') {
    for (const [name, o] of p?.checked.orgs ?? []) add(name, CompletionItemKind.Module, o.fullName?.value ?? (o.name.text !== name ? `${o.name.text}的别名` : '机构'), 0);
    return items;
  }
  if (key === '对象') {
    for (const [name] of p?.checked.entities ?? []) if (name !== '事件') add(name, CompletionItemKind.Class, '实体', 0);
    return items;
  }
  if (key === '采用' && enc.doubt) {
    for (const r of enc.doubt.readings) add(r.name.text, CompletionItemKind.EnumMember, `解读：${r.text.value}`, 0);
    return items;
  }
  // 例外于 rule, rule …
  if (head && kindOf(head) === 'ExceptionOf' && enc.measure) {
    for (const r of enc.measure.rules) add(r.name.text, CompletionItemKind.Method, `措施 ${enc.measure.name.text} 的规则`, 0);
    return items;
  }
  // 条款 <number>: the next numbers at this level, and the labels already used
  if (prev && kindOf(prev) === 'Clause') {
    const parent = enc.clauses[enc.clauses.length - 1];
    // clauses before the cursor that have a number (a half-typed one has none)
    const siblings = (parent ? parent.items : ast.items).filter((x): x is A.ClauseDecl => x.kind === 'clause' && x.number.length > 0 && x.numberSpan.end <= offset);
    const lastSib = siblings[siblings.length - 1];
    const lastPart = lastSib?.number[lastSib.number.length - 1];
    const parentPart = parent?.number[parent.number.length - 1];
    const next = lastPart ? partText(lastPart.level, lastPart.n + 1) : partText(parentPart ? DEEPER[parentPart.level] : 'sec', 1);
    add(next, CompletionItemKind.Reference, '下一个条款编号', 0, { preselect: true });
    for (const c of p?.checked.clauses ?? []) {
      if (c.file !== ctx.path) continue;
      add(c.label, CompletionItemKind.Reference, `已有条款${c.title ? `：${c.title}` : ''}（锚点 ${c.anchor}）`, 5, c.decl.quotes[0] ? { documentation: c.decl.quotes[0].value } : {});
    }
    return items;
  }

  // after a list separator elsewhere: enum members only (属于 {国家、…})
  if (ctx.trigger && SEPARATORS.has(ctx.trigger)) {
    for (const [name, en] of p?.checked.enums ?? []) for (const m of en.members) add(m.text, CompletionItemKind.EnumMember, `枚举 ${name} 的值`, 0);
    return items;
  }
  // general: names in scope, then keywords
  if (enc.measure) {
    for (const o of enc.measure.outcomes) add(o.name.text, CompletionItemKind.Property, `结果：${typeRefText(ctx.ws, o.type)}`, 0);
  }
  if (p) {
    for (const [name, e] of p.checked.entities) add(name, CompletionItemKind.Class, `实体（${e.fields.length} 个字段）`, 1);
    for (const [name, pd] of p.checked.params) add(name, CompletionItemKind.Constant, `参数：${typeRefText(ctx.ws, pd.type)}`, 1);
    for (const [name] of p.checked.indicators) add(name, CompletionItemKind.Variable, '指标', 1);
    for (const [name, en] of p.checked.enums) {
      add(name, CompletionItemKind.Enum, '枚举', 2);
      for (const m of en.members) add(m.text, CompletionItemKind.EnumMember, `枚举 ${name} 的值`, 2);
    }
    for (const [name, m] of p.checked.measures) add(name, CompletionItemKind.Function, `措施${m.clause ? `（条款 ${p.checked.clauses.find((c) => c.anchor === m.clause)?.label ?? ''}）` : ''}`, 3);
    for (const [name, f] of Object.entries(FUNCTIONS)) {
      add(name, CompletionItemKind.Function, `内置函数 → ${typeToString(f.result)}`, 2, {
        documentation: f.doc,
        insertTextFormat: InsertTextFormat.Snippet,
        textEdit: { range, newText: `${name}（$1）` },
      });
    }
    add(EVAL_DATE, CompletionItemKind.Variable, '内置：评估日期', 2);
  }
  for (const k of KEYWORDS) add(k, CompletionItemKind.Keyword, '关键字', 4);
  return items;
}
