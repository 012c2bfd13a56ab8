/**
 * Golden tests for the valid constructs of the language (test/syntax/cases/*.zc).
 * Every case is snapshotted as its AST (compact JSON with spans) plus the
 * diagnostics of compiling it; a valid case must have no syntax diagnostics and no
 * errors. A few cases also snapshot their tokens or CST, and some properties of the
 * AST / checked model are asserted directly (operators of the legal words, unit
 * inheritance in ranges, exact numeral values, clause labels and anchors).
 *
 * Update the expected files with `npx vitest run test/syntax -u` and review the diff.
 */
import { describe, expect, it } from 'vitest';
import type { Expr, FileAst, DefinitionDecl, IndicatorDecl, PropertyDecl } from '../../compiler/syntax/ast.js';
import { decToString } from '../../compiler/common/decimal.js';
import { astOf, caseNames, caseText, checkAst, checkLex, checkParse, toPlain } from '../helpers/golden.js';

const names = caseNames('syntax');

describe('valid constructs: AST snapshots', () => {
  it('has the expected set of construct cases', () => {
    expect(names).toEqual(expect.arrayContaining([
      'policy-header', 'policy-effective-unknown', 'enum', 'entity', 'param', 'org', 'clause-nested', 'clause-flat',
      'measure', 'rules', 'compare-symbols', 'compare-words', 'compare-range', 'compare-in', 'arithmetic',
      'member-access', 'calls', 'qualitative', 'doubt', 'indicator', 'property', 'import', 'comments',
      'punct-ascii', 'punct-fullwidth', 'numerals', 'strings-and-names', 'precedence', 'definitions', 'lists',
    ]));
  });

  for (const name of names) {
    it(name, async () => {
      const r = await checkAst(`syntax/${name}`);
      expect(r.syntaxDiagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
      expect(r.compiled.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`)).toEqual([]);
    });
  }
});

describe('token and CST snapshots', () => {
  it('lex: operator words glue, structural words only as whole words, units only after numbers', async () => {
    await checkLex('syntax/lex-words');
  });
  it('lex: numerals and dates', async () => {
    await checkLex('syntax/numerals');
  });
  it('lex: comments', async () => {
    await checkLex('syntax/comments');
  });
  it('parse: operator precedence', async () => {
    const r = await checkParse('syntax/precedence');
    expect(r.diagnostics).toEqual([]);
  });
});

// ─── direct assertions on the AST ───────────────────────────────────────────

function ast(name: string): FileAst {
  const r = astOf(`${name}.zc`, caseText(`syntax/${name}`));
  expect(r.diagnostics).toEqual([]);
  return r.ast;
}

/** All 断言 expressions of all properties of a file, in order. */
function asserts(a: FileAst): Expr[] {
  return a.items.filter((i): i is PropertyDecl => i.kind === 'property').flatMap((p) => [...p.asserts]);
}

/** Strip spans (and the as-written `word`) so ASTs can be compared across layouts. */
function shape(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(shape);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === 'span' || k === 'keySpan' || k === 'numberSpan' || k === 'path') continue;
      out[k] = shape(x);
    }
    return out;
  }
  return typeof v === 'bigint' ? v.toString() : v;
}

function opOf(e: Expr): string {
  if (e.kind === 'compare') return `${e.op}${e.word ? ` (${e.word})` : ''} ${e.right.kind === 'number' ? decToString(e.right.value) + (e.right.unitText ?? '') : e.right.kind}`;
  if (e.kind === 'in') return `${e.negated ? 'not in' : 'in'} ${e.members.length}`;
  return e.kind;
}

describe('legal comparison words (民法典 第一千二百五十九条)', () => {
  it('every form maps to the stated operator', () => {
    const ops = asserts(ast('compare-words')).flatMap((e) => (e.kind === 'logic' ? [...e.operands] : [e])).map(opOf);
    expect(ops).toEqual([
      '= 2', '!= 3', '= 2', '!= 3',
      '= name', '!= name',
      '>= (以上) 3', '>= (以上) 3', '>= (及以上) 3孩', '>= (及以上) 3',
      '<= (以下) 5', '<= (及以下) 5', '<= (以内) 5孩', '> (以外) 2',
      '>= (届满) 2', '< (不满) 3', '> (超过) 1',
      '< (不满) 3', '> (超过) 1',
      '>= (届满) 1年', '< (不满) 30天', '> (超过) 98天',
    ]);
  });

  it('symbols: ASCII, full-width and ⩾ ⩽ spellings give the same operators', () => {
    const ops = asserts(ast('compare-symbols')).map((e) => (e.kind === 'compare' ? e.op : e.kind));
    expect(ops).toEqual(['>=', '<=', '>', '<', '=', '!=', '>=', '<=', '!=', '=', '>=', '<=', '!=', '=', '>', '<', '>=', '<=']);
  });

  it('ranges include both ends and a bound without unit takes the other bound’s unit', () => {
    const rs = asserts(ast('compare-range'));
    const show = (e: Expr) => (e.kind === 'number' ? `${decToString(e.value)}${e.unitText ?? ''}` : e.kind === 'date' ? e.raw : e.kind);
    expect(rs.map((e) => (e.kind === 'range' ? `${show(e.low)}..${show(e.high)} [${e.word}]` : e.kind))).toEqual([
      '6月龄..24月龄 [6—24月龄]',
      '6月龄..24月龄 [6月龄—24月龄]',
      '6月龄..24月龄 [6月龄—24]',
      '20周岁..49周岁 [20至49周岁]',
      '20周岁..49周岁 [20至49周岁之间]',
      '2孩..3孩 [2～3孩]',
      '2..3 [二至三]',
      '1天..30天 [1——30天]',
      '2020年1月1日..2024年12月31日 [2020年1月1日至2024年12月31日]',
    ]);
  });
});

describe('numerals and dates convert exactly', () => {
  it('indicator (and, for dates, definition) values', () => {
    // (the dates are written as 定义: an indicator is a number, ZC0515)
    const vals = ast('numerals').items.filter((i): i is IndicatorDecl | DefinitionDecl => i.kind === 'indicator' || i.kind === 'definition').map((i) => {
      const v = i.value;
      if (v.kind === 'number') return `${i.name.text}=${decToString(v.value)}${v.unit ? ` ${v.unit.canonical}×${decToString(v.unit.factor)}` : ''}`;
      if (v.kind === 'date') return `${i.name.text}=${v.value.y}-${v.value.m}-${v.value.d}`;
      return `${i.name.text}=${v.kind}`;
    });
    expect(vals).toEqual([
      '阿拉伯=1000', '小数=3.6', '万=15000', '亿=200000000', '前导零=7', '全角=24', '全角小数=1.5', '混合全角=12',
      '中文三=3', '中文十二=12', '一十二=12', '中文千零五十=1050', '两=2', '两百=200', '两万=20000', '〇=0', '零=0',
      '大写=120', '点=3.6', '零点五=0.5', '点万=36000', '万亿=1000000000000', '一万零一=10001', '万元=10000 元×1',
      '百分比=5 %×0.01', '全角百分比=12.5 %×0.01', '千分比=3 %×0.001',
      '日期一=2023-12-31', '日期二=2023-12-31', '日期三=2024-2-29', '日期四=2023-1-5', '日期五=2023-12-31', '日期六=2023-12-31',
    ]);
  });
});

describe('full-width and ASCII punctuation are equivalent', () => {
  it('the two spellings give the same AST, spans aside', () => {
    const full = shape(toPlain(ast('punct-fullwidth')));
    const ascii = shape(toPlain(ast('punct-ascii')));
    expect(full).toEqual(ascii);
  });
});

/**
 * Span sanity for one AST: every node's span lies inside its parent's; a name's span
 * covers exactly its text (with its quotes), a string's span starts and ends with
 * `"`, a number's span is its raw text (white space between number and unit aside),
 * a date's span is its raw text.
 */
export function spanProblems(a: FileAst, text: string): string[] {
  const out: string[] = [];
  const slice = (s: { start: number; end: number }) => text.slice(s.start, s.end);
  const walk = (v: unknown, parent: { start: number; end: number } | undefined, where: string) => {
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, parent, `${where}[${i}]`));
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    const span = o['span'] as { start: number; end: number } | undefined;
    let here = parent;
    if (span && typeof span.start === 'number') {
      if (!(0 <= span.start && span.start <= span.end && span.end <= text.length)) out.push(`${where}: span ${span.start}-${span.end} outside the file`);
      if (parent && (span.start < parent.start || span.end > parent.end)) out.push(`${where}: span ${span.start}-${span.end} not inside parent ${parent.start}-${parent.end}`);
      here = span;
      const s = slice(span);
      if (typeof o['text'] === 'string' && typeof o['quoted'] === 'boolean') {
        const want = o['quoted'] ? [`「${o['text']}」`, `【${o['text']}】`] : [o['text']];
        if (!want.includes(s)) out.push(`${where}: name “${o['text']}” has span text “${s}”`);
      }
      if (o['kind'] === 'number' && s.replace(/[ \t\u3000]/g, '') !== o['raw']) out.push(`${where}: number “${String(o['raw'])}” has span text “${s}”`);
      if (o['kind'] === 'date' && s !== o['raw']) out.push(`${where}: date “${String(o['raw'])}” has span text “${s}”`);
      if ((o['kind'] === 'string' || ('value' in o && typeof o['value'] === 'string' && Object.keys(o).length === 2)) && !(s.startsWith('"') && s.endsWith('"'))) {
        out.push(`${where}: string has span text “${s}”`);
      }
    }
    // (PolicyDecl.effective.note comes from the separate 说明 attribute, so it is not inside 生效's value.)
    for (const [k, x] of Object.entries(o)) if (k !== 'span') walk(x, where.endsWith('.effective') && k === 'note' ? parent : here, `${where}.${k}`);
  };
  walk(a.items, a.span, 'items');
  return out;
}

describe('AST spans are consistent with the text', () => {
  for (const name of names) {
    it(name, () => {
      const text = caseText(`syntax/${name}`);
      expect(spanProblems(astOf(`${name}.zc`, text).ast, text)).toEqual([]);
    });
  }
});

describe('clause numbering: labels and anchors in the checked model', () => {
  it('nested clauses', async () => {
    const r = await checkAst('syntax/clause-nested');
    const cl = r.compiled.programs[0]!.checked.clauses.map((c) => `${c.label} ${c.anchor}`);
    expect(cl).toEqual([
      '二 sec_2', '二（一） sec_2__subsec_1', '二（一）1. sec_2__subsec_1__item_1', '二（一）1.（1） sec_2__subsec_1__item_1__subitem_1',
      '二（二） sec_2__subsec_2', '二（二）2. sec_2__subsec_2__item_2', '附件2 annex_2', '附件2 一 annex_2__sec_1',
    ]);
  });
  it('flat clauses', async () => {
    const r = await checkAst('syntax/clause-flat');
    const cl = r.compiled.programs[0]!.checked.clauses.map((c) => `${c.label} ${c.anchor}`);
    expect(cl).toEqual([
      '四（一） sec_4__subsec_1', '四（一）1. sec_4__subsec_1__item_1', '四（一）1.（1） sec_4__subsec_1__item_1__subitem_1',
      '附件2 一 annex_2__sec_1', '附件2 （三） annex_2__subsec_3', '五（2） sec_5__subitem_2', '十二 sec_12', '一百二十三 sec_123',
      '12. item_12', '附件10 annex_10',
    ]);
  });
});
