/**
 * The specialised fast path of the generated evaluator (evaluateFast / evaluateMany).
 *
 * Input: an IrProgram (entities, measures). Output: TypeScript source text spliced into the
 * module's data section by typescript.ts:
 *   - `fastValidation`: `_fastFacts` and one `_fr<entity>` (record) / `_fl<entity>` (list of
 *     records) per entity — one pass over the input that checks and converts every field by
 *     its declared name (a `switch` over the object's own keys, constant property reads, the
 *     field's type check inline; no Map lookups, no per-field closures, no error paths). Any
 *     irregularity throws `_BAIL` and the caller falls back to the full `_validate` (same
 *     InputError as evaluate, or acceptance of unusual but valid input). NOT reading each
 *     declared field by name and only counting the own keys (measured ~5% faster): a declared
 *     name can resolve to a non-enumerable own or inherited property that Object.keys (the full
 *     validation) does not see, and with one unknown key the counts would still match;
 *   - `fastDefAccessors`: `_dq<i>`, the direct accessor of each entity definition an expression
 *     reads (a direct call instead of `_def`'s call through the `_DEFS` table; cached in the
 *     record's value array on evaluateFast's main scope);
 *   - `measureIndexFn`: `_measureIndex(name)` (措施名 → index, a switch) and `_MEASURE_NAMES`;
 *   - `fastJudge`: the measure's decision procedure with its rules, priorities and outcomes
 *     unrolled (the generic `_judge` without explanations): status and values only, exactly
 *     `_judge`'s 状态 and 结果[…].值.
 *
 * INVARIANT: the fast path never accepts input that `_validate` rejects, and gives the same
 * statuses and values as `_judge` (test/emit/differential*.test.ts compare evaluateFast with
 * measure selection and evaluateMany against the interpreter).
 */
import type { IrEntity, IrField, IrMeasure, IrProgram } from '../ir/ir.js';
import { displayKind, type ModuleGen } from './ts-expr.js';
import { commentText, lit } from './ts-strings.js';

/** The inline check of one scalar field value `x` (throws _BAIL) and the converted value's expression. */
function scalar(f: IrField, mod: ModuleGen): { check: string[]; value: string } {
  const t = f.type;
  const signed = f.signed === true;
  switch (t.k) {
    case 'bool': return { check: ["if (typeof x !== 'boolean') throw _BAIL;"], value: 'x' };
    case 'text': return { check: ["if (typeof x !== 'string') throw _BAIL;"], value: 'x' };
    case 'enum':
      if (t.members.length === 0) return { check: ['throw _BAIL;'], value: 'x' };
      return { check: [`if (${t.members.map((m) => `x !== ${lit(m)}`).join(' && ')}) throw _BAIL;`], value: 'x as string' };
    case 'date':
      mod.features.add('fastDate');
      return { check: [], value: '_fdate(x, k.day)' };
    case 'money': return { check: [`const y = _parseMoney(x, ${signed});`, 'if (y === undefined) throw _BAIL;'], value: 'y' };
    case 'quantity':
      if (t.dim === 'ratio') return { check: [`const y = _parseRatio(x, ${signed});`, 'if (y === undefined) throw _BAIL;'], value: 'y' };
      return { check: [`if (typeof x !== 'number' || !Number.isSafeInteger(x)${signed ? '' : ' || x < 0'}) throw _BAIL;`], value: 'x === 0 ? 0 : x' };
    case 'int': return { check: [`if (typeof x !== 'number' || !Number.isSafeInteger(x)${signed ? '' : ' || x < 0'}) throw _BAIL;`], value: 'x === 0 ? 0 : x' };
    case 'entity': return { check: [], value: `_fr${mod.entity(t.name)}(x, k, depth + 1)` };
    case 'list': return { check: [], value: `_fl${mod.entity(t.elem)}(x, k, depth + 1)` };
  }
}

/** Fields of an entity with their index, first declaration of each name (as `_ENTITIES[…].index`). */
function uniqueFields(e: IrEntity): { f: IrField; i: number }[] {
  return e.fields.flatMap((f, i) => (e.fields.findIndex((g) => g.name === f.name) === i ? [{ f, i }] : []));
}

/** Definitions on each entity (by name), in declaration order: their memo slots follow the entity's fields. */
function defsOn(ir: IrProgram, entity: string): number {
  return ir.definitions.filter((d) => d.entity === entity).length;
}

/** For each definition, its slot in a record's value array (entity definitions: after the fields) or -1 (global). */
function defSlotNumbers(ir: IrProgram): number[] {
  const rank = new Map<string, number>();
  return ir.definitions.map((d) => {
    if (d.entity === undefined) return -1;
    const e = ir.entities.find((x) => x.name === d.entity);
    const r = rank.get(d.entity) ?? 0;
    rank.set(d.entity, r + 1);
    return (e?.fields.length ?? 0) + r;
  });
}

/** `_DEF_SLOT`: for each definition, its slot in a record's value array (entity definitions) or -1 (global). */
export function defSlots(ir: IrProgram): string {
  const slots = defSlotNumbers(ir);
  return [
    '/** 定义在记录取值数组中的位置（实体上的定义，在字段之后；evaluateFast 在此缓存取值）；全局定义为 -1。 */',
    `const _DEF_SLOT: readonly number[] = [${slots.join(', ')}];`,
  ].join('\n');
}

/**
 * `_dq<i>` for each entity definition read by an expression: on evaluateFast's main scope
 * (`rm`) the value is cached in the record's own value array (slot from `_DEF_SLOT`) and the
 * definition's function is called directly (one call target per accessor, so it can be
 * inlined); elsewhere (evaluate, sunset scopes) it is `_def`.
 */
export function fastDefAccessors(ir: IrProgram, used: ReadonlySet<number>): string {
  const slots = defSlotNumbers(ir);
  const out: string[] = [];
  ir.definitions.forEach((d, i) => {
    const slot = slots[i]!;
    if (slot < 0 || !used.has(i)) return;
    out.push(
      `/** 定义「${commentText(d.name)}」在一个记录上的取值（evaluateFast 的主求值缓存在记录的第 ${slot} 格；其他情况即 _def）。 */`,
      `function _dq${i}(c: _Ctx, self: _Rec): _V {`,
      '  if (c.s.rm) {',
      '    const slots = self.v as (_V | undefined)[];',
      `    let v = slots[${slot}];`,
      '    if (v === undefined) {',
      `      v = (_DEFS[${i}] as _Def).f(c, self);`,
      `      slots[${slot}] = v;`,
      '    }',
      '    return v;',
      '  }',
      `  return _def(c, ${i}, self);`,
      '}',
      '',
    );
  });
  return out.join('\n').trimEnd();
}

/**
 * The lines that make `o` the plain object `x` (prototype Object.prototype) or throw _BAIL, inline
 * in each validator: the named load of `constructor` comes first, so the optimising compiler knows
 * the object's map from that load's (monomorphic, per validator) feedback and folds
 * Object.getPrototypeOf into a constant (a shared helper sees every entity's maps: megamorphic, and
 * Object.getPrototypeOf is then a runtime call per record). An own `constructor` (not a declared
 * field: for-in would bail on it) or another realm's Object bails too — the full validation decides.
 */
function plainObject(x: string, extra: string): string[] {
  return [
    `  if (typeof ${x} !== 'object' || ${x} === null${extra ? ` || ${extra}` : ''}) throw _BAIL;`,
    `  const o = ${x} as Record<string, unknown>;`,
    '  if (o.constructor !== Object || Object.getPrototypeOf(o) !== Object.prototype) throw _BAIL;',
  ];
}

function recordFn(ir: IrProgram, e: IrEntity, index: number, mod: ModuleGen): string {
  const cases = uniqueFields(e).flatMap(({ f, i }) => {
    const s = scalar(f, mod);
    return [
      `      case ${lit(f.name)}: {`,
      `        const x = o[${lit(f.name)}];`,
      ...s.check.map((l) => `        ${l}`),
      `        v[${i}] = ${s.value};`,
      '        break;',
      '      }',
    ];
  });
  // the fields, then the memo slots of the entity's definitions (see _DEF_SLOT)
  const slots = [...e.fields.map(() => 'undefined'), ...Array.from({ length: mod.features.has('def') ? defsOn(ir, e.name) : 0 }, () => 'undefined')].join(', ');
  return [
    `/** 快速校验实体「${commentText(e.name)}」的一个记录（见 _fastFacts）。 */`,
    `function _fr${index}(x0: unknown, k: _FastCheck, depth: number): _Rec {`,
    ...plainObject('x0', 'depth > _FAST_DEPTH'),
    `  const v: (_Val | _Rec | _List | undefined)[] = [${slots}];`,
    "  const r: _Rec = { id: k.next++, path: '', v };",
    '  // own enumerable keys (the prototype is Object.prototype, which has none: _fproto)',
    '  for (const key in o) {',
    '    switch (key) {',
    ...cases,
    '      default: throw _BAIL;',
    '    }',
    '  }',
    '  return r;',
    '}',
  ].join('\n');
}

function listFn(e: IrEntity, index: number): string {
  return [
    `/** 快速校验实体「${commentText(e.name)}」的列表：没有空位与 undefined 元素的数组。 */`,
    `function _fl${index}(x: unknown, k: _FastCheck, depth: number): _List {`,
    '  if (!Array.isArray(x)) throw _BAIL;',
    '  const n = x.length;',
    '  const items = new Array<_Rec>(n);',
    '  for (let i = 0; i < n; i++) {',
    '    const it: unknown = x[i];',
    '    if (it === undefined) throw _BAIL;',
    `    items[i] = _fr${index}(it, k, depth);`,
    '  }',
    "  return { path: '', items };",
    '}',
  ].join('\n');
}

/**
 * What the generated validations (fast and raw) are made of: the entities that are list
 * elements (they get a list check) and the root entities (top-level keys of the facts, each name once).
 */
export function validatedEntities(ir: IrProgram, mod: ModuleGen): { readonly listed: ReadonlySet<number>; readonly roots: readonly { readonly e: IrEntity; readonly i: number }[] } {
  const listed = new Set<number>();
  for (const e of ir.entities) for (const f of e.fields) if (f.type.k === 'list') listed.add(mod.entity(f.type.elem));
  const roots = ir.entities.flatMap((e, i) => (ir.entities.findIndex((x) => x.name === e.name) === i ? [{ e, i }] : []));
  return { listed, roots };
}

/** `_fastFacts` and the per-entity record/list functions it needs. */
export function fastValidation(ir: IrProgram, mod: ModuleGen): string {
  const { listed, roots } = validatedEntities(ir, mod);
  const cases = roots.flatMap(({ e, i }) => [
    `      case ${lit(e.name)}: {`,
    `        const x = o[${lit(e.name)}];`,
    `        if (x === _NONEXISTENT) (n ??= _NO_NONE.slice())[${i}] = true;`,
    `        else f[${i}] = _fr${i}(x, k, 0);`,
    '        break;',
    '      }',
  ]);
  const out: string[] = [
    '/**',
    ' * 快速校验：输入是普通数据且全部合格时一次遍历得到记录（写入 f，按实体声明顺序），返回个案声明不存在的实体；',
    ' * 任何不寻常之处都抛出 _BAIL（由完整校验 _validate 给出 InputError 或接受）。',
    ' */',
    'function _fastFacts(facts: unknown, day: number, f: (_Rec | undefined)[]): readonly boolean[] {',
    ...plainObject('facts', ''),
    '  _fproto();',
    '  const k: _FastCheck = { next: 1, day };',
    '  let n: boolean[] | undefined;',
    '  for (const key in o) {',
    '    switch (key) {',
    ...cases,
    '      default: throw _BAIL;',
    '    }',
    '  }',
    '  return n ?? _NO_NONE;',
    '}',
  ];
  ir.entities.forEach((e, i) => {
    out.push('', recordFn(ir, e, i, mod));
    if (listed.has(i)) out.push('', listFn(e, i));
  });
  return out.join('\n');
}

/** `_measureIndex` (措施名 → index; -1 when unknown) and `_MEASURE_NAMES`. */
export function measureIndexFn(ir: IrProgram): string {
  const first = ir.measures.flatMap((m, i) => (ir.measures.findIndex((x) => x.name === m.name) === i ? [{ m, i }] : []));
  return [
    '/** 措施名 → 序号（不是本政策可计算的措施为 -1）。 */',
    'function _measureIndex(name: string): number {',
    '  switch (name) {',
    ...first.map(({ m, i }) => `    case ${lit(m.name)}: return ${i};`),
    '    default: return -1;',
    '  }',
    '}',
    '',
    `const _MEASURE_NAMES = ${lit(ir.measures.map((m) => m.name).join('、'))};`,
  ].join('\n');
}

/**
 * The measure's fast decision: `(s, raw) => 快速决定`, `_judge` unrolled for this measure's
 * rules (validity periods and priorities known statically) without explanations.
 */
export function fastJudge(m: IrMeasure, index: number, mod: ModuleGen): string {
  const L: string[] = [];
  const e = (depth: number, line: string): void => void L.push('  '.repeat(depth) + line);
  const subject = m.subject !== undefined ? mod.entity(m.subject) : -1;
  const hasSubject = m.subject !== undefined;
  e(0, '(s: _Scope, raw: (_Val | undefined)[]): 快速决定 => {');
  e(1, 'let st: 状态;');
  e(1, 'let res: Record<string, number | boolean | string> = {};');
  e(1, 'J: {');
  e(2, 'if (s.status0 !== undefined) {');
  e(3, 'st = s.status0;');
  e(3, 'break J;');
  e(2, '}');
  if (hasSubject) {
    e(2, `if (s.n[${subject}] === true) {`);
    e(3, "st = '不适用';");
    e(3, 'break J;');
    e(2, '}');
    e(2, `const unknownSubject = s.f[${subject}] === undefined;`);
  }
  if (m.rules.length > 0) {
    e(2, 'const c = s.c0;');
    e(2, `const rs = _m${index}.rules;`);
  }
  // rules whose applicability some outcome reads (the others are still evaluated: they may throw)
  const read = new Set(m.outcomes.flatMap((o) => m.rules.flatMap((r, i) => (r.assignments.some((a) => a.outcome === o.name) ? [i] : []))));
  m.rules.forEach((r, i) => {
    const bind = read.has(i) ? `const a${i} = ` : '';
    const tests = [r.validFrom !== undefined ? `s.day >= ${r.validFrom}` : '', r.validTo !== undefined ? `s.day <= ${r.validTo}` : ''].filter((x) => x);
    const risky = mod.risky(r.condition);
    e(2, `// 规则「${commentText(r.name)}」`);
    if (r.validFromRange || r.validToRange) {
      // (validity counted from an uncertain 施行日: _inForce is three-valued, as in evaluate's _judge)
      if (read.has(i)) e(2, `let a${i}: boolean | null = false;`);
      e(2, `const v${i} = _inForce(rs[${i}] as _Rule, s.day);`);
      e(2, `if (v${i} !== false) {`);
      e(3, `${read.has(i) ? `a${i} = ` : ''}(rs[${i}] as _Rule).cond(c);`);
      if (risky) e(3, `(rs[${i}] as _Rule).trace(c, []);`);
      if (read.has(i)) e(3, `if (v${i} === null && a${i} !== false) a${i} = null;`);
      e(2, '}');
    } else if (tests.length === 0) {
      e(2, `${bind}(rs[${i}] as _Rule).cond(c);`);
      if (risky) e(2, `(rs[${i}] as _Rule).trace(c, []);`);
    } else if (!risky) {
      e(2, `${bind}${tests.join(' && ')} ? (rs[${i}] as _Rule).cond(c) : false;`);
    } else {
      if (read.has(i)) e(2, `let a${i}: boolean | null = false;`);
      e(2, `if (${tests.join(' && ')}) {`);
      e(3, `${read.has(i) ? `a${i} = ` : ''}(rs[${i}] as _Rule).cond(c);`);
      e(3, `(rs[${i}] as _Rule).trace(c, []);`);
      e(2, '}');
    }
  });
  e(2, 'let doubtful = false;');
  e(2, 'let some = false;');
  emitOutcomes(m, mod, e, 2, {
    vType: '_V',
    keyCast: '',
    value: (i, k, d) => e(d, `const x = ((rs[${i}] as _Rule).values[${k}] as (c: _Ctx) => _V)(c);`),
    keep: (k, d) => e(d, `if (!unsure${hasSubject ? ' && !unknownSubject' : ''}) raw[${k}] = v;`),
    date: '_iso(v as number)',
  });
  e(2, "st = doubtful ? '存疑' : some ? '适用' : '不适用';");
  if (hasSubject) e(2, "if (unknownSubject && st === '适用') st = '存疑';");
  e(2, "if (s.doubts.length > 0 && st !== '不适用') {");
  e(3, "if (st === '适用') st = '存疑';");
  e(3, 'res = {};');
  e(2, '}');
  e(1, '}');
  if (m.application !== undefined) {
    e(1, `return { 措施: ${lit(m.name)}, 状态: st, 结果: res, 可领取: _join(st, _measure(s, ${mod.measure(m.application)})?.状态 ?? '存疑') };`);
  } else e(1, `return { 措施: ${lit(m.name)}, 状态: st, 结果: res };`);
  e(0, '}');
  return L.join('\n');
}

/**
 * The outcomes of measure `m` as its fast decision resolves them — shared by `fastJudge` and the
 * raw path (ts-raw.ts), which differ only in how a rule's value is computed and shown: for each
 * outcome, the winning rules (applying or unknown, not overridden by a rule that surely applies),
 * 存疑 when a winner is unknown, two winners differ, a required outcome has none or the value is
 * unknown or a record; else the value shown in `res`. Emits at indentation `at` with `e`.
 */
export function emitOutcomes(m: IrMeasure, mod: ModuleGen, e: (depth: number, line: string) => void, at: number, how: {
  /** The type of the value variable `v`. */
  readonly vType: string;
  /** Appended to `x` and `v` in the `_key` comparison. */
  readonly keyCast: string;
  /** Emits `const x = …;` — rule `i`'s value of outcome `k` — at depth `d`. */
  readonly value: (i: number, k: number, d: number) => void;
  /** Emits what else is kept of a known value of outcome `k`, at depth `d`. */
  readonly keep?: (k: number, d: number) => void;
  /** How a date value is shown. */
  readonly date: string;
  /** false: the values are not kept (a status-only judge: no `res`, only `some`). */
  readonly store?: boolean;
  /** The object a kept value is written into (default `res`). */
  readonly target?: string;
  /** The statement that keeps `shown` as outcome `name` (a string literal) — instead of `target[name] = shown;`. */
  readonly keepAs?: (name: string, shown: string) => string;
}): void {
  m.outcomes.forEach((o, k) => {
    const rules = m.rules.flatMap((r, i) => (r.assignments.some((a) => a.outcome === o.name) ? [i] : []));
    e(at, `{ // 结果「${commentText(o.name)}」`);
    if (rules.length === 0) {
      if (o.required) e(at + 1, 'doubtful = true;');
      e(at, '}');
      return;
    }
    const multi = rules.length > 1;
    e(at + 1, 'let unsure = false;');
    e(at + 1, 'let n = 0;');
    e(at + 1, `let v: ${how.vType} = null;`);
    if (multi) e(at + 1, 'let differ = false;');
    for (const i of rules) {
      // a winner: applies or unknown, and not excluded by a rule (of this outcome) that surely applies and overrides it
      const over = rules.filter((j) => j !== i && m.rules[j]!.overrides.includes(m.rules[i]!.name));
      const win = [`a${i} !== false`, ...over.map((j) => `a${j} !== true`)].join(' && ');
      e(at + 1, `if (${win}) {`);
      e(at + 2, `if (a${i} === null) unsure = true;`);
      e(at + 2, 'else {');
      how.value(i, k, at + 3);
      if (multi) {
        e(at + 3, 'if (n === 0) v = x;');
        e(at + 3, `else if (!differ && _key(x${how.keyCast}) !== _key(v${how.keyCast})) differ = true;`);
        e(at + 3, 'n++;');
      } else {
        e(at + 3, 'v = x;');
        e(at + 3, 'n++;');
      }
      e(at + 2, '}');
      e(at + 1, '}');
    }
    e(at + 1, 'if (unsure) doubtful = true;');
    e(at + 1, `if (n === 0) {${o.required ? '' : ' /* 非必须的结果 */'}`);
    if (o.required) e(at + 2, 'if (!unsure) doubtful = true;');
    e(at + 1, `} else if (${multi ? 'differ || ' : ''}v === null || typeof v === 'object') doubtful = true;`);
    e(at + 1, 'else {');
    how.keep?.(k, at + 2);
    const kind = displayKind(o.type).kind;
    if (kind === 'm') mod.features.add('ffen');
    if (kind === 'r') mod.features.add('fpct');
    const shown = kind === 'm' ? '_ffen(v as number)' : kind === 'r' ? '_fpct(v as string)' : kind === 'd' ? how.date : 'v as number | boolean | string';
    if (how.store !== false) e(at + 2, how.keepAs !== undefined ? how.keepAs(lit(o.name), shown) : `${how.target ?? 'res'}[${lit(o.name)}] = ${shown};`);
    e(at + 2, 'some = true;');
    e(at + 1, '}');
    e(at, '}');
  });
}
