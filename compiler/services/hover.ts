/**
 * Hover: what a name is, from the compiler's model — type and unit of fields,
 * parameters, outcomes and indicators; the clause's label and 原文 for a clause
 * number, a measure or a rule; a parameter's value in force today with its source
 * (marked 未确认 when not confirmed); a definition's type, expression, 原文 and 说明, a
 * 前提's condition; the doc of built-in and aggregate functions; on the path of
 * an `导入 "…"`, the imported file and its declarations; the name of a 定性 (its clause, 类别, 理由 and
 * 原文) or of the 政策 (文号, 标题, 发文机关, 生效) — names that are not symbols; a keyword, what it means
 * (keyword-docs.ts — an attribute key as the block it is in takes it); a value that is no symbol: a 类别
 * (a 性质's: what it checks; a 定性's or 措施's: the free grouping), a unit word in a type, 某日 in 生效.
 * Input: a ProgramSet, a file, an offset. Output: Markdown and the span it is about.
 */
import type { CompiledProgram } from '../index.js';
import type { ClauseInfo } from '../semantics/model.js';
import { typeToString } from '../semantics/model.js';
import type * as A from '../syntax/ast.js';
import { valueOn } from '../semantics/parameters.js';
import { decToString } from '../common/decimal.js';
import { formatIso, type CalendarDate } from '../common/calendar.js';
import { FUNCTIONS, AGGREGATES, EVAL_DATE, EFFECTIVE_DATE, IS_VOID, APPLIES } from '../semantics/builtins.js';
import { kindName } from '../semantics/binder.js';
import { lower } from '../ir/lower.js';
import type { IrProgram } from '../ir/ir.js';
import { type ProgramSet as Workspace, paramPath } from './program-set.js';
import { nameAt, type NameAt } from './symbols.js';
import { importTarget } from '../project/program.js';
import { clauseLabels, declTree, enclosingDecls, DECL_KIND_NAME } from './decls.js';
import { keywordDoc, unitDoc } from './keyword-docs.js';
import { grammarContext, tokenBefore } from './grammar-context.js';
import { KEYWORDS } from '../syntax/tokens.js';
import { PROPERTY_CATEGORIES, PROPERTY_CATEGORY_DOCS } from '../syntax/attributes.js';
import { tokenEnd } from '../syntax/lexer.js';

const lowered = new WeakMap<CompiledProgram, IrProgram | null>();

/** The program lowered to IR, if it has no errors (cached per compiled program). */
export function loweredOf(p: CompiledProgram): IrProgram | undefined {
  if (lowered.has(p)) return lowered.get(p) ?? undefined;
  let ir: IrProgram | null = null;
  if (p.checked.policy && !p.diagnostics.some((d) => d.severity === 'error')) {
    try {
      const r = lower(p);
      if (!r.diagnostics.some((d) => d.severity === 'error')) ir = r.value;
    } catch {
      ir = null;
    }
  }
  lowered.set(p, ir);
  return ir ?? undefined;
}

export function clauseOf(p: CompiledProgram, anchor: string | undefined): ClauseInfo | undefined {
  return anchor ? p.checked.clauses.find((c) => c.anchor === anchor) : undefined;
}

/** Written type with its unit: `时长（天）`（单位：天）. */
export function typeRefText(ws: Workspace, t: A.TypeRef): string {
  const text = ws.textOf(t.span.file)?.slice(t.span.start, t.span.end).replace(/\s+/g, ' ') ?? '';
  if (t.kind === 'named') return text || t.name.text;
  const unit = t.unit?.canonical ?? (t.name === '金额' ? '元' : t.name === '比例' ? '%' : undefined);
  return unit ? `${text}（单位：${unit}）` : text;
}

const code = (s: string) => '`' + s.replace(/`/g, 'ˋ') + '`';
const quote = (lines: readonly string[]) => lines.map((l) => `> ${l.replace(/\n/g, ' ')}`).join('\n>\n');

function clauseBlock(c: ClauseInfo, heading = true): string[] {
  const out: string[] = [];
  if (heading) out.push(`条款 **${c.label}**${c.title ? ` “${c.title}”` : ''}　锚点 ${code(c.anchor)}`);
  if (c.decl.quotes.length) out.push('原文：', quote(c.decl.quotes.map((q) => q.value)));
  return out;
}

/** Markdown hover for a name. */
export function hoverText(ws: Workspace, at: NameAt, today: CalendarDate): string {
  const { sym, program: p } = at;
  const decl = sym.decl as Record<string, unknown> | undefined;
  const out: string[] = [];
  const kind = kindName(sym.kind);
  const qual = sym.container ? `${sym.container}.${sym.name}` : sym.name;
  switch (sym.kind) {
    case 'field': {
      const fd = decl as unknown as A.FieldDecl | undefined;
      const t = fd ? typeRefText(ws, fd.type) : sym.type ? typeToString(sym.type) : '';
      out.push(`**${kind}** ${code(qual)}：${t}`);
      if (fd?.doc) out.push(fd.doc.value);
      break;
    }
    case 'param': {
      const pd = decl as unknown as A.ParamDecl;
      out.push(`**${kind}** ${code(sym.name)}：${typeRefText(ws, pd.type)}`);
      const path = paramPath(pd.span.file, pd.from.value);
      const def = p.parameters.get(path)?.get(sym.name);
      if (!def) out.push(`参数文件“${pd.from.value}”中没有该参数`);
      else {
        if (def.note) out.push(def.note);
        const v = valueOn(def, today);
        if (!v) out.push(`今日（${formatIso(today)}）没有生效的取值（最早自 ${def.values[0] ? formatIso(def.values[0].from) : '—'} 起）`);
        else {
          out.push(`今日（${formatIso(today)}）取值：**${decToString(v.value)}${def.unit}**（自 ${formatIso(v.from)} 起）${v.confirmed ? '' : '　⚠ **未确认**'}`);
          out.push(`来源：${v.source}${v.confirmed ? '' : '（未确认）'}`);
        }
        out.push(`参数文件：${code(pd.from.value)}`);
      }
      break;
    }
    case 'outcome': {
      const od = decl as unknown as A.OutcomeDecl;
      out.push(`**${kind}** ${code(qual)}：${typeRefText(ws, od.type)}${od.period ? `，${od.period}` : ''}${od.required ? '，必须' : ''}`);
      const m = p.checked.measures.get(sym.container ?? '');
      const c = clauseOf(p, m?.clause);
      if (c) out.push(`措施 ${code(sym.container ?? '')}，条款 ${c.label}${c.title ? ` “${c.title}”` : ''}`);
      break;
    }
    case 'indicator': {
      const ind = p.checked.indicators.get(sym.name)?.decl ?? (decl as unknown as A.IndicatorDecl);
      const t = ind.type ? typeRefText(ws, ind.type) : typeToString(p.checked.types.get(ind.value) ?? { k: 'error' });
      out.push(`**${kind}** ${code(sym.name)}：${t}`);
      const expr = ws.textOf(ind.value.span.file)?.slice(ind.value.span.start, ind.value.span.end);
      if (expr) out.push(`= ${code(expr.replace(/\s+/g, ' '))}`);
      const ir = loweredOf(p)?.indicators.find((i) => i.name === sym.name);
      if (ir) out.push(`值：**${ir.value}${ir.unit}**${ir.exact ? '' : `（${ir.fraction}）`}`);
      if (ind.note) out.push(ind.note.value);
      const c = clauseOf(p, sym.clause);
      if (c) out.push(`条款 ${c.label}${c.title ? ` “${c.title}”` : ''}`);
      break;
    }
    case 'definition': {
      const dd = decl as unknown as A.DefinitionDecl;
      const t = dd.type ? typeRefText(ws, dd.type) : typeToString(p.checked.types.get(dd.value) ?? { k: 'error' });
      out.push(`**${kind}** ${code(qual)}：${t}`);
      if (dd.entity) out.push(`（实体 ${code(dd.entity.text)} 上的定义：每个${dd.entity.text}各有一个值，写作 ${code(`${dd.entity.text}.${dd.name.text}`)}）`);
      const expr = ws.textOf(dd.value.span.file)?.slice(dd.value.span.start, dd.value.span.end);
      if (expr) out.push(`= ${code(expr.replace(/\s+/g, ' '))}`);
      if (dd.quotes.length) out.push('原文：', quote(dd.quotes.map((q) => q.value)));
      if (dd.note) out.push(`说明：${dd.note.value}`);
      if (dd.doubts.length) out.push(`存疑：${dd.doubts.map((d) => d.text).join('、')}`);
      const c = clauseOf(p, sym.clause);
      if (c) out.push(`条款 **${c.label}**${c.title ? ` “${c.title}”` : ''}　锚点 ${code(c.anchor)}`);
      break;
    }
    case 'assumption': {
      const ad = decl as unknown as A.AssumptionDecl;
      out.push(`**${kind}** ${code(sym.name)}：是否`);
      const cond = ad.condition && ws.textOf(ad.condition.span.file)?.slice(ad.condition.span.start, ad.condition.span.end);
      if (cond) out.push(`条件：${code(cond.replace(/\s+/g, ' '))}`);
      if (ad.quotes.length) out.push('原文：', quote(ad.quotes.map((q) => q.value)));
      if (ad.note) out.push(`说明：${ad.note.value}`);
      out.push('不满足时，求值结果在“前提不满足”中列出它；核查只考虑满足全部前提的输入');
      const c = clauseOf(p, sym.clause);
      if (c) out.push(`条款 **${c.label}**${c.title ? ` “${c.title}”` : ''}　锚点 ${code(c.anchor)}`);
      break;
    }
    case 'measure': {
      const m = p.checked.measures.get(sym.name);
      out.push(`**${kind}** ${code(sym.name)}`);
      if (m) {
        const c = clauseOf(p, m.clause);
        if (c) out.push(`条款 **${c.label}**${c.title ? ` “${c.title}”` : ''}　锚点 ${code(c.anchor)}`);
        if (m.decl.quotes.length) out.push('原文：', quote(m.decl.quotes.map((q) => q.value)));
        else if (c) out.push(...clauseBlock(c, false));
        const names = (ns: readonly A.Name[]) => ns.map((n) => n.text).join('、');
        if (m.decl.lead.length) out.push(`牵头单位：${names(m.decl.lead)}`);
        if (m.decl.responsible.length) out.push(`责任单位：${names(m.decl.responsible)}`);
        if (m.decl.subject) out.push(`对象：${m.decl.subject.text}`);
        for (const o of m.decl.outcomes) out.push(`- 结果 ${code(o.name.text)}：${typeRefText(ws, o.type)}${o.period ? `，${o.period}` : ''}`);
      }
      break;
    }
    case 'rule': {
      const rd = decl as unknown as A.RuleDecl;
      const m = p.checked.measures.get(sym.container ?? '');
      out.push(`**${kind}** ${code(qual)}`);
      const over = m?.overrides.get(sym.name);
      if (over && over.size) out.push(`例外于：${[...over].join('、')}`);
      const c = clauseOf(p, sym.clause);
      if (c) out.push(`条款 **${c.label}**${c.title ? ` “${c.title}”` : ''}　锚点 ${code(c.anchor)}`);
      const quotes = rd.quotes.length ? rd.quotes : m?.decl.quotes.length ? m.decl.quotes : c?.decl.quotes ?? [];
      if (quotes.length) out.push('原文：', quote(quotes.map((q) => q.value)));
      if (rd.note) out.push(rd.note.value);
      break;
    }
    case 'clause': {
      const c = p.checked.clauses.find((x) => x.anchor === sym.clause);
      if (c) out.push(...clauseBlock(c));
      break;
    }
    case 'entity': {
      const e = p.checked.entities.get(sym.name);
      out.push(`**${kind}** ${code(sym.name)}`);
      for (const f of e?.fields ?? []) out.push(`- ${code(f.name.text)}：${typeRefText(ws, f.type)}${f.doc ? ` — ${f.doc.value}` : ''}`);
      break;
    }
    case 'enum': {
      const e = p.checked.enums.get(sym.name);
      out.push(`**${kind}** ${code(sym.name)}：${e?.members.map((m) => m.text).join('、') ?? ''}`);
      break;
    }
    case 'enumMember':
      out.push(`**${kind}** ${code(sym.name)}（枚举 ${code(sym.container ?? '')}）`);
      break;
    case 'org': {
      const o = p.checked.orgs.get(sym.name);
      out.push(`**${kind}** ${code(sym.name)}`);
      if (o?.fullName) out.push(`全称：${o.fullName.value}`);
      if (o && o.name.text !== sym.name) out.push(`（“${o.name.text}”的别名）`);
      if (o?.aliases.length) out.push(`别名：${o.aliases.map((a) => a.text).join('、')}`);
      break;
    }
    case 'doubt': {
      const d = p.checked.doubts.get(sym.name);
      out.push(`**${kind}** ${code(sym.name)}`);
      if (d) {
        if (d.decl.quotes.length) out.push('原文：', quote(d.decl.quotes.map((q) => q.value)));
        for (const r of d.decl.readings) out.push(`- 解读 ${code(r.name.text)}：${r.text.value}${d.decl.adopted?.text === r.name.text ? '（采用）' : ''}`);
        if (d.decl.reason) out.push(`理由：${d.decl.reason.value}`);
      }
      break;
    }
    case 'reading': {
      const d = p.checked.doubts.get(sym.container ?? '');
      const r = d?.decl.readings.find((x) => x.name.text === sym.name);
      out.push(`**${kind}** ${code(qual)}${d?.decl.adopted?.text === sym.name ? '（采用）' : ''}`);
      if (r) out.push(r.text.value);
      break;
    }
    case 'property': {
      const pr = p.checked.properties.get(sym.name);
      out.push(`**${kind}** ${code(sym.name)}`);
      if (pr?.decl.note) out.push(pr.decl.note.value);
      break;
    }
    case 'builtin': {
      const f = FUNCTIONS[sym.name];
      if (f) out.push(`**内置函数** ${code(`${sym.name}（${f.params.map(typeToString).join('，')}）`)} → ${typeToString(f.result)}`, f.doc);
      else if (sym.name === EVAL_DATE) out.push(`**内置名称** ${code(sym.name)}：日期`, '求值时的评估日期');
      else if (sym.name === EFFECTIVE_DATE) {
        const eff = p.checked.policy?.decl.effective;
        out.push(`**内置名称** ${code(sym.name)}：日期`, '本政策的施行日（政策“生效”所写的日期）');
        if (eff?.date) out.push(`生效：${formatIso(eff.date)}`);
        else if (eff?.range) out.push(`生效：某日（${formatIso(eff.range.lo)} 至 ${formatIso(eff.range.hi)} 之间，含两端）——与它比较的结论只在整个区间都一致时才确定，否则为存疑`);
        else if (eff?.invalid) out.push('政策的“生效”写法有误（见该处的错误）');
        else out.push('生效日期未知：与它比较的结论为存疑');
      }
      else if (sym.name === IS_VOID) out.push(`**内置名称** ${code(sym.name)}：是否`, '（仅用于性质）评估日期时本政策是否已因上级政策事件废止');
      else if (AGGREGATES[sym.name]) out.push(`**汇总函数** ${code(`${sym.name}（列表${AGGREGATES[sym.name]!.arity.includes(1) ? '[，条件]' : '，表达式'}）`)}`, AGGREGATES[sym.name]!.doc);
      else if (sym.name === APPLIES) out.push(`**内置函数** ${code(`${sym.name}（措施）`)} → 是否`, '（仅用于性质）措施在评估日期是否适用');
      else out.push(`**内置名称** ${code(sym.name)}`);
      break;
    }
  }
  return out.join('\n\n');
}

/** The `导入 "…"` whose path string contains `offset`, with the file it names. */
export function importAt(ws: Workspace, path: string, offset: number): { decl: A.ImportDecl; target: string } | undefined {
  const ast = ws.parsedOf(path)?.ast;
  for (const it of ast?.items ?? []) {
    if (it.kind !== 'import') continue;
    if (it.path.span.start <= offset && offset <= it.path.span.end) return { decl: it, target: importTarget(path, it.path.value) };
  }
  return undefined;
}

/** Markdown for an import: the file it names and what that file declares. */
export function importHoverText(ws: Workspace, imp: { decl: A.ImportDecl; target: string }): string {
  const out = [`**导入** ${code(imp.decl.path.value)}　文件 ${code(imp.target)}`];
  const parsed = ws.parsedOf(imp.target);
  if (!parsed) {
    out.push(ws.textOf(imp.target) === undefined ? '该文件不存在（路径相对于本文件所在目录）' : '该文件尚未编译');
    return out.join('\n\n');
  }
  const decls = declTree(parsed.ast).filter((d) => d.kind !== 'import');
  if (!decls.length) out.push('（该文件没有声明）');
  else {
    out.push(`声明（${decls.length} 项）：`);
    out.push(decls.map((d) => {
      const kids = d.children.length ? `：${d.children.slice(0, 12).map((c) => c.name).join('、')}${d.children.length > 12 ? ` 等 ${d.children.length} 项` : ''}` : '';
      return `- ${DECL_KIND_NAME[d.kind]} ${code(d.name)}${kids}`;
    }).join('\n'));
  }
  return out.join('\n\n');
}

/** Hover at an offset: Markdown and the span it describes, or undefined. */
export function hoverAt(ws: Workspace, path: string, offset: number, today: CalendarDate): { text: string; start: number; end: number } | undefined {
  const imp = importAt(ws, path, offset);
  if (imp) return { text: importHoverText(ws, imp), start: imp.decl.path.span.start, end: imp.decl.path.span.end };
  const at = nameAt(ws, path, offset);
  if (!at) return declNameHover(ws, path, offset) ?? keywordHover(ws, path, offset) ?? valueHover(ws, path, offset);
  const text = hoverText(ws, at, today);
  return text ? { text, start: at.start, end: at.end } : undefined;
}

/**
 * The name of a declaration that is no symbol — a 定性 (`定性 落实孕前优生和妇幼健康项目 {`) or the
 * 政策 (`政策 「栾川县…」 {`): what it is, where, and its attributes.
 */
function declNameHover(ws: Workspace, path: string, offset: number): { text: string; start: number; end: number } | undefined {
  const ast = ws.parsedOf(path)?.ast;
  if (!ast) return undefined;
  const programs = ws.programsOf(path);
  const chain = enclosingDecls(declTree(ast, clauseLabels(programs)), offset);
  const d = chain[chain.length - 1];
  if (!d || (d.kind !== 'qualitative' && d.kind !== 'policy') || d.nameSpan === d.span) return undefined;
  if (offset < d.nameSpan.start || offset > d.nameSpan.end) return undefined;
  const out: string[] = [];
  if (d.kind === 'qualitative') {
    const q = d.node as A.QualDecl;
    out.push(`**定性** ${code(d.name)}（不可计算的句子：不求值；zhengce coverage 计为“已标注不可计算”）`);
    const clause = [...chain].reverse().find((c) => c.kind === 'clause');
    const info = clause && programs.map((p) => p.checked.clauses.find((c) => c.decl === clause.node)).find((c) => c);
    if (info) out.push(`条款 **${info.label}**${info.title ? ` “${info.title}”` : ''}　锚点 ${code(info.anchor)}`);
    if (q.category) out.push(`类别：${q.category.text}`);
    if (q.reason) out.push(`理由：${q.reason.value}`);
    if (q.quotes.length) out.push('原文：', quote(q.quotes.map((x) => x.value)));
    if (q.lead.length) out.push(`牵头单位：${q.lead.map((n) => n.text).join('、')}`);
    if (q.responsible.length) out.push(`责任单位：${q.responsible.map((n) => n.text).join('、')}`);
  } else {
    const pd = d.node as A.PolicyDecl;
    out.push(`**政策** ${code(d.name)}`);
    if (pd.docNumber) out.push(`文号：${pd.docNumber.value}`);
    if (pd.title) out.push(`标题：${pd.title.value}`);
    if (pd.issuer) out.push(`发文机关：${pd.issuer.value}`);
    const eff = pd.effective;
    if (eff) out.push(`生效：${eff.date ? formatIso(eff.date) : eff.range ? `某日（${formatIso(eff.range.lo)} 至 ${formatIso(eff.range.hi)} 之间）` : eff.invalid ? '（写法有误，见该处的错误）' : '未知'}`);
  }
  return { text: out.join('\n\n'), start: d.nameSpan.start, end: d.nameSpan.end };
}

/** What the keyword at `offset` means (an attribute key: as the block it is in takes it). */
function keywordHover(ws: Workspace, path: string, offset: number): { text: string; start: number; end: number } | undefined {
  const tokens = ws.parsedOf(path)?.tokens;
  if (!tokens) return undefined;
  // the token the offset is in
  const k = tokenBefore(tokens, offset + 1);
  const t = tokens[k];
  if (!t || offset >= tokenEnd(t)) return undefined;
  const name = t.tokenType.name;
  if (name === 'Unit') {
    const text = unitDoc(t.image);
    return text ? { text, start: t.startOffset, end: tokenEnd(t) } : undefined;
  }
  if (name === 'Name' || name === 'QuotedName' || !KEYWORDS.includes(t.image)) return undefined;
  // (the block only for an attribute key: its meaning depends on it; a grammar walk for no other keyword)
  const isKey = (t.tokenType.CATEGORIES ?? []).some((c) => c.name === 'AttrKey');
  const text = keywordDoc(t.image, isKey ? grammarContext(tokens, k - 1)?.block : undefined);
  return text ? { text, start: t.startOffset, end: tokenEnd(t) } : undefined;
}

/**
 * A name that is a value, not a symbol: a 类别 (of a 性质: what it checks; of a 定性 or 措施: the free
 * grouping and how many use it), a unit word in a type (`时长（天）`), 某日 in `生效：某日（…）`.
 */
function valueHover(ws: Workspace, path: string, offset: number): { text: string; start: number; end: number } | undefined {
  const tokens = ws.parsedOf(path)?.tokens;
  if (!tokens) return undefined;
  const k = tokenBefore(tokens, offset + 1);
  const t = tokens[k];
  if (!t || offset >= tokenEnd(t) || (t.tokenType.name !== 'Name' && t.tokenType.name !== 'QuotedName')) return undefined;
  const span = { start: t.startOffset, end: tokenEnd(t) };
  const name = t.tokenType.name === 'QuotedName' ? t.image.slice(1, -1) : t.image;
  const prev = tokens[k - 1];
  const key = tokens[k - 2];
  if (prev?.tokenType.name === 'Colon' && key?.image === '类别') {
    const block = grammarContext(tokens, k - 2)?.block;
    if (block === '性质' && PROPERTY_CATEGORIES.includes(name)) {
      return { text: `**性质的类别** ${code(name)}：${PROPERTY_CATEGORY_DOCS[name]}（语言说明 §8.15）`, ...span };
    }
    if (block === '定性' || block === '措施') {
      let quals = 0;
      let measures = 0;
      const p = ws.programsOf(path)[0];
      for (const q of p?.checked.qualitative ?? []) if (q.decl.category?.text === name) quals++;
      for (const m of p?.checked.measures.values() ?? []) if (m.decl.category?.text === name) measures++;
      const uses = [quals ? `${quals} 项定性` : '', measures ? `${measures} 项措施` : ''].filter(Boolean).join('、');
      return { text: `**类别** ${code(name)}：${block}的类别是自由命名的分组${uses ? `；本政策中 ${uses}用这个类别` : ''}`, ...span };
    }
    return undefined;
  }
  // a unit word in a written type: 时长（天）, 时长（个月）
  if (prev?.tokenType.name === 'LParen' && (key?.tokenType.CATEGORIES ?? []).some((c) => c.name === 'TypeKeyword')) {
    const text = unitDoc(t.image);
    return text ? { text, ...span } : undefined;
  }
  const f = FUNCTIONS[name];
  if (f && tokens[k + 1]?.tokenType.name === 'LParen') {
    return { text: [`**内置函数** ${code(`${name}（${f.params.map(typeToString).join('，')}）`)} → ${typeToString(f.result)}`, f.doc].join('\n\n'), ...span };
  }
  return undefined;
}

/** Today as a calendar date (local time), or the override. */
export function todayDate(override?: string): CalendarDate {
  if (override && /^\d{4}-\d{2}-\d{2}$/.test(override)) {
    const [y, m, d] = override.split('-').map(Number) as [number, number, number];
    return { y, m, d } as CalendarDate;
  }
  const now = new Date();
  return { y: now.getFullYear(), m: now.getMonth() + 1, d: now.getDate() } as CalendarDate;
}

