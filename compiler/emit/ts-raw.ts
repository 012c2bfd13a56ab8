/**
 * evaluateFast's raw path (issue 11 item 4): validation and evaluation on the caller's own input
 * records, without the converted copy (`_Rec`, value arrays, day numbers) of ts-fast.ts.
 *
 * Input: an IrProgram and the module's ModuleGen. Output: TypeScript source text spliced into the
 * module's data section by typescript.ts:
 *   - `rawValidation`: `_rawCheck` and, per entity, `_rv<i>` (a record) / `_rl<i>` (a list of
 *     records): one straight pass over the input — a `switch` over the record's own keys, each
 *     declared field's check inline (booleans and enum members by `typeof` / `===`, integers by
 *     Number.isSafeInteger, dates by `_rdate`: char codes, calendar-valid, not after the evaluation
 *     date, no Date and no substring), lists by an index loop — answering true or false, never
 *     throwing. false (anything unusual, including an entity declared 不存在, a getter that throws, a
 *     Proxy whose traps throw) sends the row to the existing path (`_rows`: the converted fast check,
 *     else the complete `_validate`, whose InputError is evaluate's);
 *   - `rawDefinitions`: `_rd<i>(F, D, self)` for each definition the raw code reads;
 *   - `rawMeasures`: `_rm<i>(F, day, D)` per measure whose rules, values, definitions and
 *     application measure `ModuleGen.rawSupported` accepts — the decision of `fastJudge` with
 *     the conditions and values inline (FnGen in raw mode: the same Kleene logic, reading the
 *     input records as given, dates as canonical strings) — and `_RAW_MEASURES`;
 *   - `rawAssumptions`: `_rav`, every 前提's condition in raw mode, in one function (the violated names);
 *   - `rawOne`: `_rawSel` (does every selected measure have raw code?) and `_rawOne`, the row on
 *     the raw path. A selection with a measure that has no raw code takes the converted path as a
 *     whole; a policy with a 前提 that has no raw code gets no raw path (`rawEnabled`).
 *
 * INVARIANT: `_rawCheck(facts, DN)` is true only for facts `_validate` accepts (every record a plain
 * object with the declared fields only, each valid; the own enumerable declared fields are exactly
 * those whose named read is not undefined — checked by a count and, when a declared name reads
 * undefined, no own key with the value undefined (`_rnoUndef`), so a non-enumerable or inherited
 * value of a declared name sends the row to the existing path), and then the raw code gives the
 * statuses and values of `_judge` / `_Measure.fast` (test/emit/fast-raw.test.ts compares them,
 * with the raw path switched off by `_rawSwitch`, on seeded households).
 */
import type { IrEntity, IrField, IrMeasure, IrProgram } from '../ir/ir.js';
import { FnGen, type ModuleGen } from './ts-expr.js';
import { emitOutcomes, validatedEntities } from './ts-fast.js';
import { commentText, lit } from './ts-strings.js';

/** The inline check of one field value `x` (a `return false` line), or undefined when any value is valid. */
function check(f: IrField, mod: ModuleGen): string {
  const t = f.type;
  const signed = f.signed === true;
  switch (t.k) {
    case 'bool': return "if (typeof x !== 'boolean') return false;";
    case 'text': return "if (typeof x !== 'string') return false;";
    case 'enum':
      if (t.members.length === 0) return 'return false;';
      return `if (${t.members.map((m) => `x !== ${lit(m)}`).join(' && ')}) return false;`;
    case 'date': return 'if (!_rdate(x, DN)) return false;';
    case 'money': return `if (_parseMoney(x, ${signed}) === undefined) return false;`;
    case 'quantity':
      if (t.dim === 'ratio') return `if (_parseRatio(x, ${signed}) === undefined) return false;`;
      return `if (typeof x !== 'number' || !Number.isSafeInteger(x)${signed ? '' : ' || x < 0'}) return false;`;
    case 'int': return `if (typeof x !== 'number' || !Number.isSafeInteger(x)${signed ? '' : ' || x < 0'}) return false;`;
    case 'entity': return `if (!_rv${mod.entity(t.name)}(x, DN, depth + 1)) return false;`;
    case 'list': return `if (!_rl${mod.entity(t.elem)}(x, DN, depth + 1)) return false;`;
  }
}

/** Fields of an entity, first declaration of each name. */
function uniqueFields(e: IrEntity): IrField[] {
  return e.fields.filter((f, i) => e.fields.findIndex((g) => g.name === f.name) === i);
}

/** The count of the declared names whose named read is not undefined (see the module's INVARIANT). */
function namedCount(names: readonly string[]): string {
  if (names.length === 0) return '0';
  return names.map((n) => `(o[${lit(n)}] !== undefined ? 1 : 0)`).join(' + ');
}

function recordFn(e: IrEntity, index: number, mod: ModuleGen): string {
  const fields = uniqueFields(e);
  // the own keys: each must be a declared name (a switch on the key's length, then ===: one or two
  // comparisons per key instead of one per declared field)
  // Measured and dropped (session 26, `node test/bench/eval-instr.mjs` instructions per household of issue 11's
  // three-measure row, hand-edited copies of dist/generated/luanchuan/index.js, 5,000 households × 20 rounds; this
  // shape 5,332): each value checked in the for-in loop, read by its key (`o[key]`, one pass, no named reads
  // after it) — the emitter changed so, `--profile`'s sum 5,584 against 5,267; a compare with the declared names
  // in order before the switch 5,478; Object.keys(o) and an index loop instead of for-in 5,990. Where it goes (ablations of the same
  // copy): the key-name checks ≈ 276, the three for-in loops themselves ≈ 548 (Builtins_ForInEnumerate ≈ 196 of it)
  const byLength = new Map<number, string[]>();
  for (const f of fields) byLength.set(f.name.length, [...(byLength.get(f.name.length) ?? []), f.name]);
  const keyCases = [...byLength.entries()].sort((a, b) => a[0] - b[0]).flatMap(([len, names]) => [
    `      case ${len}:`,
    `        if (${names.map((n) => `key !== ${lit(n)}`).join(' && ')}) return false;`,
    '        break;',
  ]);
  const checks = fields.flatMap((f) => [
    `  x = o[${lit(f.name)}];`,
    '  if (x !== undefined) {',
    `    ${check(f, mod)}`,
    '    m++;',
    '  }',
  ]);
  const usesD = fields.some((f) => ['date', 'entity', 'list'].includes(f.type.k));
  return [
    `/** 直接校验实体「${commentText(e.name)}」的一个记录（见 _rawCheck）：合格为 true，任何不寻常之处为 false。 */`,
    `function _rv${index}(x0: unknown, ${usesD ? 'DN' : '_DN'}: number, depth: number): boolean {`,
    '  if (typeof x0 !== \'object\' || x0 === null || depth > _FAST_DEPTH) return false;',
    '  const o = x0 as Record<string, unknown>;',
    '  if (o.constructor !== Object || Object.getPrototypeOf(o) !== Object.prototype) return false;',
    '  // own enumerable keys, each a declared name (the prototype is Object.prototype: no enumerable keys, see _rawCheck)',
    '  let n = 0;',
    '  for (const key in o) {',
    ...(fields.length === 0 ? ['    void key;', '    return false;'] : [
      '    switch (key.length) {',
      ...keyCases,
      '      default: return false;',
      '    }',
      '    n++;',
    ]),
    '  }',
    '  // each declared field by name: checked when present',
    ...(fields.length ? ['  let m = 0;', '  let x: unknown;', ...checks] : ['  const m = 0;']),
    '  // INVARIANT: the own enumerable keys are exactly the declared names whose named read is not',
    '  // undefined: as many keys as such names, each key a declared name, and no key with the value undefined',
    '  // (else an own undefined would let a non-enumerable or inherited value of another declared name in;',
    '  // looked for only when a declared name reads undefined: with every one present there is none)',
    ...(fields.length ? [`  return n === m && (m === ${fields.length} || _rnoUndef(o));`] : ['  return n === m;']),
    '}',
  ].join('\n');
}

function listFn(e: IrEntity, index: number): string {
  return [
    `/** 直接校验实体「${commentText(e.name)}」的列表：没有空位与 undefined 元素的数组，每个元素合格。 */`,
    `function _rl${index}(x: unknown, DN: number, depth: number): boolean {`,
    '  if (!Array.isArray(x)) return false;',
    '  for (let i = 0; i < x.length; i++) {',
    '    const it: unknown = x[i];',
    `    if (it === undefined || !_rv${index}(it, DN, depth)) return false;`,
    '  }',
    '  return true;',
    '}',
  ].join('\n');
}

/** `_rawCheck`, `_dayNum`, `_rdate` and the per-entity record/list checks. */
export function rawValidation(ir: IrProgram, mod: ModuleGen): string {
  const { listed, roots } = validatedEntities(ir, mod);
  const dates = ir.entities.some((e) => e.fields.some((f) => f.type.k === 'date'));
  const out: string[] = [
    '/** 输入的原样记录（快速求值的直接路径读它，不复制）。 */',
    'type _RR = Readonly<Record<string, unknown>>;',
  ];
  if (ir.entities.some((e) => e.fields.length > 0)) out.push(
    '',
    '/** 记录没有值为 undefined 的自有可枚举键（_rv<i> 在某个声明字段读出 undefined 时查它；这样的键 _validate 不接受）。 */',
    'function _rnoUndef(o: Record<string, unknown>): boolean {',
    '  for (const k in o) if (o[k] === undefined) return false;',
    '  return true;',
    '}',
  );
  if (dates) out.push(
    '',
    '/**',
    ' * 严格的 "YYYY-MM-DD"（真实存在的日期，年 ≥ 1）且不晚于评估日期（DN：年 × 10000 + 月 × 100 + 日）：与 _fdate',
    ' * 同一规则，只看字符编码，不建 Date、不取子串。（两个这样的字符串按字符串比较即按日期先后比较。）',
    ' */',
    // (measured, session 26, cachegrind on a loop of calls: ≈ 340 instructions a call, ≈ 230 of them the ten
    // charCodeAt — V8 11's optimized charCodeAt walks the string's representation each time, ≈ 22 instructions; a
    // Map of checked strings: 186 a call on strings seen before, 677 on fresh ones; the regular expression: 504.
    // The body inlined into _rv1 instead of the call: 5,337 against 5,332 per household of the eval row)
    'function _rdate(v: unknown, DN: number): boolean {',
    "  if (typeof v !== 'string' || v.length !== 10) return false;",
    '  const y1 = v.charCodeAt(0) - 48;',
    '  const y2 = v.charCodeAt(1) - 48;',
    '  const y3 = v.charCodeAt(2) - 48;',
    '  const y4 = v.charCodeAt(3) - 48;',
    '  const h1 = v.charCodeAt(4) - 45;',
    '  const m1 = v.charCodeAt(5) - 48;',
    '  const m2 = v.charCodeAt(6) - 48;',
    '  const h2 = v.charCodeAt(7) - 45;',
    '  const d1 = v.charCodeAt(8) - 48;',
    '  const d2 = v.charCodeAt(9) - 48;',
    '  // every digit in 0..9: x | (x + 6) < 16 exactly for x in 0..9 (a negative x sets the high bits); both dashes: h1 = h2 = 0',
    '  if ((((y1 | (y1 + 6) | y2 | (y2 + 6) | y3 | (y3 + 6) | y4 | (y4 + 6) | m1 | (m1 + 6) | m2 | (m2 + 6) | d1 | (d1 + 6) | d2 | (d2 + 6)) & ~15) | h1 | h2) !== 0) return false;',
    '  const y = y1 * 1000 + y2 * 100 + y3 * 10 + y4;',
    '  const mo = m1 * 10 + m2;',
    '  const d = d1 * 10 + d2;',
    '  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;',
    '  // a day ≤ 28 is valid in every month (one predictable branch: the month-length test below, taken',
    '  // on real data only for days 29–31, mispredicted on a random month); 31-day months are bits 1, 3, 5,',
    '  // 7, 8, 10, 12 of 0x15AA',
    "  if (d > 28 && d > (mo === 2 ? ((y & 3) === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : 30 + ((0x15aa >> mo) & 1))) return false;",
    '  return y * 10000 + mo * 100 + d <= DN;',
    '}',
  );
  out.push(
    '',
    '/** 严格的 "YYYY-MM-DD"（已校验）→ 年 × 10000 + 月 × 100 + 日。 */',
    'function _dayNum(D: string): number {',
    '  return (D.charCodeAt(0) - 48) * 10000000 + (D.charCodeAt(1) - 48) * 1000000 + (D.charCodeAt(2) - 48) * 100000 + (D.charCodeAt(3) - 48) * 10000 +',
    '    (D.charCodeAt(5) - 48) * 1000 + (D.charCodeAt(6) - 48) * 100 + (D.charCodeAt(8) - 48) * 10 + (D.charCodeAt(9) - 48);',
    '}',
    '',
    '/**',
    ' * 直接路径的校验：事实是普通数据且全部合格（与 _validate 接受的相同）时为 true，之后直接在这些记录上求值；',
    ' * 否则（含声明为不存在的实体、读取时抛出异常）为 false，改走 _rows。不抛出异常。',
    ' * DN：评估日期（已由 _batch 校验），年 × 10000 + 月 × 100 + 日（_dayNum；_rawReady 每批算一次）。',
    ' */',
    'function _rawCheck(facts: unknown, DN: number): boolean {',
    '  try {',
    "    if (typeof facts !== 'object' || facts === null) return false;",
    '    const o = facts as Record<string, unknown>;',
    '    if (o.constructor !== Object || Object.getPrototypeOf(o) !== Object.prototype) return false;',
    '    for (const k in Object.prototype) {',
    '      void k;',
    '      return false;',
    '    }',
    '    let n = 0;',
    '    for (const key in o) {',
    '      switch (key) {',
    ...roots.flatMap(({ e, i }) => [
      `        case ${lit(e.name)}: {`,
      `          const x = o[${lit(e.name)}];`,
      `          if (x === _NONEXISTENT || !_rv${i}(x, DN, 0)) return false;`,
      '          break;',
      '        }',
    ]),
    '        default: return false;',
    '      }',
    '      n++;',
    '    }',
    `    return n === ${namedCount(roots.map(({ e }) => e.name))};`,
    '  } catch {',
    '    return false;',
    '  }',
    '}',
  );
  ir.entities.forEach((e, i) => {
    if (ir.entities.findIndex((x) => x.name === e.name) !== i) return;
    out.push('', recordFn(e, i, mod));
    if (listed.has(i)) out.push('', listFn(e, i));
  });
  return out.join('\n');
}

/** Lines of a raw-mode FnGen's body for `e`, with its result bound by `assign(result)`, indented by `pad`. */
function inline(gen: FnGen, result: string, pad: string): string[] {
  return [...gen.body().map((l) => pad + l.replace(/^ {2}/, '')), pad + result];
}

/** Is the measure on the raw path (its rules, values, and its application measure's)? */
function rawMeasure(mod: ModuleGen, m: IrMeasure, seen = new Set<string>()): boolean {
  if (seen.has(m.name)) return false;
  seen.add(m.name);
  if (!m.rules.every((r) => mod.rawSupported(r.condition) && r.assignments.every((a) => mod.rawSupported(a.value)))) return false;
  // (a validity counted from an uncertain 施行日 is three-valued: the converted path's _inForce decides it)
  if (m.rules.some((r) => r.validFromRange || r.validToRange)) return false;
  if (m.application !== undefined) {
    const ai = mod.measure(m.application);
    const am = mod.ir.measures[ai];
    if (am === undefined || !rawMeasure(mod, am, seen)) return false;
  }
  return true;
}

/**
 * `_rm<index>`: the measure's decision (fastJudge) on the raw path; undefined when it has none. With
 * `statusOnly`, `_rs<index>`: the same decision's 状态 alone, for a measure that is another's application
 * measure (its 可领取 reads only that status: no decision object, no 结果 object, no display values).
 */
function rawJudge(m: IrMeasure, index: number, mod: ModuleGen, statusOnly = false): string | undefined {
  if (!rawMeasure(mod, m)) return undefined;
  const L: string[] = [];
  const e = (depth: number, line: string): void => void L.push('  '.repeat(depth) + line);
  const hasSubject = m.subject !== undefined;
  let usesF = false;
  let usesD = false;
  let usesDay = false;
  const gen = (): FnGen => new FnGen(mod, false, true);
  const done = (g: FnGen): void => {
    usesF ||= g.usesF;
    usesD ||= g.usesD;
  };
  const ret = statusOnly ? '状态' : '快速决定';
  L.push(statusOnly
    ? `/** 措施「${commentText(m.name)}」在直接路径上的状态（_rm${index} 的状态，供以它为申请条件的措施求可领取；不建结果）。 */`
    : `/** 措施「${commentText(m.name)}」在直接路径上的判定：与 _Measure.fast 相同的状态与取值（及可领取）。 */`);
  e(0, `function _r${statusOnly ? 's' : 'm'}${index}(F: _RR, day: number, D: string): ${ret} {`);
  e(1, 'let st: 状态;');
  // the values, in an object made at the first value kept (no value: the shared frozen _NO_VALUES)
  if (!statusOnly) e(1, 'let res: Record<string, number | boolean | string> | undefined;');
  if (hasSubject) {
    usesF = true;
    e(1, `const unknownSubject = F[${lit(m.subject!)}] === undefined;`);
  }
  // only the rules some outcome reads (raw code never throws: the others need no evaluation)
  const read = new Set(m.outcomes.flatMap((o) => m.rules.flatMap((r, i) => (r.assignments.some((a) => a.outcome === o.name) ? [i] : []))));
  m.rules.forEach((r, i) => {
    if (!read.has(i)) return;
    const tests = [r.validFrom !== undefined ? `day >= ${r.validFrom}` : '', r.validTo !== undefined ? `day <= ${r.validTo}` : ''].filter((x) => x);
    if (tests.length) usesDay = true;
    e(1, `// 规则「${commentText(r.name)}」`);
    e(1, `let a${i}: boolean | null = false;`);
    e(1, `${tests.length ? `if (${tests.join(' && ')}) ` : ''}{`);
    const g = gen();
    const v = g.expr(r.condition);
    done(g);
    L.push(...inline(g, `a${i} = ${v.constant !== undefined ? `${v.code} as boolean | null` : v.code};`, '    '));
    e(1, '}');
  });
  e(1, 'let doubtful = false;');
  e(1, 'let some = false;');
  const stored = m.outcomes.filter((o) => m.rules.some((r) => r.assignments.some((a) => a.outcome === o.name))).length;
  const keep = (key: string, shown: string): string => {
    if (key === lit('__proto__')) return `(res ??= {})[${key}] = ${shown};`;
    // INVARIANT: with one stored outcome, res is still undefined here (no other value was kept before it)
    return stored === 1 ? `res = { ${key}: ${shown} };` : `if (res === undefined) res = { ${key}: ${shown} }; else res[${key}] = ${shown};`;
  };
  emitOutcomes(m, mod, e, 1, {
    vType: 'unknown',
    keyCast: ' as _V',
    value: (i, k) => {
      const g = gen();
      const x = g.expr(m.rules[i]!.assignments.find((a) => a.outcome === m.outcomes[k]!.name)!.value);
      done(g);
      L.push(...inline(g, `const x: unknown = ${x.code};`, '        '));
    },
    // (a date is its canonical string on the raw path: _iso of its day number)
    date: 'v as string',
    // the 结果 object made at the first value kept, by a literal with its key (one allocation, one map; not an
    // empty {} and then a keyed store: a map transition per row); a later value of a measure with more outcomes
    // is stored into it (the keys in outcome order, as before). An outcome named "__proto__" keeps the keyed
    // store: in a literal that key would set the prototype, not behave as the store did.
    ...(statusOnly ? { store: false } : { keepAs: keep }),
  });
  e(1, "st = doubtful ? '存疑' : some ? '适用' : '不适用';");
  if (hasSubject) e(1, "if (unknownSubject && st === '适用') st = '存疑';");
  if (statusOnly) e(1, 'return st;');
  else {
    // 不适用 with no value: the measure's one shared frozen decision (_rn<i>; 可领取 is then 不适用 too)
    e(1, `if (st === '不适用' && res === undefined) return _rn${index};`);
    if (m.application !== undefined) {
      usesF = true;
      usesD = true;
      usesDay = true;
      // _join: 不适用 whatever the application condition says (on the raw path the policy is in force)
      e(1, `return { 措施: ${lit(m.name)}, 状态: st, 结果: res ?? _NO_VALUES, 可领取: st === '不适用' ? '不适用' : _join(st, _rs${mod.measure(m.application)}(F, day, D)) };`);
    } else e(1, `return { 措施: ${lit(m.name)}, 状态: st, 结果: res ?? _NO_VALUES };`);
  }
  e(0, '}');
  let text = L.join('\n');
  const params = `(${usesF ? 'F' : '_F'}: _RR, ${usesDay ? 'day' : '_day'}: number, ${usesD ? 'D' : '_D'}: string)`;
  text = text.replace(`(F: _RR, day: number, D: string): ${ret} {`, `${params}: ${ret} {`);
  return text;
}

/** `_rm<i>` for each measure on the raw path and `_RAW_MEASURES` (by measure index; undefined: the converted path). */
export function rawMeasures(ir: IrProgram, mod: ModuleGen): string {
  const fns = ir.measures.map((m, i) => rawJudge(m, i, mod));
  // the application measures of measures on the raw path: their status alone (`_rs<i>`)
  const apps = new Set(ir.measures.flatMap((m, i) => (fns[i] !== undefined && m.application !== undefined ? [mod.measure(m.application)] : [])));
  const statusFns = [...apps].sort((a, b) => a - b).map((i) => rawJudge(ir.measures[i]!, i, mod, true)!);
  // INVARIANT: a 快速决定 and its 结果 are readonly (the exported types say so): the raw path returns the same
  // frozen objects for every 不适用 decision without values, so that most rows allocate nothing per measure
  const shared = ir.measures.flatMap((m, i) => (fns[i] === undefined ? [] : [
    `const _rn${i}: 快速决定 = Object.freeze({ 措施: ${lit(m.name)}, 状态: '不适用', 结果: _NO_VALUES${m.application !== undefined ? ", 可领取: '不适用'" : ''} });`,
  ]));
  return [
    ...(shared.length ? [
      '/** 没有取值的措施的结果（共用、冻结：快速决定的结果是只读的）。 */',
      'const _NO_VALUES: Readonly<Record<string, number | boolean | string>> = Object.freeze({});',
      '',
      '/** 各措施“不适用、没有取值”的决定（共用、冻结）。 */',
      ...shared,
      '',
    ] : []),
    ...fns.flatMap((f) => (f === undefined ? [] : [f, ''])),
    ...statusFns.flatMap((f) => [f, '']),
    '/** 各措施在直接路径上的判定（按措施序号）；undefined：没有（选了它的求值走转换后的记录，见 _rawSel）。 */',
    `const _RAW_MEASURES: readonly (((F: _RR, day: number, D: string) => 快速决定) | undefined)[] = [${fns.map((f, i) => (f === undefined ? 'undefined' : `_rm${i}`)).join(', ')}];`,
  ].join('\n');
}

/** Does the policy get a raw path: has every 前提 raw code? */
export function rawEnabled(ir: IrProgram, mod: ModuleGen): boolean {
  return ir.assumptions.every((a) => mod.rawSupported(a.condition));
}

/** Is the measure on the raw path? (its index) */
export function rawMeasureIndexes(ir: IrProgram, mod: ModuleGen): boolean[] {
  return ir.measures.map((m) => rawMeasure(mod, m));
}

/**
 * `_rav`: every 前提's condition on the raw path (rawEnabled: every one has raw code), in one function —
 * each condition's code in turn, as `_ra<i>` held it — answering the names of those surely violated (false), in
 * declaration order, or undefined when none is. One call from `_rawOne` instead of one per 前提: called one by one,
 * V8 inlined them into `_rawOne` at the measures' expense (--trace-turbo-inlining). Measured on issue 11's
 * three-measure row with the literal 结果 objects, interleaved fresh processes against 52bc1cf at load 5–10:
 * 0.934× the time per row (10 pairs, a copy of the bench's --layout child), 0.901× (8 pairs, the bench's own child);
 * a copy that first calls evaluateFast on {} as the bench's child does: 1.069× (8 pairs, 2 faster) — within the spread.
 */
export function rawAssumptions(ir: IrProgram, mod: ModuleGen): string {
  const g = new FnGen(mod, false, true);
  const results = ir.assumptions.map((a, i) => {
    const v = g.expr(a.condition);
    // INVARIANT: each condition's result is bound before the next one's code: a temporary of one condition
    // is never read by another's (FnGen numbers its temporaries and labels once per function)
    g.raw(`const r${i} = ${v.code} as boolean | null;`);
    return `  if (r${i} === false) (violated ??= []).push(${lit(a.name)});`;
  });
  return [
    '/** 全部前提的条件在直接路径上的求值（依次，在一个函数里）：确定不满足的前提名，按声明顺序；没有时为 undefined。 */',
    `function _rav(${g.usesF ? 'F' : '_F'}: _RR, ${g.usesD ? 'D' : '_D'}: string): string[] | undefined {`,
    ...g.body(),
    '  let violated: string[] | undefined;',
    ...results,
    '  return violated;',
    '}',
  ].join('\n');
}

/**
 * `_rd<i>` for every definition the raw code reads (their bodies may read more: until none is new). Not cached:
 * a per-row cache of the 家庭 definitions that several measures read (_rd3, _rd4, _rd14 — a row counter and the
 * record compared before each) measured 5,442 instructions per household against 5,332 without (session 26).
 */
export function rawDefinitions(ir: IrProgram, mod: ModuleGen): string {
  const out = new Map<number, string>();
  for (;;) {
    const todo = [...mod.rawDefs].filter((i) => !out.has(i));
    if (todo.length === 0) break;
    for (const i of todo) {
      const d = ir.definitions[i]!;
      const g = new FnGen(mod, true, true);
      const v = g.expr(d.expr);
      const type = g.ty(d.type);
      const params = `${g.usesF ? 'F' : '_F'}: _RR, ${g.usesD ? 'D' : '_D'}: string, ${g.usesSelf ? 'self' : '_self'}: _RR | null`;
      out.set(i, [
        `/** 定义「${commentText(d.name)}」在直接路径上的取值（不缓存）。 */`,
        `function _rd${i}(${params}): ${type} | null {`,
        ...g.body(),
        `  return ${v.constant !== undefined ? `${v.code} as ${type} | null` : v.code};`,
        '}',
      ].join('\n'));
    }
  }
  return [...out.entries()].sort((a, b) => a[0] - b[0]).map(([, t]) => t).join('\n\n');
}

/**
 * `_rawSel`, the test switch and `_rawOne`: a row on the raw path. The raw path is taken only for a
 * selection whose every measure has raw code (`_RAW_MEASURES`): a row that needs the converted copy
 * anyway is faster on the converted path alone than checked twice (measured: all 20 measures of the
 * county, 13 with raw code, 2,925 ns mixed vs 2,824 ns converted, 2,761 ns before).
 * Emitted only when every 前提 has raw code (`rawEnabled`).
 */
export function rawOne(ir: IrProgram, raw: readonly boolean[], inForceSurely: readonly string[]): string {
  const assume = ir.assumptions.length > 0;
  const allMeasures = raw.every((x) => x);
  const anyRaw = raw.some((x) => x);
  return [
    '// the last batch found fit for the raw path, and its evaluation date as 年 × 10000 + 月 × 100 + 日 (a _Batch is',
    '// never changed after _batch made it: the answer holds for as long as the same batch comes back)',
    'let _rawBatch: _Batch | undefined;',
    'let _rawDN = 0;',
    '',
    '/** 这一批（评估日期、事件、选项）可以走直接路径吗：合格、没有事件、政策在评估日期确定施行、所选措施都有直接路径上的判定。 */',
    'function _rawReady(b: _Batch): boolean {',
    '  if (b === _rawBatch) return true;',
    `  if (!(${['b.ok', 'b.evs.length === 0', ...inForceSurely, '_rawSel(b.sel)'].join(' && ')})) return false;`,
    '  _rawDN = _dayNum(b.date as string);',
    '  _rawBatch = b;',
    '  return true;',
    '}',
    '',
    '/** 所选措施（undefined 为全部）是否都有直接路径上的判定；按所选措施的列表（_batch 缓存它）记住上一次的答案。 */',
    'let _rawSelLast: readonly number[] | undefined;',
    'let _rawSelOk = false;',
    '',
    'function _rawSel(sel: readonly number[] | undefined): boolean {',
    `  if (sel === undefined) return ${allMeasures};`,
    '  if (sel !== _rawSelLast) {',
    '    let ok = true;',
    '    for (let i = 0; i < sel.length; i++) if (_RAW_MEASURES[sel[i] as number] === undefined) ok = false;',
    '    _rawSelLast = sel;',
    '    _rawSelOk = ok;',
    '  }',
    '  return _rawSelOk;',
    '}',
    '',
    '// 测试用：关闭直接路径（全部改走转换后的记录），比较两条路径',
    'let _rawOn = true;',
    '',
    '/** 测试用：打开或关闭直接路径（测试在模块末尾导出它）。 */',
    'function _rawSwitch(on: boolean): void {',
    '  _rawOn = on;',
    '}',
    'void _rawSwitch;',
    '',
    '/**',
    ' * evaluateFast / evaluateMany 的一行，直接路径：事实已由 _rawCheck 校验，政策在评估日期施行且没有疑问、没有事件，',
    ' * 所选措施都有直接路径上的判定（_rawSel）；措施与前提在输入的原样记录上求值（_rm<i>、_rav）。',
    ' */',
    `function _rawOne(${anyRaw || assume ? 'F' : '_F'}: _RR, b: _Batch): 快速决定集 {`,
    '  const D = b.date as string;',
    ...(anyRaw ? [
      '  const day = b.day;',
      '  const sel = b.sel;',
      '  const m = sel === undefined ? _MEASURES.length : sel.length;',
      // a literal of the decisions' length for a selection of one to four measures (allocated inline, PACKED elements);
      // new Array(m), its length known only at run time, is a builtin call making HOLEY elements: measured on
      // issue 11's three-measure row, 0.915× the time per row with the literal (8 paired fresh processes, load 2.7–5.8;
      // against the commit before: 0.912× with the bench's own --layout child, 8 pairs, 5 faster, at load 6–11)
      // (with _rav and the literal 结果 together, the bench's own --layout child at idle, 6 interleaved processes per tree:
      // 478.7 against 52bc1cf's 471.7 ns median — no gain measurable there; kept as a tested shape, not as a speed-up)
      `  const 决定 = (${[1, 2, 3, 4].map((k) => `m === ${k} ? [${Array(k).fill('undefined').join(', ')}] : `).join('')}new Array(m)) as 快速决定[];`,
      '  // a direct call per measure (a switch, not a call through _RAW_MEASURES: each call site sees one function)',
      '  for (let i = 0; i < m; i++) {',
      '    switch (sel === undefined ? i : sel[i]) {',
      ...raw.flatMap((ok, i) => (ok ? [`      case ${i}:`, `        决定[i] = _rm${i}(F, day, D);`, '        break;'] : [])),
      '    }',
      '  }',
    ] : [
      '  // no measure has raw code: only an empty selection comes here (_rawSel)',
      '  const 决定: 快速决定[] = [];',
    ]),
    ...(assume ? [
      '  const violated = _rav(F, D);',
      '  if (b.reg === undefined && violated === undefined) return { 评估日期: D, 决定 };',
      '  return { 评估日期: D, ...(b.reg !== undefined ? { 事件登记: b.reg } : {}), ...(violated !== undefined ? { 前提不满足: violated } : {}), 决定 };',
    ] : [
      '  if (b.reg === undefined) return { 评估日期: D, 决定 };',
      '  return { 评估日期: D, 事件登记: b.reg, 决定 };',
    ]),
    '}',
  ].join('\n');
}
