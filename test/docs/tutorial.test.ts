/**
 * The drafter's tutorial (docs/tutorial.md) and every ```zc block of docs/ against the compiler.
 * Input: docs/**\/*.md, the tutorial's complete example docs/tutorial/yucai/ (source.txt,
 * 育儿补贴.zc, scenarios/). Output: pass/fail per block and per claim.
 *
 *  1. Every ```zc block in docs/ is either an excerpt of a complete example under docs/ (its text,
 *     white space removed, occurs in the example's, white space removed) or a program that
 *     `zhengce check` passes on its own (no error).
 *  2. The tutorial's ```yaml blocks are excerpts of its scenario files; the source text it shows is
 *     the example's source.txt.
 *  3. The complete example checks without any diagnostic, covers every sentence of its source
 *     (formalised or marked) and passes its scenarios — what the tutorial says of it.
 *  4. The README's section for drafters links the tutorial.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/project/program.js';
import { memoryHost, nodeHost } from '../../compiler/project/host.js';
import { computeCoverage } from '../../compiler/coverage/coverage.js';
import { findScenarioFiles, runScenarioFiles } from '../../compiler/cli/test.js';
import { REPO_DIR } from '../helpers/golden.js';
import { parseFile } from '../../compiler/syntax/index.js';
import { SourceFile } from '../../compiler/common/source.js';
import type { DoubtDecl } from '../../compiler/syntax/ast.js';

const DOCS = join(REPO_DIR, 'docs');
const EXAMPLE = join(DOCS, 'tutorial', 'yucai');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** Fenced blocks of a Markdown text with their language and 1-based line. */
function blocks(md: string): { lang: string; text: string; line: number }[] {
  const out: { lang: string; text: string; line: number }[] = [];
  const lines = md.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^\s*```(\w*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^\s*```\s*$/.test(lines[i]!); i++) body.push(lines[i]!);
    out.push({ lang: open[1]!, text: body.join('\n'), line: start + 1 });
  }
  return out;
}

const squeeze = (s: string) => s.replace(/\s+/gu, '');
const files = walk(DOCS);
const zcFiles = files.filter((f) => f.endsWith('.zc'));
const mdFiles = files.filter((f) => f.endsWith('.md'));

describe('every ```zc block in docs/', () => {
  const all = mdFiles.flatMap((f) => blocks(readFileSync(f, 'utf8')).filter((b) => b.lang === 'zc').map((b) => ({ ...b, file: relative(REPO_DIR, f) })));
  it('there are some (the tutorial)', () => {
    expect(all.filter((b) => b.file === join('docs', 'tutorial.md')).length).toBeGreaterThanOrEqual(10);
  });
  for (const b of all) {
    it(`${b.file}:${b.line} is an excerpt of an example under docs/ or compiles on its own`, () => {
      const excerptOf = zcFiles.filter((f) => squeeze(readFileSync(f, 'utf8')).includes(squeeze(b.text)));
      if (excerptOf.length) return;
      const r = compile(['例.zc'], memoryHost({ '例.zc': b.text }));
      expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`)).toEqual([]);
    });
  }
});

describe('the readings an example makes are recorded (存疑), not silent', () => {
  /** Every node of a parsed file (objects and arrays, depth first). */
  const nodes = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.flatMap(nodes) : v !== null && typeof v === 'object' ? [v as Record<string, unknown>, ...Object.values(v).flatMap(nodes)] : []);
  const examples = [...walk(DOCS), ...walk(join(REPO_DIR, 'grammar', 'examples')), ...walk(join(REPO_DIR, 'policies'))].filter((f) => f.endsWith('.zc'));
  it('有效期：三年 (counted from the 施行日, two readings a day apart — §8.11) comes with a 存疑 quoting the sentence that says 有效期', () => {
    const unrecorded: string[] = [];
    let counted = 0;
    for (const f of examples) {
      const all = nodes(parseFile(new SourceFile(f, readFileSync(f, 'utf8'))).value.ast);
      if (!all.some((n) => n['kind'] === 'rule' && n['validFor'] !== undefined)) continue;
      counted++;
      const doubts = all.filter((n) => n['kind'] === 'doubt') as unknown as DoubtDecl[];
      if (!doubts.some((d) => d.quotes.some((q) => q.value.includes('有效期')) && d.readings.length >= 2 && d.adopted)) unrecorded.push(relative(REPO_DIR, f));
    }
    expect(counted).toBeGreaterThan(0);
    expect(unrecorded).toEqual([]);
  });
  it('the tutorial shows the 存疑 that record its readings of the dates', () => {
    const md = readFileSync(join(DOCS, 'tutorial.md'), 'utf8');
    for (const name of ['「有效期三年的起止」', '「发布之日」', '「三孩的范围」', '「日后的含义」']) expect(md, name).toContain(`存疑 ${name} {`);
  });
});

describe('docs/tutorial.md and its example', () => {
  const md = readFileSync(join(DOCS, 'tutorial.md'), 'utf8');
  const bs = blocks(md);

  it('its YAML blocks are excerpts of the example\'s scenario files; the source text shown is source.txt', () => {
    const scenarioText = findScenarioFiles(nodeHost, [EXAMPLE]).map((f) => squeeze(readFileSync(f, 'utf8'))).join('\n');
    const yaml = bs.filter((b) => b.lang === 'yaml');
    expect(yaml.length).toBeGreaterThan(0);
    for (const b of yaml) expect(scenarioText.includes(squeeze(b.text)), `docs/tutorial.md:${b.line}`).toBe(true);
    const source = readFileSync(join(EXAMPLE, 'source.txt'), 'utf8').trim();
    expect(bs.some((b) => b.lang === 'text' && b.text.trim() === source)).toBe(true);
  });

  it('the example checks without any diagnostic and every sentence of its source is accounted for', () => {
    const r = compile([EXAMPLE], nodeHost);
    expect(r.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
    const progs = r.programs.filter((p) => p.sourceText !== undefined);
    expect(progs).toHaveLength(1);
    const c = computeCoverage(progs[0]!);
    expect(c.totals.partial + c.totals.missing).toBe(0);
    expect(c.totals.accounted).toBe(c.totals.sentences);
  });

  it('its scenarios pass', () => {
    const found = findScenarioFiles(nodeHost, [EXAMPLE]);
    const { results, diagnostics } = runScenarioFiles(found, [EXAMPLE], nodeHost);
    expect(diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
    expect(results.length).toBeGreaterThanOrEqual(10);
    expect(results.filter((x) => !x.passed).map((x) => `${x.scenario.name}: ${x.problems.join('；')}`)).toEqual([]);
  });

  it('the README\'s section for drafters links it', () => {
    const readme = readFileSync(join(REPO_DIR, 'README.md'), 'utf8');
    const drafters = readme.slice(readme.indexOf('## 给起草人员'), readme.indexOf('## ', readme.indexOf('## 给起草人员') + 3));
    expect(drafters).toContain('](docs/tutorial.md)');
  });
});
