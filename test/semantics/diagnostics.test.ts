/**
 * Golden tests for the front end's diagnostics: one or more minimal cases per code
 * (test/semantics/cases/ZCxxxx-*.zc); the expected output is the rendered text
 * (`renderDiagnosticsText`, paths relative to the case directory) beside the case as
 * `<name>.diag.txt`. A case named `ZCxxxx-…` must produce code ZCxxxx.
 *
 * Cases named `BUG-…` document a known compiler defect with its current output
 * (see the comment at the top of each such case); when the defect is fixed the
 * expected file changes and must be reviewed.
 *
 * The meta-test at the end fails when a code of the catalog that the front end can
 * emit has no case.
 *
 * Update with `npx vitest run test/semantics -u` and review the diff.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG, type DiagnosticCode } from '../../compiler/diagnostics/catalog.js';
import { INVALID_UTF8 } from '../../compiler/project/host.js';
import { MAX_FILE } from '../../compiler/project/program.js';
import { badSpans, caseNames, checkDiagnostics, REPO_DIR, type CaseOptions } from '../helpers/golden.js';

/** Cases that need more than the case file itself. */
const OPTIONS: Record<string, CaseOptions> = {
  // a path handed to `compile` that does not exist
  'ZC0001-missing-path': { extraPaths: ['不存在.zc'] },
  // an imported file whose bytes are not UTF-8 (the node host returns the marker)
  'ZC0002-invalid-utf8': { files: { 'lib/坏编码.zc': INVALID_UTF8 } },
  // a file over the size limit (built in memory: a second line of comment)
  'ZC0005-file-too-large': { transform: (t) => `${t}#${'x'.repeat(MAX_FILE)}` },
  // nesting far beyond what the recursive-descent parser can take (one bracket per line)
  'ZC0204-too-deep': { transform: (t) => `${t}${'（\n'.repeat(3000)}1${'）'.repeat(3000)}\n` },
};


const names = caseNames('semantics');
/** Codes actually produced by the cases. */
const produced = new Map<string, Set<string>>();

describe('diagnostic cases: rendered text', () => {
  for (const name of names) {
    it(name, async () => {
      const r = await checkDiagnostics(`semantics/${name}`, OPTIONS[name]);
      const codes = new Set(r.diagnostics.map((d) => d.code));
      produced.set(name, codes);
      const m = /^(ZC\d{4})-/.exec(name);
      if (m) expect([...codes]).toContain(m[1]);
      // ZC0001 names a path that does not exist: it has no SourceFile to point into.
      expect(badSpans(r).filter((d) => d.code !== 'ZC0001').map((d) => `${d.code} ${JSON.stringify(d.span)}`)).toEqual([]);
    });
  }
});

/**
 * Catalog codes the front end (ZC0001…ZC07xx) does NOT have to cover, with why.
 * Each must be marked `reserved: true` in the catalog (never emitted today); remove
 * an entry as soon as the compiler emits the code — the meta-test then demands a case.
 */
const NOT_EMITTED_BY_FRONT_END: Record<string, string> = {
  ZC0006: '`zhengce check` prints “没有找到 .zc 政策文件” without a code',
  ZC0106: 'the lexer does not warn about mixed full-width/ASCII punctuation',
  ZC0309: 'no check restricts where a comparison word may be used',
  ZC0408: 'unused definitions are not reported',
  ZC0508: 'always-true/false comparisons are not reported',
};
/**
 * Front-end-range codes emitted by commands, not by compile(): each has its cases
 * elsewhere (named here), so the meta-tests below do not demand a .zc case.
 */
const EMITTED_OUTSIDE_COMPILE: Record<string, string> = {
  ZC0705: 'the events registry (YAML) is read by eval/verify/start (compiler/project/events.ts): cases in test/cli/events.test.ts',
};
/** Codes of later passes (IR, verification, formatter, scenario tests): ZC08xx and above. */
const isLaterPass = (code: string) => Number(code.slice(2)) >= 800;

describe('every front-end diagnostic code has a case', () => {
  const codes = (Object.keys(CATALOG) as DiagnosticCode[]).filter((c) => !CATALOG[c].retired);
  const frontEnd = codes.filter((c) => !isLaterPass(c));

  it('each front-end code (not allow-listed) is produced by at least one case', () => {
    const all = new Set([...produced.values()].flatMap((s) => [...s]));
    expect(produced.size, 'run the whole file so the cases have run').toBe(names.length);
    const missing = frontEnd.filter((c) => !(c in NOT_EMITTED_BY_FRONT_END) && !(c in EMITTED_OUTSIDE_COMPILE) && !all.has(c));
    expect(missing).toEqual([]);
  });

  it('each front-end code has a case file named after it (ZCxxxx-….zc)', () => {
    const named = new Set(names.map((n) => n.slice(0, 6)));
    expect(frontEnd.filter((c) => !(c in NOT_EMITTED_BY_FRONT_END) && !(c in EMITTED_OUTSIDE_COMPILE) && !named.has(c))).toEqual([]);
  });

  it('the allow-list is exactly the front-end codes marked reserved in the catalog, and no case produces them', () => {
    const all = new Set([...produced.values()].flatMap((s) => [...s]));
    const reserved = frontEnd.filter((c) => (CATALOG[c] as { reserved?: boolean }).reserved);
    expect(Object.keys(NOT_EMITTED_BY_FRONT_END).sort()).toEqual(reserved.sort());
    for (const c of Object.keys(NOT_EMITTED_BY_FRONT_END)) {
      expect(all.has(c), `${c} is produced by a case: remove it from the allow-list`).toBe(false);
    }
  });

  it('codes listed as not emitted are still not emitted anywhere in compiler/', () => {
    const sources: string[] = [];
    const walk = (dir: string) => {
      for (const n of readdirSync(dir)) {
        const p = join(dir, n);
        if (statSync(p).isDirectory()) walk(p);
        else if (n.endsWith('.ts') && n !== 'catalog.ts') sources.push(readFileSync(p, 'utf8'));
      }
    };
    walk(join(REPO_DIR, 'compiler'));
    const text = sources.join('\n');
    // If this fails, the compiler now emits the code: add a ZCxxxx-… case and remove it from the allow-list.
    expect(Object.keys(NOT_EMITTED_BY_FRONT_END).filter((c) => text.includes(`'${c}'`) || text.includes(`"${c}"`))).toEqual([]);
  });
});
