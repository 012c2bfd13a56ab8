/**
 * The compiler's ParseCache, as the language server keeps it for its lifetime: what it
 * parses again and what it reuses — and that reuse never changes a result.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SourceFile } from '../../compiler/common/source.js';
import { formatEdits } from '../../compiler/format/format.js';
import { compile, memoryHost, nodeHost, ParseCache } from '../../compiler/index.js';

const SAMPLE = join(import.meta.dirname, '..', '..', 'policies', 'sample');
const read = (f: string) => readFileSync(join(SAMPLE, f), 'utf8');

describe('ParseCache', () => {
  it('a file parsed without its CST (the workspace scan), then opened, is parsed again once with it', () => {
    const open = new Set<string>();
    const cache = new ParseCache((path) => open.has(path));
    const text = read('示例.zc');
    const scanned = cache.get('/ws/a.zc', text);
    expect(scanned.value.cst).toBeUndefined();
    expect(cache.get('/ws/a.zc', text)).toBe(scanned);
    open.add('/ws/a.zc');
    const opened = cache.get('/ws/a.zc', text);
    expect(opened.value.cst).toBeDefined();
    expect(opened.diagnostics).toEqual(scanned.diagnostics);
    expect(opened.value.ast).toEqual(scanned.value.ast);
    // … and kept: formatting the unchanged text parses nothing more
    expect(cache.get('/ws/a.zc', text)).toBe(opened);
    expect(formatEdits(opened.value.source, opened).value).toEqual(formatEdits(new SourceFile('/ws/a.zc', text)).value);
  });

  it('a parameter file is parsed again only when its text changed; diagnostics equal a compile without the cache', () => {
    const root = '/ws/示例.zc';
    const files: Record<string, string> = { [root]: read('示例.zc'), '/ws/类型.zc': read('类型.zc'), '/ws/source.txt': read('source.txt'), '/ws/参数.yaml': read('参数.yaml') };
    const cache = new ParseCache();
    const host = memoryHost(files, nodeHost);
    const a = compile([root], host, cache);
    const b = compile([root], host, cache);
    const setOf = (r: typeof a) => r.programs.find((p) => p.root === root)!.parameters.get('/ws/参数.yaml');
    expect(setOf(a)).toBeDefined();
    expect(setOf(b)).toBe(setOf(a)); // reused
    expect(b.files.get('/ws/参数.yaml')).toBe(a.files.get('/ws/参数.yaml'));
    expect(b.diagnostics).toEqual(compile([root], host).diagnostics);
    // a changed parameter file: parsed again, and its diagnostics follow (its unconfirmed value confirmed: no ZC0703)
    expect(a.diagnostics.map((d) => d.code)).toContain('ZC0703');
    files['/ws/参数.yaml'] = files['/ws/参数.yaml']!.replace(/已确认: false/g, '已确认: true');
    const c = compile([root], host, cache);
    expect(setOf(c)).not.toBe(setOf(a));
    expect(c.diagnostics).toEqual(compile([root], host).diagnostics);
    expect(c.diagnostics.map((d) => d.code)).not.toContain('ZC0703');
  });
});

describe('ParseCache: a one-off cache (keepTokens: false, zhengce check)', () => {
  it('reads the leaves’ spans of a check only when its CheckState is asked for: the same state as a cache that takes them at once', () => {
    const oneOff = new ParseCache(undefined, { keepTokens: false });
    const kept = new ParseCache();
    expect(oneOff.oneShot).toBe(true);
    expect(kept.oneShot).toBe(false);
    const a = compile([SAMPLE], nodeHost, oneOff);
    const b = compile([SAMPLE], nodeHost, kept);
    expect(a.diagnostics).toEqual(b.diagnostics);
    const root = a.programs[0]!.root;
    const stateOf = (cache: ParseCache) => {
      const list = cache.checks.get(root)!;
      const last = list[list.length - 1]!;
      return typeof last === 'function' ? last() : last;
    };
    const sa = stateOf(oneOff);
    const sb = stateOf(kept);
    // per file: the leaves' spans, and the check's references by leaf (read through the spans taken)
    const view = (s: ReturnType<typeof stateOf>) => ({
      spans: [...s.spans].map(([path, xs]) => [path, [...xs]]),
      leaves: [...s.leaves].map(([path, ls]) => [path, ls.length]),
      references: [...s.references!].map(([, refs]) => refs.map((r) => [r.span.file, r.span.start, r.span.end])),
    });
    const va = view(sa);
    expect(va.spans.length).toBeGreaterThan(0);
    expect(va.references.length).toBeGreaterThan(0);
    expect(va).toEqual(view(sb));
  });
});
