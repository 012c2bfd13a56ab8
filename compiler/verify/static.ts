/**
 * Static verification checks (no solver): validity of the document itself, wording
 * lints on the 原文, indicator arithmetic, concepts tested differently across measures.
 * Input: IrProgram (+ the events registry). Output: findings.
 */
import { formatIso, fromDayNumber } from '../common/calendar.js';
import { asOneLine } from '../common/lines.js';
import type { DiagnosticCode } from '../diagnostics/catalog.js';
import { CATALOG } from '../diagnostics/catalog.js';
import type { RelatedInfo, Severity } from '../diagnostics/diagnostic.js';
import type { IrExpr, IrProgram, Origin } from '../ir/ir.js';
import { display, irChildren, voidDay } from '../interpret/interpreter.js';
import { validateInput } from '../interpret/validate.js';
import { fingerprint, type Finding } from './finding.js';

const span = (o: Origin) => ({ file: o.file, start: o.start, end: o.end });

/**
 * A wording finding's place: the words themselves where the declaration that quotes them writes them
 * (“不少于2次以上” in its 原文, the “（2）” a 条款's 原文 begins with), not the whole declaration or the
 * clause number its origin is — SARIF, the editor and the report then point where the auditor reads.
 * Looked for in the origin's text, else in its file from the origin on (a 条款's origin is its number;
 * its 原文 follows in its body); the origin itself when the words are in neither.
 */
function narrowTo(o: Origin, words: string, textOf?: (file: string) => string | undefined): Origin {
  if (!words) return o;
  const at = o.text.indexOf(words);
  if (at >= 0) return { file: o.file, start: o.start + at, end: o.start + at + words.length, text: words };
  const after = textOf?.(o.file)?.indexOf(words, o.start) ?? -1;
  return after < 0 ? o : { file: o.file, start: after, end: after + words.length, text: words };
}

/** `textOf` (a source file's text, optional) places wording findings on the words themselves. */
export function staticChecks(ir: IrProgram, events: unknown[], textOf?: (file: string) => string | undefined): Finding[] {
  const out: Finding[] = [];
  const add = (code: DiagnosticCode, f: { message: string; origin: Origin; subject: string; clauses?: Finding['clauses']; related?: RelatedInfo[]; severity?: Severity; accepted?: string; sides?: Finding['sides']; witness?: Finding['witness'] }) => {
    const { origin, ...rest } = f;
    out.push({
      code, severity: f.severity ?? CATALOG[code].severity, policy: ir.policy.id, span: span(origin), related: f.related ?? [],
      engine: 'static', fingerprint: fingerprint(code, ir.policy.id, f.subject), ...rest,
      // INVARIANT: each clause cited once (three measures of 四（八） cite 四（八）, not 四（八）、四（八）、四（八）)
      clauses: (f.clauses ?? []).filter((c, i, all) => all.findIndex((x) => x.anchor === c.anchor) === i),
    });
  };
  const anyOrigin: Origin = ir.measures[0]?.origin ?? ir.policy.sunset?.origin ?? { file: '', start: 0, end: 0, text: '' };
  const policyOrigin = ir.policy.sunset?.origin ?? anyOrigin;

  // ── validity ──
  const range = ir.policy.effectiveRange;
  if (ir.policy.effective === undefined && range) {
    add('ZC0906', {
      message: `政策的施行日只知道在 ${range.loIso} 至 ${range.hiIso} 之间（不确定的日期）：评估日期落在此区间内时，本应适用的措施为“存疑”；取决于施行日的结论见 ZC0920`,
      // at the 生效 line, like the unknown date below (it pointed at the 失效 block)
      origin: ir.policy.effectiveOrigin ?? policyOrigin, subject: 'effective-range',
      sides: [{ measure: '', yields: `施行日：最早 ${range.loIso}，最晚 ${range.hiIso}` }],
    });
  } else if (ir.policy.effective === undefined) {
    add('ZC0906', {
      message: `政策的生效日期未知${ir.policy.effectiveNote ? `：原文为“${ir.policy.effectiveNote}”，未写明具体日期` : ''}；求值时按已生效处理`,
      origin: ir.policy.effectiveOrigin ?? policyOrigin, subject: 'effective-unknown',
      ...(ir.policy.effectiveNote ? { accepted: `原文本身未写明日期（${ir.policy.effectiveNote}），属于文件的真实性质，已在政策中记录` } : {}),
    });
  }
  const s = ir.policy.sunset;
  if (s) {
    add('ZC0907', {
      // the condition as one line: its source may span lines (a newline would reach a terminal as <U+000A>)
      message: `失效条件“${asOneLine(s.condition.origin?.text ?? '')}”：满足条件的事件${s.start === 'sameDay' ? '当日' : '次日'}起文件即失效（事件前一日仍有效）`,
      origin: s.origin, subject: 'sunset-boundary',
    });
    const v = validateInput(ir, {}, '2000-01-01', events);
    if (v.problems.length === 0) {
      for (const ev of v.events) {
        const hit = voidDay(ir, [ev], new Map(), ev.day);
        if (!hit) continue;
        add('ZC0907', {
          severity: 'warning',
          message: `事件登记中的“${ev.event.标题 ?? ev.event.类别}”（${ev.event.级别}，${ev.event.日期}${ev.event.文号 ? `，${ev.event.文号}` : ''}）满足失效条件：本文件自 ${formatIso(fromDayNumber(hit.day))} 起已废止`,
          origin: s.origin, subject: `sunset-event:${ev.event.日期}:${ev.event.标题 ?? ''}`,
          witness: { facts: {}, date: formatIso(fromDayNumber(hit.day)), event: ev.event as never },
        });
      }
    }
  }
  for (const m of ir.measures) {
    for (const r of m.rules) {
      if (r.validFrom !== undefined && ir.policy.effective !== undefined && r.validFrom < ir.policy.effective) {
        add('ZC0917', { message: `规则“${r.name}”的有效期起于政策生效之前`, origin: r.origin, subject: `validity:${m.name}/${r.name}` });
      }
      // (counted from an uncertain 施行日: the start of the range's first or last day is before that day — `施行日 - 1个月 至 …`)
      const fr = r.validFromRange;
      const range = ir.policy.effectiveRange;
      if (fr?.shifts && range && (fr.lo < range.lo || fr.hi < range.hi)) {
        add('ZC0917', { message: `规则“${r.name}”的有效期起于政策生效之前（${r.validText ?? '自施行日起算'}）`, origin: r.origin, subject: `validity:${m.name}/${r.name}` });
      }
    }
  }

  // ── wording lints on the 原文 ──
  const lints: [RegExp, string][] = [
    [/(不少于|至少|不低于)[^，。；、]{0,12}以上/u, '数量限定词重复：“$1…以上”两次表达同一下限'],
    [/(不超过|至多|不高于)[^，。；、]{0,12}以下/u, '数量限定词重复：“$1…以下”两次表达同一上限'],
    [/(不超过|至多|不高于)[^，。；、]{0,12}以上/u, '数量限定词自相矛盾：“$1…以上”'],
    [/(不少于|至少|不低于)[^，。；、]{0,12}以下/u, '数量限定词自相矛盾：“$1…以下”'],
    [/等[^，。；]{0,20}等/u, '“等…等”重复'],
  ];
  const seen = new Set<string>();
  const quoteOwners: { quote: string; origin: Origin; clause: { anchor: string; label: string } }[] = [];
  for (const m of ir.measures) for (const q of m.citation.quotes) quoteOwners.push({ quote: q, origin: m.origin, clause: { anchor: m.citation.anchor, label: m.citation.label } });
  for (const c of ir.clauses) for (const q of c.quotes) quoteOwners.push({ quote: q, origin: c.origin, clause: { anchor: c.anchor, label: c.label } });
  // 存疑 notes quote exactly the wording under discussion (e.g. qualitative duties)
  for (const d of ir.doubts) {
    const c = ir.clauses.find((x) => x.anchor === d.clause);
    if (c) for (const q of d.quotes) quoteOwners.push({ quote: q, origin: c.origin, clause: { anchor: c.anchor, label: c.label } });
  }
  for (const { quote, origin, clause } of quoteOwners) {
    for (const [re, msg] of lints) {
      const m = re.exec(quote);
      if (!m) continue;
      const key = `${m[0]}@${clause.anchor}`;
      if (seen.has(key)) continue;
      seen.add(key);
      add('ZC0913', { message: `${msg.replace('$1', m[1] ?? '')}：“${m[0]}”`, origin: narrowTo(origin, m[0], textOf), subject: `wording:${clause.anchor}:${m[0]}`, clauses: [clause] });
    }
  }
  // clause numbering written in the 原文 vs the structural label: （2） where （二） is expected
  for (const c of ir.clauses) {
    const q = c.quotes[0] ?? '';
    const m = /^\s*[（(]([0-9０-９]+)[)）]/u.exec(q);
    if (m && /（[一二三四五六七八九十]+）$/u.test(c.label)) {
      add('ZC0913', {
        message: `条款编号格式不一致：原文写作“（${m[1]}）”，而同级条款使用“（一）”式编号（结构编号为 ${c.label}）`,
        origin: narrowTo(c.origin, m[0].trim(), textOf), subject: `numbering:${c.anchor}`, clauses: [{ anchor: c.anchor, label: c.label }],
      });
    }
  }

  // ── indicators ──
  for (const i of ir.indicators) {
    add('ZC0914', {
      message: `指标“${i.name}” = ${i.expr} = ${i.value || '（无法计算）'}${i.unit ? ` ${i.unit}` : ''}${i.exact ? '' : `（除不尽，精确值为 ${i.fraction}，括号内为循环节）`}${i.note ? `；${i.note}` : ''}`,
      origin: i.origin, subject: `indicator:${i.name}`, clauses: i.clause ? ir.clauses.filter((c) => c.anchor === i.clause).map((c) => ({ anchor: c.anchor, label: c.label })) : [],
    });
  }

  // ── concepts tested differently across measures ──
  // (a rule's condition is read through the definitions it uses, each once per measure: a test moved
  // into a 定义 — 「夫妻至少一方户籍在本县」 — is still the measure's test)
  const defs = new Map(ir.definitions.map((d) => [d.name, d] as const));
  const throughDefs = (conditions: readonly IrExpr[], visit: (e: IrExpr) => void): void => {
    const seen = new Set<string>();
    // every definition reached from e, through definitions too (acyclic, ZC0410; `seen` stops a cycle anyway)
    const reach = (e: IrExpr): void => {
      if (e.k === 'def' && !seen.has(e.name)) {
        seen.add(e.name);
        const d = defs.get(e.name);
        if (d) {
          visit(d.expr);
          reach(d.expr);
        }
      }
      irChildren(e).forEach(reach);
    };
    for (const c of conditions) {
      visit(c);
      reach(c);
    }
  };
  // an entity's field read at the root (家庭.子女数) or of an instance (a definition's own entity, a list's element)
  const asField = (x: IrExpr): { entity: string; field: string } | undefined =>
    x.k === 'field' ? x : x.k === 'get' && x.of.type.k === 'entity' ? { entity: x.of.type.name, field: x.field } : undefined;
  // does x read a record (a field, a definition, a list's element)? — else it is a value: a constant, a parameter, 施行日
  const readsRecord = (x: IrExpr): boolean => x.k === 'field' || x.k === 'get' || x.k === 'def' || x.k === 'var' || irChildren(x).some(readsRecord);
  const uses = new Map<string, Map<string, Set<string>>>(); // field → measure → tests
  const visit = (e: IrExpr, measure: string): void => {
    if (e.k === 'cmp') {
      const fx = asField(e.a) ? e.a : asField(e.b) ? e.b : e.a.k === 'age' && asField(e.a.birth) ? e.a.birth : undefined;
      const f = fx && asField(fx);
      const other = fx === e.a || (e.a.k === 'age') ? e.b : e.a;
      // (a field against another record's — 出生日期 < 子女.出生日期, ordering children in a 孩次 definition — relates two
      // records; it is no test of the concept against a value)
      if (fx && f && !readsRecord(other)) {
        const key = `${f.entity}.${f.field}`;
        const m = uses.get(key) ?? new Map<string, Set<string>>();
        const set = m.get(measure) ?? new Set<string>();
        set.add(`${e.word ?? e.op} ${other.k === 'const' ? display(other.type, other.value) : other.origin?.text ?? ''}`);
        m.set(measure, set);
        uses.set(key, m);
      }
    }
    const bf = e.type.k === 'bool' ? asField(e) : undefined;
    if (bf) {
      const key = `${bf.entity}.${bf.field}`;
      const m = uses.get(key) ?? new Map<string, Set<string>>();
      m.set(measure, (m.get(measure) ?? new Set()).add('为 是'));
      uses.set(key, m);
    }
    // a comparison's operands were handled above; do not count them again
    if (e.k !== 'cmp') for (const c of irChildren(e)) visit(c, measure);
  };
  for (const m of ir.measures) throughDefs(m.rules.map((r) => r.condition), (e) => visit(e, m.name));
  for (const [field, byMeasure] of [...uses].sort()) {
    if (byMeasure.size < 2) continue;
    const variants = new Set([...byMeasure.values()].map((s) => [...s].sort().join('；')));
    if (variants.size < 2) continue;
    const firstMeasure = ir.measures.find((mm) => byMeasure.has(mm.name))!;
    add('ZC0912', {
      clauses: [...byMeasure.keys()].map((mn) => ir.measures.find((mm) => mm.name === mn)!).map((mm) => ({ anchor: mm.citation.anchor, label: mm.citation.label })),
      related: [...byMeasure.keys()].slice(1).map((mn) => ({ span: span(ir.measures.find((mm) => mm.name === mn)!.origin), message: `措施“${mn}”` })),
      message: `“${field}”在不同措施中的检验方式不同：${[...byMeasure].map(([m, s]) => `${m}（${[...s].sort().join('；')}）`).join('，')}`,
      origin: firstMeasure.origin, subject: `concept:${field}`,
      sides: [...byMeasure].map(([m, s]) => ({ measure: m, yields: [...s].sort().join('；') })),
    });
  }
  // residency-like concepts: entity fields whose names mention 户籍/籍, per measure
  const residency = new Map<string, Set<string>>();
  for (const m of ir.measures) {
    const fields = new Set<string>();
    const walk = (e: IrExpr): void => {
      const f = asField(e);
      if (f && /户籍|籍/u.test(f.field)) fields.add(`${f.entity}.${f.field}`);
      irChildren(e).forEach(walk);
    };
    throughDefs(m.rules.map((r) => r.condition), walk);
    if (fields.size) residency.set(m.name, fields);
  }
  const forms = new Set([...residency.values()].map((s) => [...s].sort().join('、')));
  if (residency.size >= 2 && forms.size >= 2) {
    const ms = [...residency.keys()].map((mn) => ir.measures.find((mm) => mm.name === mn)!);
    add('ZC0912', {
      clauses: ms.map((mm) => ({ anchor: mm.citation.anchor, label: mm.citation.label })),
      related: ms.slice(1).map((mm) => ({ span: span(mm.origin), message: `措施“${mm.name}”` })),
      message: `户籍条件在不同措施中表述不同：${[...residency].map(([m, s]) => `${m}：${[...s].sort().join('、')}`).join('；')}`,
      origin: ms[0]!.origin, subject: 'concept:户籍',
      sides: [...residency].map(([m, s]) => ({ measure: m, yields: [...s].sort().join('、') })),
    });
  }
  return out;
}
