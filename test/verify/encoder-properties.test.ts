/**
 * Property tests of the SMT encoder against the interpreter (the reference semantics):
 * random typed IR expressions over a fixed schema (nested records, a list of records with a
 * nested list, signed fields, ratios, an enum) and random complete inputs; every expression
 * is encoded, the fact variables (full paths, list lengths, the evaluation date and the
 * uncertain dates) are fixed to the input, and the model's value and definedness must equal
 * the interpreter's value (null = unknown) — on the program specialised to the chosen dates.
 *
 * Construct families (≥ 10,000 expression cases each across the suite, counts and times
 * printed at the end): definitions, lists (quantifiers, aggregates, 第N个), uncertain dates,
 * signed arithmetic, ratios, assumptions (前提: the encoder's "not violated" vs the
 * interpreter's 前提不满足), measures used by other measures (status, per-outcome value and
 * 问题 of random measures with priorities, 适用（…） and outcomes of another measure).
 *
 * Seeded by test/helpers/seed.ts (fixed seed; ZC_SEED overrides; the failure names the seed
 * and the re-run command); ZC_CASES scales.
 */
import fc from 'fast-check';
import Fraction from 'fraction.js';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluate, evaluateExpr } from '../../compiler/interpret/interpreter.js';
import { validateInput, type Facts, type FieldValue, type Rec } from '../../compiler/interpret/validate.js';
import type { CmpOp, IrExpr, IrMeasure, IrProgram, IrRule, IrType, Origin } from '../../compiler/ir/ir.js';
import { SmtEncoder, rational, someDayKey, z3, type Val } from '../../compiler/verify/smt.js';
import { mapExpr, specialise } from '../../compiler/verify/specialise.js';
import { irOf } from '../interpret/helpers.js';
import { dayNumber } from '../../compiler/common/calendar.js';
import { SEED } from '../helpers/seed.js';

const SCALE = process.env['ZC_CASES'] ? Number(process.env['ZC_CASES']) : 1;
const B = 3;
const PER_BATCH = 40;

const SCHEMA = (effective: string) => `政策 「随机」 { 生效：${effective} }
枚举 户籍地 { 本县、外县 }
实体 孩 { 出生日期：日期  同胎序号：整数 }
实体 人 { 出生日期：日期  户籍：户籍地  序号：整数  收入：金额  差额：金额 可为负  占比：比例  在职：是否  孩子：列表（孩） }
实体 家庭 { 成员：列表（人）  户主：人  数：整数  净额：整数 可为负  比：比例  户籍：户籍地 }
条款 一、 "占位" {
  措施 占位 { 对象：家庭  结果 额：金额  规则 「有」 { 条件：家庭.数 ≥ 1  额 = 1元 } }
}`;
const BASE = irOf(SCHEMA('2020年1月1日'));
const RANGED = irOf(SCHEMA('某日（2023年1月1日，2023年12月31日）'));
/** 施行日 within a range that evaluation dates (2024-06-01 + 0…400 days) fall inside of and after. */
const RANGED_LATE = irOf(SCHEMA('某日（2024年5月1日，2024年9月30日）'));
const D = (y: number, m: number, d: number) => dayNumber({ y, m, d });
const EVAL = D(2024, 6, 1);

// ── typed random IR ─────────────────────────────────────────────────
const O: Origin = { file: 'random', start: 0, end: 0, text: '随机' };
type Cat = 'bool' | 'int' | 'money' | 'date' | 'ratio' | 'enum';
const TY: Record<Cat, IrType> = {
  bool: { k: 'bool' }, int: { k: 'int' }, money: { k: 'money' }, date: { k: 'date' }, ratio: { k: 'quantity', dim: 'ratio' },
  enum: { k: 'enum', name: '户籍地', members: ['本县', '外县'] },
};
const PERSON: IrType = { k: 'entity', name: '人' };
const KID: IrType = { k: 'entity', name: '孩' };
const fam = (): IrExpr => ({ k: 'root', type: { k: 'entity', name: '家庭' }, entity: '家庭', origin: O });
const get = (of: IrExpr, field: string, t: IrType): IrExpr => ({ k: 'get', type: t, of, field, origin: O });
const field = (f: string, t: IrType): IrExpr => ({ k: 'field', type: t, entity: '家庭', field: f, origin: O });
const members = (): IrExpr => field('成员', { k: 'list', elem: '人' });
const c = (t: Cat, value: number | boolean | string): IrExpr => ({ k: 'const', type: TY[t], value, origin: O });

type Family = 'definitions' | 'lists' | 'uncertain' | 'intervals' | 'signed' | 'ratios' | 'assumptions' | 'measures';

/** Random draws, through fast-check (fc.gen: seeded, reproducible). */
interface Rnd { nextInt(min: number, max: number): number; nextDouble(): number }

interface Gen {
  readonly family: Family;
  readonly defs: { name: string; entity?: string; cat: Cat }[];
  /** Element variables in scope: name → entity. */
  readonly vars: readonly { name: string; entity: '人' | '孩' }[];
  readonly rnd: Rnd;
  readonly someDays: { lo: number; hi: number; start: number }[];
  next: number;
}
const pick = <T,>(g: Gen, xs: readonly T[]): T => xs[g.rnd.nextInt(0, xs.length - 1)]!;
const chance = (g: Gen, p: number) => g.rnd.nextDouble() < p;
const withVar = (g: Gen, entity: '人' | '孩'): [Gen, string] => {
  const name = `@v${g.next++}`;
  return [{ ...g, vars: [...g.vars, { name, entity }] }, name];
};
/** A person: the household head, a list element in scope, or the n-th member by an order. */
function person(g: Gen, depth: number): IrExpr {
  const inScope = g.vars.filter((v) => v.entity === '人');
  const opts: (() => IrExpr)[] = [() => get(fam(), '户主', PERSON)];
  if (inScope.length) opts.push(() => ({ k: 'var', type: PERSON, name: pick(g, inScope).name, origin: O }));
  if (depth > 0 && (g.family === 'lists' || chance(g, 0.2))) {
    opts.push(() => {
      const [g2, v] = withVar(g, '人');
      const key = expr(g2, pick(g, ['int', 'money', 'date', 'ratio'] as const), depth - 1, true);
      return { k: 'nth', type: PERSON, list: members(), var: v, key, n: g.rnd.nextInt(1, B + 1), origin: O };
    });
  }
  return pick(g, opts)();
}
function personField(g: Gen, cat: Cat, depth: number): IrExpr | undefined {
  const f = ({ int: '序号', money: chance(g, 0.5) ? '收入' : '差额', date: '出生日期', ratio: '占比', bool: '在职', enum: '户籍' } as Record<Cat, string>)[cat];
  if (!f) return undefined;
  const inKid = g.vars.filter((v) => v.entity === '孩');
  if ((cat === 'int' || cat === 'date') && inKid.length && chance(g, 0.4)) {
    return get({ k: 'var', type: KID, name: pick(g, inKid).name, origin: O }, cat === 'int' ? '同胎序号' : '出生日期', TY[cat]);
  }
  return get(person(g, depth), f, TY[cat]);
}

function quant(g: Gen, q: 'exists' | 'forall' | 'none' | 'count' | 'sum' | 'max' | 'min', cat: Cat, depth: number): IrExpr {
  // over the members, or over a member's children
  const nested = chance(g, 0.3);
  const list = nested ? get(person(g, 0), '孩子', { k: 'list', elem: '孩' }) : members();
  const [g2, v] = withVar(g, nested ? '孩' : '人');
  const bodyCat: Cat = q === 'exists' || q === 'forall' || q === 'none' || q === 'count' ? 'bool' : cat;
  const body = q === 'count' && chance(g, 0.3) ? undefined : expr(g2, bodyCat, depth - 1, true);
  return { k: 'quant', type: q === 'count' ? TY.int : TY[cat === 'bool' ? 'bool' : cat], q, list, var: v, ...(body ? { body } : {}), origin: O };
}

function expr(g: Gen, cat: Cat, depth: number, elemScope = false): IrExpr {
  const leaf = depth <= 0 || chance(g, 0.25);
  const ops: (() => IrExpr | undefined)[] = [];
  // leaves
  switch (cat) {
    case 'bool': ops.push(() => c('bool', chance(g, 0.5)), () => personField(g, 'bool', depth)); break;
    case 'int': ops.push(() => c('int', g.rnd.nextInt(-2, 6)), () => field('数', TY.int), () => field('净额', TY.int), () => personField(g, 'int', depth)); break;
    case 'money': ops.push(() => c('money', g.rnd.nextInt(-300000, 300000)), () => personField(g, 'money', depth)); break;
    case 'date': ops.push(() => c('date', g.rnd.nextInt(D(2022, 6, 1), D(2024, 6, 1))), () => personField(g, 'date', depth)); break;
    case 'ratio': ops.push(() => c('ratio', pick(g, ['0/1', '1/3', '1/2', '1/8', '3/4', '1/1', '-1/4', '333/1000'])), () => field('比', TY.ratio), () => personField(g, 'ratio', depth)); break;
    case 'enum': ops.push(() => c('enum', pick(g, ['本县', '外县'])), () => field('户籍', TY.enum), () => personField(g, 'enum', depth)); break;
  }
  if (cat === 'date' && (g.family === 'uncertain' || g.family === 'intervals' || chance(g, 0.05))) {
    ops.push(() => ({ k: 'effective', type: TY.date, origin: O }));
    ops.push(() => {
      const sd = pick(g, g.someDays);
      return { k: 'someDay', type: TY.date, lo: sd.lo, hi: sd.hi, origin: { ...O, start: sd.start } };
    });
  }
  const defs = g.defs.filter((d) => d.cat === cat);
  if (defs.length && (g.family === 'definitions' || chance(g, 0.1))) {
    ops.push(() => {
      const d = pick(g, defs);
      return d.entity ? { k: 'def', type: TY[cat], name: d.name, of: person(g, depth), origin: O } : { k: 'def', type: TY[cat], name: d.name, origin: O };
    });
  }
  if (!leaf) {
    const sub = (k: Cat) => expr(g, k, depth - 1, elemScope);
    const numeric = cat === 'int' || cat === 'money' || cat === 'ratio';
    if (cat === 'bool') {
      ops.push(
        () => ({ k: 'not', type: TY.bool, x: sub('bool'), origin: O }),
        () => ({ k: chance(g, 0.5) ? 'and' : 'or', type: TY.bool, xs: [sub('bool'), sub('bool'), ...(chance(g, 0.3) ? [sub('bool')] : [])], origin: O }),
        () => {
          const k = pick(g, ['int', 'money', 'date', 'ratio', 'enum'] as const);
          const op: CmpOp = k === 'enum' ? pick(g, ['=', '!='] as const) : pick(g, ['>=', '<=', '>', '<', '=', '!='] as const);
          return { k: 'cmp', type: TY.bool, op, a: sub(k), b: sub(k), origin: O };
        },
        () => ({ k: 'in', type: TY.bool, x: sub('enum'), values: [c('enum', pick(g, ['本县', '外县']))], negated: chance(g, 0.5), origin: O }),
      );
      if (g.family === 'lists' || chance(g, 0.3)) ops.push(() => quant(g, pick(g, ['exists', 'forall', 'none'] as const), 'bool', depth));
    }
    if (cat === 'int' && (g.family === 'lists' || chance(g, 0.3))) ops.push(() => quant(g, 'count', 'int', depth));
    if ((cat === 'money' || cat === 'int' || cat === 'date' || cat === 'ratio') && (g.family === 'lists' || chance(g, 0.2))) {
      ops.push(() => quant(g, cat === 'date' ? pick(g, ['max', 'min'] as const) : pick(g, ['sum', 'max', 'min'] as const), cat, depth));
    }
    if (cat === 'int' && (g.family === 'uncertain' || g.family === 'intervals' || chance(g, 0.1))) ops.push(() => ({ k: 'daysBetween', type: { k: 'quantity', dim: 'days' }, from: sub('date'), to: sub('date'), origin: O }));
    if (numeric) {
      const w = g.family === 'signed' || g.family === 'ratios' ? 3 : 1;
      for (let i = 0; i < w; i++) {
        ops.push(
          () => ({ k: chance(g, 0.5) ? 'add' : 'sub', type: TY[cat], a: sub(cat), b: sub(cat), origin: O }),
          () => ({ k: 'neg', type: TY[cat], x: sub(cat), origin: O }),
        );
      }
    }
    const rw = g.family === 'ratios' ? 4 : 1;
    for (let i = 0; i < rw; i++) {
      if (cat === 'int') ops.push(() => ({ k: 'mul', type: TY.int, a: sub('int'), b: c('int', g.rnd.nextInt(-3, 3)), origin: O }), () => ({ k: 'mul', type: TY.int, a: sub('int'), b: sub('ratio'), origin: O }));
      if (cat === 'money') ops.push(
        () => ({ k: 'mul', type: TY.money, a: sub('money'), b: sub('ratio'), origin: O }),
        () => ({ k: 'mul', type: TY.money, a: sub('money'), b: c('int', g.rnd.nextInt(-3, 4)), origin: O }),
        () => ({ k: 'div', type: TY.money, a: sub('money'), b: chance(g, 0.5) ? c('int', pick(g, [-3, 2, 3, 7])) : sub('int'), origin: O }),
      );
      if (cat === 'ratio') ops.push(
        () => ({ k: 'mul', type: TY.ratio, a: sub('ratio'), b: chance(g, 0.5) ? sub('ratio') : sub('int'), origin: O }),
        () => ({ k: 'div', type: TY.ratio, a: sub('ratio'), b: chance(g, 0.5) ? c('int', pick(g, [3, -2, 7])) : sub('int'), origin: O }),
        () => ({ k: 'div', type: TY.ratio, a: sub('money'), b: sub('money'), origin: O }),
      );
      if (cat === 'int') ops.push(() => ({ k: 'div', type: TY.int, a: sub('money'), b: sub('money'), origin: O }));
    }
  }
  for (let i = 0; i < 8; i++) {
    const x = pick(g, ops)();
    if (x) return x;
  }
  return ops[0]!()!;
}

// ── random inputs ───────────────────────────────────────────────────
const dateArb = fc.integer({ min: D(2022, 6, 1), max: D(2024, 6, 1) }).map((d) => new Date(d * 86400000).toISOString().slice(0, 10));
const moneyArb = fc.integer({ min: -300000, max: 300000 });
const fen = (n: number, signed: boolean) => { const x = signed ? n : Math.abs(n); return `${x < 0 ? '-' : ''}${Math.floor(Math.abs(x) / 100)}.${String(Math.abs(x) % 100).padStart(2, '0')}`; };
const ratioArb = fc.oneof(fc.constantFrom('0%', '12.5%', '33.3%', '50%', '100%', '25%'), fc.integer({ min: 0, max: 150000 }).map((k) => `${new Fraction(k, 1000).toString()}%`));
const kidArb = fc.record({ 出生日期: dateArb, 同胎序号: fc.integer({ min: 0, max: 2 }) });
const personArb = fc.record({
  出生日期: dateArb, 户籍: fc.constantFrom('本县', '外县'), 序号: fc.integer({ min: 0, max: 4 }), 收入: moneyArb.map((n) => fen(n, false)),
  差额: moneyArb.map((n) => fen(n, true)), 占比: ratioArb, 在职: fc.boolean(), 孩子: fc.array(kidArb, { maxLength: B }),
});
const factsArb = fc.record({
  家庭: fc.record({
    成员: fc.array(personArb, { maxLength: B }), 户主: personArb, 数: fc.integer({ min: 0, max: 6 }), 净额: fc.integer({ min: -5, max: 5 }),
    比: ratioArb, 户籍: fc.constantFrom('本县', '外县'),
  }),
});

// ── fixing the encoder's variables to an input ──────────────────────
function lookup(facts: Facts, root: string, steps: readonly (string | number)[]): FieldValue | undefined {
  let cur: FieldValue | undefined = facts.get(root);
  for (const s of steps) {
    if (cur === undefined) return undefined;
    if (typeof s === 'number') cur = Array.isArray(cur) ? cur[s] : undefined;
    else cur = cur instanceof Map ? (cur as Rec).get(s) : undefined;
  }
  return cur;
}

/** The model of the input: every fact variable (path), list length, the evaluation date and the uncertain dates. */
function pins(Z: any, enc: SmtEncoder, facts: Facts, evalDay: number, dates: Map<string, number>): any {
  const model = new Z.Model();
  model.updateValue(enc.E, Z.Int.val(evalDay));
  model.updateValue(enc.ev.day, Z.Int.val(evalDay)); // (no expression here reads 事件)
  for (const v of enc.vars.values()) {
    const x = lookup(facts, v.root, v.steps);
    if (x === undefined || x instanceof Map || Array.isArray(x)) continue;
    const t = v.type;
    const z = t.k === 'bool' ? Z.Bool.val(x as boolean) : t.k === 'quantity' && t.dim === 'ratio' ? Z.Real.val(String(x)) : t.k === 'enum' ? Z.Int.val(t.members.indexOf(x as string)) : Z.Int.val(x as number);
    model.updateValue(v.v, z);
  }
  for (const l of enc.lists.values()) {
    const x = lookup(facts, l.root, l.steps);
    if (Array.isArray(x)) model.updateValue(l.n, Z.Int.val(x.length));
  }
  for (const [k, u] of enc.uncertain) model.updateValue(u.v, Z.Int.val(dates.get(k) ?? u.lo));
  return model;
}

/** Does the model's (value, defined) equal the interpreter's value (null = unknown)? */
function same(model: any, x: Val, t: IrType, v: unknown): string | undefined {
  const d = x.d === true ? true : model.eval(x.d, true).toString() === 'true';
  if (v === null || v === undefined) return d ? `encoder defined (${model.eval(x.v, true).toString()}), interpreter unknown` : undefined;
  if (!d) return `encoder unknown, interpreter ${JSON.stringify(v)}`;
  if (t.k === 'bool') return (model.eval(x.v, true).toString() === 'true') === v ? undefined : `bool ${model.eval(x.v, true).toString()} vs ${v}`;
  const r = rational(model, x.v);
  const want = typeof v === 'string' ? (t.k === 'enum' ? new Fraction(t.members.indexOf(v)) : new Fraction(v)) : new Fraction(v as number);
  return r.equals(want) ? undefined : `value ${r.toString()} vs ${want.toString()}`;
}

// ── the runs ────────────────────────────────────────────────────────
const stats = new Map<Family, { cases: number; ms: number; cpuMs: number; batches: number; skipped?: number }>();
afterAll(() => {
  const rows = [...stats].map(([f, s]) => `  ${f.padEnd(12)} ${String(s.cases).padStart(7)} cases in ${String(s.batches).padStart(4)} batches, ${(s.ms / 1000).toFixed(1)} s wall, ${(s.cpuMs / 1000).toFixed(1)} s CPU${s.skipped ? ` (${s.skipped} not covered by the interval mode, said and skipped)` : ''}`);
  console.log(`\nSMT encoder vs interpreter (seed ${SEED}, list bound ${B}):\n${rows.join('\n')}\n  total ${[...stats.values()].reduce((a, s) => a + s.cases, 0)} cases\n`);
});

const SOMEDAYS = [{ lo: D(2023, 3, 1), hi: D(2023, 3, 31), start: 101 }, { lo: D(2024, 1, 1), hi: D(2024, 6, 1), start: 202 }];

/** Random definitions for the definitions family (and occasionally the others). */
function withDefinitions(ir: IrProgram, g: Gen): IrProgram {
  const defs: IrProgram['definitions'][number][] = [];
  const cats: Cat[] = ['bool', 'int', 'money', 'date', 'ratio'];
  for (let i = 0; i < 4; i++) {
    const cat = pick(g, cats);
    const onPerson = chance(g, 0.5);
    const name = onPerson ? `人.定义${i}` : `定义${i}`;
    // bodies see only earlier definitions (no cycles); an entity definition sees @self
    const g2: Gen = { ...g, vars: onPerson ? [{ name: '@self', entity: '人' }] : [] };
    const body = expr(g2, cat, 2);
    defs.push({ name, ...(onPerson ? { entity: '人' } : {}), type: TY[cat], expr: body, doubts: [], origin: O });
    g.defs.push({ name, ...(onPerson ? { entity: '人' } : {}), cat });
  }
  return { ...ir, definitions: [...ir.definitions, ...defs] };
}

/**
 * The interval mode (diff's 存疑 query): uncertain dates as the interpreter's intervals. Random
 * expressions over 某日 and 施行日 (and random measures on a program whose 施行日 range may contain
 * the evaluation date) on the unspecialised program: each value, interval (lo and hi) or
 * three-valued truth, and each measure's 适用/存疑 must equal the interpreter's. An expression the
 * interval mode does not cover must say so (`intervalUnsupported`); it is skipped and counted.
 */
async function intervalBatch(Z: any, g: Gen, rawFacts: unknown, evalDay: number): Promise<string | undefined> {
  let ir = RANGED_LATE;
  if (chance(g, 0.2)) ir = withDefinitions(ir, g);
  const iso = new Date(evalDay * 86400000).toISOString().slice(0, 10);
  const v = validateInput(ir, rawFacts, iso, []);
  expect(v.problems).toEqual([]);
  const enc = new SmtEncoder(Z, ir, { listBound: B, intervals: true });
  const checks: { what: string; x: Val; t: IrType; want: unknown }[] = [];
  const ivs: { what: string; x: Val; lo: number; hi: number }[] = [];
  let skipped = 0;
  for (let i = 0; i < PER_BATCH; i++) {
    const cat = pick(g, ['bool', 'date', 'int'] as const);
    const e = expr(g, cat, 3);
    enc.intervalUnsupported = false;
    const x = enc.enc(e);
    if (enc.intervalUnsupported) {
      skipped++;
      continue;
    }
    const want = evaluateExpr(ir, e, v.facts, evalDay).value as unknown;
    const what = JSON.stringify(e).slice(0, 2000);
    if (want !== null && typeof want === 'object') {
      const w = want as { kind: string; lo: number; hi: number };
      if (w.kind !== 'interval') continue;
      ivs.push({ what, x, lo: w.lo, hi: w.hi });
    } else checks.push({ what, x, t: TY[cat], want });
  }
  // measures: 适用 and 存疑 (an evaluation date inside the 施行日 range makes a would-be 适用 存疑)
  const ms = randomMeasures(g);
  const encM = new SmtEncoder(Z, { ...ir, measures: ms }, { listBound: B, intervals: true });
  const d = evaluate({ ...ir, measures: ms }, rawFacts, iso);
  const mchecks: typeof checks = [];
  for (const m of ms) {
    const me = encM.measureEnc(m);
    const dec = d.决定.find((x) => x.措施 === m.name)!;
    mchecks.push({ what: `${m.name} 适用`, x: { kind: 'val', v: me.applies, d: true }, t: TY.bool, want: dec.状态 === '适用' });
    mchecks.push({ what: `${m.name} 存疑`, x: { kind: 'val', v: me.doubtful, d: true }, t: TY.bool, want: dec.状态 === '存疑' });
  }
  if (encM.intervalUnsupported) skipped += mchecks.length;
  const st = stats.get('intervals') ?? { cases: 0, ms: 0, cpuMs: 0, batches: 0, skipped: 0 };
  st.skipped = (st.skipped ?? 0) + skipped;
  stats.set('intervals', st);
  const bad = await solveAndCompare(Z, enc, [...checks, ...ivs.map((c) => ({ what: c.what, x: c.x, t: TY.int, want: 'interval' }))], v.facts, evalDay, new Map(), 'intervals', (model, c) => {
    const iv = ivs.find((x) => x.x === c.x);
    if (!iv) return undefined;
    const d0 = c.x.d === true ? true : model.eval(c.x.d, true).toString() === 'true';
    if (!d0) return `encoder unknown, interpreter interval ${iv.lo}…${iv.hi}`;
    if (c.x.hi === undefined) return `encoder point ${model.eval(c.x.v, true).toString()}, interpreter interval ${iv.lo}…${iv.hi}`;
    const [lo, hi] = [model.eval(c.x.v, true).toString(), model.eval(c.x.hi, true).toString()];
    return lo === String(iv.lo) && hi === String(iv.hi) ? null : `interval ${lo}…${hi} vs ${iv.lo}…${iv.hi}`;
  });
  if (bad) return bad;
  if (encM.intervalUnsupported) return undefined;
  return solveAndCompare(Z, encM, mchecks, v.facts, evalDay, new Map(), 'intervals');
}

async function batch(family: Family, rnd: Rnd, rawFacts: unknown, datePick: number[]): Promise<string | undefined> {
  const Z = await z3();
  const g: Gen = { family, defs: [], vars: [], rnd, someDays: SOMEDAYS, next: 0 };
  if (family === 'intervals') return intervalBatch(Z, g, rawFacts, EVAL + datePick[2]!);
  let ir = family === 'uncertain' ? RANGED : BASE;
  if (family === 'definitions' || chance(g, 0.2)) ir = withDefinitions(ir, g);
  const evalDay = family === 'uncertain' ? EVAL + datePick[2]! : EVAL;
  const dates = new Map<string, number>([
    ['施行日', D(2023, 1, 1) + (datePick[0]! % 365)],
    ...SOMEDAYS.map((s, i) => [`random:${s.start}`, s.lo + (datePick[i + 1]! % (s.hi - s.lo + 1))] as [string, number]),
  ]);
  const choice = [...dates].map(([key, d]) => ({ name: key, key, from: '', to: '', value: new Date(d * 86400000).toISOString().slice(0, 10) }));
  const spec = specialise(ir, choice);
  const v = validateInput(ir, rawFacts, new Date(evalDay * 86400000).toISOString().slice(0, 10), []);
  expect(v.problems).toEqual([]);
  const enc = new SmtEncoder(Z, ir, { listBound: B });
  const checks: { what: string; x: Val; t: IrType; want: unknown }[] = [];
  if (family === 'measures') {
    const ms = randomMeasures(g);
    const full = specialise({ ...ir, measures: ms }, choice);
    const enc2 = new SmtEncoder(Z, { ...ir, measures: ms }, { listBound: B });
    const d = evaluate(full, rawFacts, new Date(evalDay * 86400000).toISOString().slice(0, 10));
    const encs: typeof checks = [];
    for (const m of ms) {
      const me = enc2.measureEnc(m);
      const dec = d.决定.find((x) => x.措施 === m.name)!;
      encs.push({ what: `${m.name} 适用`, x: { kind: 'val', v: me.applies, d: true }, t: TY.bool, want: dec.状态 === '适用' });
      encs.push({ what: `${m.name} 存疑`, x: { kind: 'val', v: me.doubtful, d: true }, t: TY.bool, want: dec.状态 === '存疑' });
      for (const o of m.outcomes) {
        const oe = me.outcomes.get(o.name)!;
        const kinds = new Set((dec.问题 ?? []).filter((p) => p.结果 === o.name).map((p) => p.类别));
        encs.push({ what: `${m.name}.${o.name} 矛盾`, x: { kind: 'val', v: oe.contradiction, d: true }, t: TY.bool, want: kinds.has('矛盾') });
        encs.push({ what: `${m.name}.${o.name} 缺口`, x: { kind: 'val', v: oe.gap, d: true }, t: TY.bool, want: kinds.has('缺口') });
        encs.push({ what: `${m.name}.${o.name} 未知`, x: { kind: 'val', v: Z.Or(oe.unknown, Z.And(oe.anySure, Z.Not(oe.contradiction), Z.Not(oe.value.d === true ? Z.Bool.val(true) : oe.value.d))), d: true }, t: TY.bool, want: kinds.has('未知') });
        // an established value (handed to other measures): shown, and no rule of unknown applicability beside it
        const r = kinds.has('未知') ? undefined : dec.结果[o.name];
        encs.push({ what: `${m.name}.${o.name} 值`, x: { kind: 'val', v: oe.value.v, d: Z.And(me.inForce, oe.defined) }, t: o.type, want: r ? (o.type.k === 'money' ? r.分 : o.type.k === 'bool' || o.type.k === 'int' ? r.值 : undefined) : null });
      }
    }
    checks.push(...encs.filter((x) => x.want !== undefined));
    return solveAndCompare(Z, enc2, checks, v.facts, evalDay, dates, family);
  }
  if (family === 'assumptions') {
    const conds = Array.from({ length: PER_BATCH }, () => expr(g, 'bool', 3));
    const withA = specialise({ ...ir, assumptions: conds.map((cond, i) => ({ name: `前提${i}`, condition: cond, origin: O })) }, choice);
    const r = evaluate(withA, rawFacts, new Date(evalDay * 86400000).toISOString().slice(0, 10));
    const violated = new Set((r.前提不满足 ?? []).map((x) => x.名称));
    const encA = new SmtEncoder(Z, { ...ir, assumptions: withA.assumptions }, { listBound: B });
    const nots = encA.assumptions();
    nots.forEach((n, i) => checks.push({ what: `前提${i} ${JSON.stringify(conds[i]).slice(0, 1500)}`, x: { kind: 'val', v: n, d: true }, t: TY.bool, want: !violated.has(`前提${i}`) }));
    return solveAndCompare(Z, encA, checks, v.facts, evalDay, dates, family);
  }
  const cats: Cat[] = family === 'ratios' ? ['ratio', 'ratio', 'money', 'bool'] : family === 'signed' ? ['int', 'money', 'bool'] : family === 'uncertain' ? ['bool', 'date', 'int'] : ['bool', 'int', 'money', 'date', 'ratio'];
  for (let i = 0; i < PER_BATCH; i++) {
    const cat = pick(g, cats);
    const e = expr(g, cat, 3);
    // the expression on the specialised program: its 某日 nodes fixed to the chosen dates
    const e2 = mapExpr(e, (x) => (x.k === 'someDay' ? { k: 'const', type: TY.date, value: dates.get(someDayKey(x)) ?? x.lo, origin: x.origin } : x));
    const want = evaluateExpr(spec, e2, v.facts, evalDay).value;
    if (want !== null && typeof want === 'object') continue; // (an interval: the date was not fixed — cannot happen after specialising)
    checks.push({ what: JSON.stringify(e).slice(0, 2000), x: enc.enc(e), t: TY[cat], want });
  }
  return solveAndCompare(Z, enc, checks, v.facts, evalDay, dates, family);
}

async function solveAndCompare(Z: any, enc: SmtEncoder, checks: { what: string; x: Val; t: IrType; want: unknown }[], facts: Facts, evalDay: number, dates: Map<string, number>, family: Family,
  special?: (model: any, c: { x: Val }) => string | null | undefined): Promise<string | undefined> {
  // no solving: the encoding has no auxiliary variables here (no ages, no ± months, no working days),
  // so the model of the input alone evaluates every term; the input must satisfy the domain
  const model = pins(Z, enc, facts, evalDay, dates);
  for (const d of enc.domain) {
    if (model.eval(d, true).toString() !== 'true') return `the input violates the encoding's domain: ${d.toString()}`;
  }
  const st = stats.get(family) ?? { cases: 0, ms: 0, cpuMs: 0, batches: 0 };
  st.cases += checks.length;
  st.batches++;
  stats.set(family, st);
  for (const ch of checks) {
    // interval mode: a value the interpreter keeps as an interval is compared by `special` (null: equal)
    const sp = special?.(model, ch);
    if (sp !== undefined) {
      if (sp !== null) return `${sp}\n  in ${ch.what}`;
      continue;
    }
    if (ch.x.hi !== undefined && model.eval(ch.x.v, true).toString() !== model.eval(ch.x.hi, true).toString()) return `encoder interval, interpreter ${JSON.stringify(ch.want)}\n  in ${ch.what}`;
    const bad = same(model, ch.x, ch.t, ch.want);
    if (bad) return `${bad}\n  in ${ch.what}`;
  }
  return undefined;
}

/** 2–3 random measures; later ones may use earlier ones (适用（…）, outcomes). */
function randomMeasures(g: Gen): IrMeasure[] {
  const ms: IrMeasure[] = [];
  const n = g.rnd.nextInt(2, 3);
  for (let i = 0; i < n; i++) {
    const outs = [{ name: '额', type: TY.money, required: chance(g, 0.4), unit: '元' }, { name: '档', type: TY.int, required: chance(g, 0.4), unit: '' }];
    const rules: IrRule[] = [];
    const nr = g.rnd.nextInt(1, 4);
    for (let j = 0; j < nr; j++) {
      const ref = (): IrExpr => {
        const prev = ms[g.rnd.nextInt(0, Math.max(0, ms.length - 1))];
        if (!prev || !chance(g, 0.5)) return expr(g, 'bool', 2);
        return chance(g, 0.5) ? { k: 'applies', type: TY.bool, measure: prev.name, origin: O } : { k: 'cmp', type: TY.bool, op: '>=', a: { k: 'outcome', type: TY.money, measure: prev.name, outcome: '额', origin: O }, b: c('money', g.rnd.nextInt(0, 100000)), origin: O };
      };
      const assigns = outs.filter(() => chance(g, 0.6)).map((o) => ({ outcome: o.name, value: chance(g, 0.7) ? c(o.type.k === 'money' ? 'money' : 'int', g.rnd.nextInt(0, 3) * (o.type.k === 'money' ? 10000 : 1)) : expr(g, o.type.k === 'money' ? 'money' : 'int', 2) }));
      const overrides = rules.filter(() => chance(g, 0.3)).map((r) => r.name);
      rules.push({ name: `规则${i}${j}`, condition: chance(g, 0.15) ? c('bool', true) : ref(), assignments: assigns.length ? assigns : [{ outcome: '额', value: c('money', 100) }], overrides: [...new Set([...overrides, ...rules.filter((r) => overrides.includes(r.name)).flatMap((r) => r.overrides)])], origin: O });
    }
    ms.push({
      name: `措施${i}`, citation: { anchor: `a${i}`, label: `${i}`, quotes: [] }, lead: [], responsible: [], subject: '家庭', outcomes: outs, rules, doubts: [], origin: O,
    });
  }
  return ms;
}

const FAMILIES: Family[] = ['definitions', 'lists', 'uncertain', 'intervals', 'signed', 'ratios', 'assumptions', 'measures'];
/** Batches per family: PER_BATCH expressions each (measures: ~2–3 measures × 12 checks). */
const RUNS: Record<Family, number> = { definitions: 260, lists: 260, uncertain: 260, intervals: 300, signed: 260, ratios: 260, assumptions: 260, measures: 480 };

describe('SMT encoder = interpreter on random programs and inputs', () => {
  for (const family of FAMILIES) {
    it(`${family}`, async () => {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      await fc.assert(fc.asyncProperty(fc.noShrink(fc.gen()), factsArb, fc.array(fc.nat({ max: 400 }), { minLength: 4, maxLength: 4 }), async (gen, facts, dp) => {
        const rnd: Rnd = {
          nextInt: (min, max) => gen(fc.integer, { min, max }),
          nextDouble: () => gen(fc.double, { min: 0, max: 1, maxExcluded: true, noNaN: true }),
        };
        const bad = await batch(family, rnd, facts, dp);
        if (bad) throw new Error(bad);
      }), { numRuns: Math.ceil(RUNS[family] * SCALE), endOnFailure: true });
      const st = stats.get(family)!;
      st.ms = performance.now() - t0;
      const cu = process.cpuUsage(c0);
      st.cpuMs = (cu.user + cu.system) / 1000;
      expect(st.cases).toBeGreaterThanOrEqual(Math.floor(10_000 * SCALE));
    }, 900_000);
  }
});

