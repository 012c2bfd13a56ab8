/**
 * The per-file error limit (compiler/diagnostics/limit.ts): which errors are kept, what ZC0007
 * says, what is never held back (warnings, notes, other files), and that limiting twice changes
 * nothing. Goldens of whole cases: test/semantics/cases/ZC0007-*.zc and error-limit-21-errors.zc.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SourceFile } from '../../compiler/common/source.js';
import { diag, sortDiagnostics, type Diagnostic, type Severity } from '../../compiler/diagnostics/diagnostic.js';
import { DEFAULT_ERROR_LIMIT, limitErrors } from '../../compiler/diagnostics/limit.js';
import { renderDiagnosticsJson, renderDiagnosticsText } from '../../compiler/diagnostics/render.js';

const A = new SourceFile('/p/甲.zc', '一行\n𠀀𠀀错x\n'.repeat(40));
const B = new SourceFile('/p/乙.zc', 'b\n'.repeat(40));
const FILES = new Map([[A.path, A], [B.path, B]]);

const at = (sf: SourceFile, start: number, severity: Severity = 'error'): Diagnostic =>
  diag(severity === 'error' ? 'ZC0401' : 'ZC0510', sf.span(start, start + 1), `x${start}`, { severity });

describe('limitErrors', () => {
  it('keeps the first `limit` errors of a file and puts one ZC0007 at the first held back, with the exact count and file:line:column', () => {
    // errors at the "x" of each second line (line 2k + 2, column 4: a surrogate pair is one column)
    const ds = Array.from({ length: 30 }, (_, k) => at(A, 10 * k + 8));
    const out = limitErrors(ds, FILES, 20);
    expect(out).toHaveLength(21);
    expect(out.slice(0, 20)).toEqual(ds.slice(0, 20));
    expect(out[20]).toMatchObject({ code: 'ZC0007', severity: 'error', span: ds[20]!.span });
    expect(out[20]!.message).toBe('错误过多：本文件已列出前 20 个错误，其后 10 个未逐个列出，第一个在 甲.zc:42:4（ZC0401）');
    expect(out[20]!.help).toContain('结尾引号');
  });

  it('the summary line counts every error, listed or not — a ZC0007 stands for the errors it holds back', () => {
    const ds = [...Array.from({ length: 30 }, (_, k) => at(A, 10 * k + 8)), at(A, 3, 'warning'), ...Array.from({ length: 25 }, (_, k) => at(B, 2 * k))];
    const out = limitErrors(sortDiagnostics(ds), FILES, 20);
    expect(renderDiagnosticsText(out, FILES, { cwd: '/p' })).toContain('共 55 个错误（其中 15 个未逐个列出），1 个警告');
    expect(JSON.parse(renderDiagnosticsJson(out, FILES, { cwd: '/p' })).summary).toEqual({ errors: 55, warnings: 1, infos: 0, unlisted: 15 });
    // no limit reached: the summary as before
    const few = sortDiagnostics(ds.slice(0, 5));
    expect(renderDiagnosticsText(limitErrors(few, FILES, 20), FILES, { cwd: '/p' })).toContain('共 5 个错误，0 个警告');
  });

  it('a file with exactly limit + 1 errors shows them all; limit 0 is no limit; the default is 20', () => {
    const ds = Array.from({ length: 21 }, (_, k) => at(A, k));
    expect(limitErrors(ds, FILES, 20)).toBe(ds);
    const many = Array.from({ length: 300 }, (_, k) => at(A, k));
    expect(limitErrors(many, FILES, 0)).toBe(many);
    expect(limitErrors(many, FILES)).toHaveLength(DEFAULT_ERROR_LIMIT + 1);
    expect(DEFAULT_ERROR_LIMIT).toBe(20);
  });

  it('a file not among `files` is named by its path alone', () => {
    const sf = new SourceFile('/p/丙.zc', 'x'.repeat(10));
    const out = limitErrors(Array.from({ length: 5 }, (_, k) => at(sf, k)), FILES, 2);
    expect(out[2]!.message).toBe('错误过多：本文件已列出前 2 个错误，其后 3 个未逐个列出，第一个在 丙.zc（ZC0401）');
  });

  it('property: warnings, notes and other files are kept; every error is kept or counted by its file’s ZC0007; limiting again changes nothing', () => {
    const one = fc.record({ file: fc.constantFrom(A, B), start: fc.nat(70), severity: fc.constantFrom<Severity>('error', 'error', 'error', 'warning', 'info') });
    fc.assert(
      fc.property(fc.array(one, { maxLength: 80 }), fc.integer({ min: 0, max: 12 }), (xs, limit) => {
        const ds = sortDiagnostics(xs.map((x) => at(x.file, x.start, x.severity)));
        const out = limitErrors(ds, FILES, limit);
        expect(out.filter((d) => d.severity !== 'error')).toEqual(ds.filter((d) => d.severity !== 'error'));
        for (const sf of [A, B]) {
          const errs = ds.filter((d) => d.span.file === sf.path && d.severity === 'error');
          const kept = out.filter((d) => d.span.file === sf.path && d.severity === 'error');
          const summary = kept.filter((d) => d.code === 'ZC0007');
          if (limit === 0 || errs.length <= limit + 1) expect(kept).toEqual(errs);
          else {
            expect(kept.filter((d) => d.code !== 'ZC0007')).toEqual(errs.slice(0, limit));
            expect(summary).toHaveLength(1);
            expect(summary[0]!.message).toContain(`其后 ${errs.length - limit} 个未逐个列出`);
            expect(summary[0]!.span).toEqual(errs[limit]!.span);
          }
        }
        // sorted as the input was, and idempotent
        expect(sortDiagnostics([...out])).toEqual(out);
        expect(limitErrors(out, FILES, limit)).toEqual(out);
      }),
      { numRuns: 300 },
    );
  });
});
