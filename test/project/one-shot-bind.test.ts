/**
 * A one-off compile (`zhengce check`'s cache, `ParseCache.oneShot`) binds without pass 1's marks
 * (`bindWithState(…, true)`: `BindState.marks` undefined) — the same bound program and diagnostics; a
 * later binding from such a state declares every declaration again and gives what a whole binding gives.
 */
import { expect, test } from 'vitest';
import { compile, memoryHost, ParseCache } from '../../compiler/index.js';
import { bindIncrementally, bindWithState } from '../../compiler/semantics/binder.js';
import { checkWith } from '../../compiler/semantics/checker.js';
import { parseFile } from '../../compiler/syntax/index.js';
import { SourceFile } from '../../compiler/common/source.js';

const TEXT = '实体 家庭 { 子女数：整数 }\n条款 一、 {\n  措施 甲 {\n    对象：家庭\n    结果 额：金额\n    规则 乙 { 条件：家庭.子女数 ≥ 2  额 = 100元 }\n    规则 丙 例外于 乙 { 条件：家庭.子女数 ≥ 3  额 = 200元  未定 = 1 }\n  }\n}\n';

function files(text: string) {
  return new Map([['/b/a.zc', { source: new SourceFile('/b/a.zc', text), ast: parseFile(new SourceFile('/b/a.zc', text)).value.ast }]]);
}

const show = (r: ReturnType<typeof bindWithState>) => ({
  d: r.diagnostics.map((d) => `${d.code} ${d.span.start} ${d.message}`),
  // (as sets: an incremental binding may list them in another order)
  syms: [...r.value.symbols.keys()].sort(),
  refs: r.value.references.map((x) => `${x.target} ${x.span.start}`).sort(),
});

test('a one-shot binding writes no marks and binds alike; the next binding from it declares again', () => {
  const f = files(TEXT);
  const whole = bindWithState('/b/a.zc', f);
  const once = bindWithState('/b/a.zc', f, true);
  expect(whole.state.marks).toBeInstanceOf(Int32Array);
  expect(once.state.marks).toBeUndefined();
  expect(show(once)).toEqual(show(whole));
  expect(show(once).d).toEqual(['ZC0401 135 措施“甲”没有结果“未定”']);
  // an edit (a rule added) bound from each state: the same as binding the new text whole
  const edited = files(TEXT.replace('  }\n}\n', '    规则 丁 例外于 丙 { 条件：家庭.子女数 ≥ 4  额 = 300元 }\n  }\n}\n'));
  const fresh = show(bindWithState('/b/a.zc', edited));
  const fromOnce = bindIncrementally(once.state, '/b/a.zc', edited);
  expect(fromOnce && show(fromOnce)).toEqual(fresh);
  const fromWhole = bindIncrementally(whole.state, '/b/a.zc', edited);
  expect(fromWhole && show(fromWhole)).toEqual(fresh);
  expect(fresh.refs).toContain('rule:甲.丙 157');
});

test('compile with a one-off cache reports what the language server cache reports', () => {
  const host = memoryHost({ '/b/a.zc': TEXT, '/b/b.zc': '导入 "a.zc"\n实体 人 { 年龄：年龄（周岁） }\n实体 人 { }\n' });
  const render = (c: ParseCache) => compile(['/b'], host, c).diagnostics.map((d) => JSON.stringify([d.code, d.span, d.message, d.help]));
  const oneOff = new ParseCache(undefined, { keepTokens: false });
  const first = render(oneOff);
  expect(first).toEqual(render(new ParseCache()));
  expect(first.length).toBeGreaterThan(1);
  // (the same cache again: the kept compilation, or a binding from the mark-less state)
  expect(render(oneOff)).toEqual(first);
});

test('a one-shot state made when first read is the state a binding makes at once, after the checker appended its references', () => {
  // (diagnostics in a declaration, one of order — ZC0402 — and references of both passes)
  const text = TEXT + '条款 二、 {\n  措施 丁 { 对象：家庭 结果 额：金额 规则 戊 { 条件：家庭.子女数 ≥ 1 额 = 1元 } }\n  指标 己 = 3\n  指标 己 = 4\n}\n';
  const f = files(text);
  const whole = bindWithState('/b/a.zc', f);
  const once = bindWithState('/b/a.zc', f, true);
  // the checker appends to the bound program's references (the binder's stay the first ones)
  const before = once.value.references.length;
  checkWith(once.value);
  expect(once.value.references.length).toBeGreaterThan(before);
  const parts = (s: typeof whole.state) => ({
    references: s.references.map((x) => `${x.target} ${x.span.start}`),
    owners: s.owners,
    diagOwners: s.diagOwners,
    passes: [...s.passes],
    order: [...s.order].map(([p, o]) => [p, o]),
    sizes: [...s.sizes].map(([p, z]) => [p, [...z]]),
  });
  expect(whole.diagnostics.map((d) => d.code)).toEqual(['ZC0402', 'ZC0401']);
  expect(parts(once.state)).toEqual(parts(whole.state));
  // (the same declarations: the AST's own nodes, but for the built-in 事件 entity each binder makes)
  expect(once.state.owners.every((o, i) => o === whole.state.owners[i] || (o as { span?: { file: string } } | undefined)?.span?.file === '<内置>')).toBe(true);
  expect(once.state.diagnostics).toBe(once.diagnostics);
  expect(once.state.globals).toEqual(whole.state.globals);
});
