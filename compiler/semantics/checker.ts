/**
 * Type and unit checking pass.
 * Input: BoundProgram. Output: CheckedProgram (a Type for every expression) +
 * diagnostics (ZC05xx, and ZC0401/ZC0403 for names only resolvable with types).
 *
 * Unit rules (grammar/README.md §4): values of different dimensions never mix;
 * 月龄 and 周岁 compare only when one side is a literal that converts exactly
 * (N周岁 = 12N月龄); money is exact.
 * INVARIANT: every expression reachable from a declaration gets an entry in `types`
 * (the error type where checking failed), so later passes never meet an untyped node.
 */
import { diag, type Diagnostic, type Result } from '../diagnostics/diagnostic.js';
import { decIsInteger, decMul, decDivExact, decimal, decSign } from '../common/decimal.js';
import type * as A from '../syntax/ast.js';
import { T, sameType, typeToString, type BoundProgram, type CheckedProgram, type Type } from './model.js';
import { EVENT_ENTITY, EVENT_FIELDS, EVAL_DATE, FUNCTIONS, IS_VOID, APPLIES } from './builtins.js';
import { suggest } from './binder.js';

type Scope = 'rule' | 'sunset' | 'indicator' | 'property' | 'validity';

const isNumeric = (t: Type) => t.k === 'int' || t.k === 'number';
const isOrdered = (t: Type) => isNumeric(t) || t.k === 'money' || t.k === 'date' || t.k === 'quantity';

class Checker {
  readonly diagnostics: Diagnostic[] = [];
  readonly types = new Map<A.Expr, Type>();
  constructor(readonly p: BoundProgram) {}

  err(code: Parameters<typeof diag>[0], span: A.Expr['span'], message: string, extra: Parameters<typeof diag>[3] = {}): void {
    this.diagnostics.push(diag(code, span, message, extra));
  }

  /** A field's declared type, with unit sanity: 时长 takes a time unit, 年龄 周岁/月龄. */
  fieldType(t: A.TypeRef): Type {
    if (t.kind === 'builtin' && t.unit && (t.name === '时长' || t.name === '年龄')) {
      const d = t.unit.dimension;
      const ok = t.name === '时长' ? ['days', 'workdays', 'weeks', 'months', 'years', 'hours'].includes(d) : d === 'ageMonths' || d === 'ageYears';
      if (!ok) {
        this.err('ZC0303', t.span, `“${t.name}”不能以“${t.unitText}”为单位`, { help: t.name === '时长' ? '时长的单位：天、工作日、周、个月、年、小时' : '年龄的单位：周岁、月龄' });
        return T.error;
      }
    }
    return this.typeOfRef(t);
  }

  typeOfRef(t: A.TypeRef): Type {
    if (t.kind === 'named') {
      if (this.p.enums.has(t.name.text)) return { k: 'enum', name: t.name.text };
      if (this.p.entities.has(t.name.text)) return { k: 'entity', name: t.name.text };
      return T.error;
    }
    switch (t.name) {
      case '是否': return T.bool;
      case '整数': return T.int;
      case '数量': return T.int;
      case '金额': return T.money;
      case '日期': return T.date;
      case '文本': return T.text;
      case '比例': return T.q('ratio');
      case '列表': return t.element ? { k: 'list', elem: this.typeOfRef(t.element) } : T.error;
      case '时长':
      case '年龄':
        if (!t.unit) {
          this.err('ZC0311', t.span, `“${t.name}”类型须注明单位，例如 ${t.name === '时长' ? '时长（天）、时长（个月）' : '年龄（周岁）、年龄（月龄）'}`);
          return T.error;
        }
        if (t.unit.dimension === 'money') return T.money;
        if (t.unit.dimension === 'count') return T.int;
        return T.q(t.unit.dimension);
    }
  }

  literalType(e: Extract<A.Expr, { kind: 'number' }>): Type {
    if (!e.unit) return T.number;
    if (e.unit.dimension === 'money') {
      // money is exact to the fen
      const fen = decMul(decMul(e.value, e.unit.factor), decimal(100n));
      if (!decIsInteger(fen)) this.err('ZC0310', e.span, `金额“${e.raw}”精确到分以下`, { severity: 'warning', help: '金额以分为最小单位' });
      return T.money;
    }
    if (e.unit.dimension === 'count') {
      if (!decIsInteger(e.value)) this.err('ZC0301', e.span, `“${e.raw}”：计数必须是整数`);
      return T.int;
    }
    return T.q(e.unit.dimension);
  }

  /** Type an expression; `expected` guides enum member resolution. */
  expr(e: A.Expr, scope: Scope, expected?: Type): Type {
    const t = this.exprInner(e, scope, expected);
    this.types.set(e, t);
    return t;
  }

  private exprInner(e: A.Expr, scope: Scope, expected?: Type): Type {
    switch (e.kind) {
      case 'number': return this.literalType(e);
      case 'date': return T.date;
      case 'string': return T.text;
      case 'bool': return T.bool;
      case 'unknown': return T.error;
      case 'dayAnchor': return { k: 'dayAnchor' };
      case 'period': return { k: 'period' };
      case 'name': return this.name(e.name, scope, expected);
      case 'member': {
        const ot = this.expr(e.object, scope);
        if (ot.k === 'error') return T.error;
        if (ot.k === 'entity') {
          if (ot.name === EVENT_ENTITY) {
            const ft = EVENT_FIELDS[e.member.text];
            if (ft) {
              this.p.references.push({ span: e.member.span, target: `field:${EVENT_ENTITY}.${e.member.text}` });
              return ft;
            }
          }
          const ent = this.p.entities.get(ot.name);
          const f = ent?.fields.find((x) => x.name.text === e.member.text);
          if (f) {
            this.p.references.push({ span: e.member.span, target: `field:${ot.name}.${e.member.text}` });
            return this.typeOfRef(f.type);
          }
          const s = suggest(e.member.text, ent?.fields.map((x) => x.name.text) ?? Object.keys(EVENT_FIELDS));
          this.err('ZC0403', e.member.span, `实体“${ot.name}”没有字段“${e.member.text}”`, s
            ? { help: `是否想写“${s}”？`, fixes: [{ title: `改为“${s}”`, edits: [{ span: e.member.span, newText: e.member.quoted ? `「${s}」` : s }] }] }
            : { help: `在“实体 ${ot.name}”中声明该字段` });
          return T.error;
        }
        if (ot.k === 'measure') {
          const m = this.p.measures.get(ot.name)!;
          const o = m.decl.outcomes.find((x) => x.name.text === e.member.text);
          if (o) {
            this.p.references.push({ span: e.member.span, target: `outcome:${ot.name}.${e.member.text}` });
            return this.typeOfRef(o.type);
          }
          const s = suggest(e.member.text, m.decl.outcomes.map((x) => x.name.text));
          this.err('ZC0403', e.member.span, `措施“${ot.name}”没有结果“${e.member.text}”`, s ? { help: `是否想写“${s}”？` } : {});
          return T.error;
        }
        this.err('ZC0501', e.span, `${typeToString(ot)}没有字段，不能用“.”取值`);
        return T.error;
      }
      case 'call': {
        if (e.callee.text === APPLIES) {
          if (scope !== 'property') {
            this.err('ZC0407', e.callee.span, '“适用（措施）”只能在“性质”中使用');
            return T.error;
          }
          const arg = e.args[0];
          const m = arg && arg.kind === 'name' ? this.p.measures.get(arg.name.text) : undefined;
          if (e.args.length !== 1 || !m || !arg || arg.kind !== 'name') {
            this.err('ZC0501', e.span, '“适用”需要一个措施名称作参数，例如 适用（生育补助）');
            return T.error;
          }
          this.p.references.push({ span: e.callee.span, target: `builtin:${APPLIES}` });
          this.p.references.push({ span: arg.name.span, target: `measure:${arg.name.text}` });
          this.types.set(arg, { k: 'measure', name: arg.name.text });
          return T.bool;
        }
        const f = FUNCTIONS[e.callee.text];
        if (!f) {
          const s = suggest(e.callee.text, Object.keys(FUNCTIONS));
          this.err('ZC0401', e.callee.span, `未定义的函数“${e.callee.text}”`, { help: s ? `是否想写“${s}”？` : `可用的函数：${Object.keys(FUNCTIONS).join('、')}` });
          for (const a of e.args) this.expr(a, scope);
          return T.error;
        }
        this.p.references.push({ span: e.callee.span, target: `builtin:${e.callee.text}` });
        if (e.args.length !== f.params.length) {
          this.err('ZC0501', e.span, `函数“${e.callee.text}”需要 ${f.params.length} 个参数，这里有 ${e.args.length} 个`);
        }
        e.args.forEach((a, i) => {
          const at = this.expr(a, scope);
          const pt = f.params[i];
          if (pt && at.k !== 'error' && !sameType(at, pt)) this.err('ZC0501', a.span, `函数“${e.callee.text}”的第 ${i + 1} 个参数应为${typeToString(pt)}，这里是${typeToString(at)}`);
        });
        return f.result;
      }
      case 'neg': {
        const t = this.expr(e.operand, scope);
        if (t.k !== 'error' && !(isNumeric(t) || t.k === 'money' || t.k === 'quantity')) this.err('ZC0501', e.span, `不能对${typeToString(t)}取负`);
        return t;
      }
      case 'not': {
        this.bool(e.operand, scope);
        return T.bool;
      }
      case 'logic': {
        for (const o of e.operands) this.bool(o, scope);
        return T.bool;
      }
      case 'arith': return this.arith(e, scope);
      case 'compare': {
        const lt = this.expr(e.left, scope);
        const rt = this.expr(e.right, scope, lt); // (an enum member on the right resolves against lt)
        this.comparable(e.left, lt, e.right, rt, e.op === '=' || e.op === '!=' ? 'eq' : 'ord', e.span, e.word);
        return T.bool;
      }
      case 'in': {
        const st = this.expr(e.subject, scope);
        for (const m of e.members) {
          const mt = this.expr(m, scope, st);
          this.comparable(e.subject, st, m, mt, 'eq', m.span);
        }
        return T.bool;
      }
      case 'range': {
        const st = this.expr(e.subject, scope);
        const lo = this.expr(e.low, scope);
        const hi = this.expr(e.high, scope);
        this.comparable(e.subject, st, e.low, lo, 'ord', e.low.span, e.word);
        this.comparable(e.subject, st, e.high, hi, 'ord', e.high.span, e.word);
        return T.bool;
      }
    }
  }

  bool(e: A.Expr, scope: Scope): void {
    const t = this.expr(e, scope);
    if (t.k !== 'bool' && t.k !== 'error') this.err('ZC0504', e.span, `条件应为“是否”类型，这里是${typeToString(t)}`);
  }

  name(n: A.Name, scope: Scope, expected?: Type): Type {
    const text = n.text;
    if (expected?.k === 'enum') {
      const en = this.p.enums.get(expected.name);
      if (en?.members.some((m) => m.text === text)) {
        this.p.references.push({ span: n.span, target: `enumMember:${expected.name}.${text}` });
        return expected;
      }
    }
    const id = [...['builtin', 'entity', 'param', 'indicator', 'measure'].map((k) => `${k}:${text}`)].find((x) => this.p.symbols.has(x));
    if (id) {
      const kind = id.slice(0, id.indexOf(':'));
      if (kind === 'entity' && scope === 'sunset' && text !== EVENT_ENTITY) {
        this.err('ZC0407', n.span, `失效条件中只能使用“事件”的字段，不能使用实体“${text}”`);
        return T.error;
      }
      if (kind === 'entity' && scope !== 'sunset' && scope !== 'property' && text === EVENT_ENTITY) {
        this.err('ZC0407', n.span, '“事件”只能在政策的“失效”条件和“性质”中使用');
        return T.error;
      }
      if (kind === 'entity' && (scope === 'indicator' || scope === 'validity')) {
        this.err('ZC0407', n.span, `${scope === 'indicator' ? '指标' : '有效期'}中不能使用实体“${text}”（指标与有效期不依赖个案事实）`);
        return T.error;
      }
      this.p.references.push({ span: n.span, target: id });
      switch (kind) {
        case 'builtin':
          if (text === EVAL_DATE) return T.date;
          if (text === IS_VOID) {
            if (scope === 'property') return T.bool;
            this.err('ZC0407', n.span, '“已废止”只能在“性质”中使用');
            return T.error;
          }
          this.err('ZC0407', n.span, `“${text}”是函数，应写成 ${text}（日期）`);
          return T.error;
        case 'entity': return { k: 'entity', name: text };
        case 'param':
          if (scope === 'indicator') {
            this.err('ZC0407', n.span, `指标中不能使用参数“${text}”：参数的取值随评估日期变化，而指标是固定的数`, { help: '把参数的值直接写进指标，或在规则中使用参数' });
            return T.error;
          }
          return this.typeOfRef(this.p.params.get(text)!.type);
        case 'indicator': {
          const ind = this.p.indicators.get(text)!.decl;
          if (ind.type) return this.typeOfRef(ind.type);
          return this.indicatorType(text);
        }
        case 'measure':
          if (scope !== 'property') {
            this.err('ZC0407', n.span, `措施“${text}”只能在“性质”中引用`);
            return T.error;
          }
          return { k: 'measure', name: text };
      }
    }
    // a bare enum member, if unambiguous
    const owners = [...this.p.enums.values()].filter((en) => en.members.some((m) => m.text === text));
    if (owners.length === 1) {
      this.p.references.push({ span: n.span, target: `enumMember:${owners[0]!.name.text}.${text}` });
      return { k: 'enum', name: owners[0]!.name.text };
    }
    if (owners.length > 1) {
      this.err('ZC0506', n.span, `“${text}”是多个枚举的值（${owners.map((o) => o.name.text).join('、')}），此处无法确定`, { help: '与一个枚举类型的字段比较，例如 女职工.性别 为 女' });
      return T.error;
    }
    if (expected?.k === 'enum') {
      const en = this.p.enums.get(expected.name);
      const s = suggest(text, en?.members.map((m) => m.text) ?? []);
      this.err('ZC0506', n.span, `枚举“${expected.name}”没有值“${text}”`, { help: s ? `是否想写“${s}”？` : `可用的值：${en?.members.map((m) => m.text).join('、')}` });
      return T.error;
    }
    const cands = [...this.p.symbols.values()].filter((s) => ['entity', 'param', 'indicator', 'measure', 'builtin'].includes(s.kind)).map((s) => s.name);
    const s = suggest(text, cands);
    this.err('ZC0401', n.span, `未定义的名称“${text}”`, s
      ? { help: `是否想写“${s}”？`, fixes: [{ title: `改为“${s}”`, edits: [{ span: n.span, newText: n.quoted ? `「${s}」` : s }] }] }
      : { help: '名称须先声明（实体、参数、指标）；实体的字段写作 实体.字段' });
    return T.error;
  }

  arith(e: Extract<A.Expr, { kind: 'arith' }>, scope: Scope): Type {
    const lt = this.expr(e.left, scope);
    const rt = this.expr(e.right, scope);
    if (lt.k === 'error' || rt.k === 'error') return T.error;
    const bad = (): Type => {
      this.err(e.op === '+' || e.op === '-' ? 'ZC0502' : 'ZC0512', e.span, `${typeToString(lt)} ${opName(e.op)} ${typeToString(rt)} 没有意义`, {
        help: e.op === '+' || e.op === '-' ? '只有单位相同的量才能相加减' : undefined,
      });
      return T.error;
    };
    if (e.op === '/' && e.right.kind === 'number' && decSign(e.right.value) === 0) {
      this.err('ZC0507', e.right.span, '除数为零');
      return T.error;
    }
    const num = (t: Type) => isNumeric(t);
    switch (e.op) {
      case '+':
      case '-':
        if (num(lt) && num(rt)) return lt.k === 'int' && rt.k === 'int' ? T.int : T.number;
        if (sameType(lt, rt) && (lt.k === 'money' || lt.k === 'quantity')) return lt;
        if (lt.k === 'date' && rt.k === 'quantity' && ['days', 'weeks', 'months', 'years'].includes(rt.dim)) return T.date;
        if (e.op === '+' && rt.k === 'date' && lt.k === 'quantity' && ['days', 'weeks', 'months', 'years'].includes(lt.dim)) return T.date;
        if (e.op === '-' && lt.k === 'date' && rt.k === 'date') return T.q('days');
        return bad();
      case '*':
        if (num(lt) && num(rt)) return lt.k === 'int' && rt.k === 'int' ? T.int : T.number;
        if ((lt.k === 'money' || lt.k === 'quantity') && (num(rt) || (rt.k === 'quantity' && rt.dim === 'ratio'))) return lt;
        if ((rt.k === 'money' || rt.k === 'quantity') && (num(lt) || (lt.k === 'quantity' && lt.dim === 'ratio'))) return rt;
        return bad();
      case '/':
        if (num(lt) && num(rt)) return T.number;
        if ((lt.k === 'money' || lt.k === 'quantity') && num(rt)) return lt;
        if (sameType(lt, rt) && (lt.k === 'money' || lt.k === 'quantity')) return T.number;
        if (num(lt) && rt.k === 'quantity' && rt.dim === 'ratio') return T.number;
        return bad();
    }
  }

  /** Check two sides of a comparison. */
  comparable(le: A.Expr, lt: Type, re: A.Expr, rt: Type, mode: 'eq' | 'ord', span: A.Expr['span'], word?: string): void {
    if (lt.k === 'error' || rt.k === 'error') return;
    if (mode === 'ord' && (!isOrdered(lt) || !isOrdered(rt))) {
      this.err('ZC0501', span, `${word ? `“${word}”` : '大小比较'}只能用于数、金额、日期和带单位的量，这里是${typeToString(lt)}与${typeToString(rt)}`);
      return;
    }
    if (isNumeric(lt) && isNumeric(rt)) return;
    if (sameType(lt, rt)) return;
    // unitless literal compared with a count
    if ((lt.k === 'int' && re.kind === 'number' && rt.k === 'number') || (rt.k === 'int' && le.kind === 'number')) return;
    // 月龄 vs 周岁: only through an exact literal conversion
    if (lt.k === 'quantity' && rt.k === 'quantity' && isAge(lt) && isAge(rt)) {
      const lit = re.kind === 'number' ? re : le.kind === 'number' ? le : undefined;
      const litType = lit === re ? rt : lt;
      if (lit && lit.kind === 'number') {
        const months = litType.k === 'quantity' && litType.dim === 'ageYears' ? decMul(lit.value, decimal(12n)) : decDivExact(lit.value, decimal(12n));
        const exact = litType.k === 'quantity' && litType.dim === 'ageYears'
          ? decIsInteger(months as ReturnType<typeof decMul>)
          : (months as ReturnType<typeof decDivExact>).exact && decIsInteger((months as ReturnType<typeof decDivExact>).value);
        if (exact) return;
        this.err('ZC0503', lit.span, `“${lit.raw}”不能精确换算为${litType.k === 'quantity' && litType.dim === 'ageYears' ? '整月龄' : '周岁'}，月龄与周岁不能这样比较`, { help: '改用同一种年龄单位书写' });
        return;
      }
      this.err('ZC0503', span, `月龄与周岁不能直接比较（${typeToString(lt)} 与 ${typeToString(rt)}）`, { help: '两边改用同一种年龄单位：例如 月龄（出生日期） ≥ 24月龄' });
      return;
    }
    this.err('ZC0502', span, `单位或类型不兼容：${typeToString(lt)} 与 ${typeToString(rt)}`, { help: unitHelp(lt, rt) });
  }

  private indicatorTypes = new Map<string, Type | 'pending'>();
  /** Type of an indicator's value, computed on demand (indicators may refer to later ones). */
  indicatorType(name: string): Type {
    const st = this.indicatorTypes.get(name);
    if (st === 'pending') {
      const d = this.p.indicators.get(name)!.decl;
      this.err('ZC0407', d.name.span, `指标“${name}”的定义循环引用了自己`);
      return T.error;
    }
    if (st) return st;
    this.indicatorTypes.set(name, 'pending');
    const t = this.expr(this.p.indicators.get(name)!.decl.value, 'indicator');
    this.indicatorTypes.set(name, t);
    return t;
  }

  run(): void {
    const p = this.p;
    // field types are checked where they are declared, not only where used
    for (const [, e] of p.entities) for (const f of e.fields) this.fieldType(f.type);
    // indicators (others may refer to them, in any order)
    for (const [, ind] of p.indicators) {
      const t = this.indicatorType(ind.decl.name.text);
      if (ind.decl.type) {
        const dt = this.typeOfRef(ind.decl.type);
        if (dt.k !== 'error' && t.k !== 'error' && !sameType(dt, t) && !(isNumeric(dt) && isNumeric(t))) {
          this.err('ZC0505', ind.decl.value.span, `指标“${ind.decl.name.text}”声明为${typeToString(dt)}，但值是${typeToString(t)}`);
        }
      }
      if (ind.decl.date) {
        const dt = this.expr(ind.decl.date, 'validity');
        if (dt.k !== 'date' && dt.k !== 'error') this.err('ZC0501', ind.decl.date.span, '指标的“日期”应为日期');
      }
    }
    const sunset = p.policy?.decl.sunset;
    if (sunset) this.bool(sunset.condition, 'sunset');
    const eff = p.policy?.decl.effective;
    if (p.policy && (!eff || !eff.date)) {
      this.err('ZC0511', eff?.span ?? p.policy.decl.span, '政策的生效日期未知', {
        help: '若原文未写明日期（如“自文件下发之日起”），写“生效：未知”并用“说明”记录原文；核查报告会将其列为有效性发现',
        severity: eff ? 'info' : 'warning',
      });
    }
    for (const [, m] of p.measures) {
      const outcomeTypes = new Map(m.decl.outcomes.map((o) => [o.name.text, this.typeOfRef(o.type)] as const));
      for (const o of m.decl.outcomes) {
        const ot = outcomeTypes.get(o.name.text)!;
        if (o.period && o.period !== '一次性' && !(ot.k === 'money' || ot.k === 'quantity' || ot.k === 'bool' || isNumeric(ot))) {
          this.err('ZC0509', o.span, `周期“${o.period}”只适用于金额、数量或是否（权益）类结果，“${o.name.text}”是${typeToString(ot)}`);
        }
      }
      if (m.decl.rules.length === 0 && !m.decl.reason) {
        this.err('ZC0510', m.decl.name.span, `措施“${m.decl.name.text}”既没有规则，也没有说明为何不可计算`, { help: '补上规则，或写“类别：…”与“理由：\"…\"”' });
      }
      for (const r of m.decl.rules) {
        if (r.condition) this.bool(r.condition, 'rule');
        const assigned = new Map<string, A.Assignment>();
        for (const a of r.assignments) {
          const prev = assigned.get(a.target.text);
          if (prev) this.err('ZC0306', a.target.span, `规则“${r.name.text}”中结果“${a.target.text}”被赋值两次`, { related: [{ span: prev.target.span, message: '第一次赋值' }], help: '删除其中一处' });
          assigned.set(a.target.text, a);
          const want = outcomeTypes.get(a.target.text);
          const got = this.expr(a.value, 'rule', want);
          if (want && want.k !== 'error' && got.k !== 'error' && !sameType(want, got) && !(isNumeric(want) && isNumeric(got))) {
            this.err('ZC0505', a.value.span, `结果“${a.target.text}”是${typeToString(want)}，这里给出的是${typeToString(got)}`, { help: unitHelp(want, got) });
          }
        }
        for (const v of [r.validFrom, r.validTo]) {
          if (!v) continue;
          const t = this.expr(v, 'validity');
          if (t.k !== 'date' && t.k !== 'error') this.err('ZC0501', v.span, `有效期的起止应为日期，这里是${typeToString(t)}`);
          else if (v.kind !== 'date') this.err('ZC0311', v.span, '有效期的起止须直接写日期（如 2024年3月1日），不能是表达式或参数', { help: '写成“有效期：2024年3月1日 至 2026年12月31日”' });
        }
      }
    }
    for (const [, pr] of p.properties) {
      if (pr.decl.condition) this.bool(pr.decl.condition, 'property');
      for (const a of pr.decl.asserts) this.bool(a, 'property');
    }
  }
}

function isAge(t: Type): boolean {
  return t.k === 'quantity' && (t.dim === 'ageMonths' || t.dim === 'ageYears');
}

function opName(op: '+' | '-' | '*' | '/'): string {
  return op === '+' ? '加' : op === '-' ? '减' : op === '*' ? '乘' : '除以';
}

function unitHelp(a: Type, b: Type): string | undefined {
  if ((a.k === 'money') !== (b.k === 'money') && (a.k === 'number' || b.k === 'number')) return '金额须带单位“元”或“万元”，例如 1000元';
  if (a.k === 'int' && b.k === 'quantity') return '计数与带单位的量不能比较';
  return undefined;
}

/** Type-check a bound program. */
export function check(p: BoundProgram): Result<CheckedProgram> {
  const c = new Checker(p);
  c.run();
  return { value: { ...p, types: c.types }, diagnostics: c.diagnostics };
}

