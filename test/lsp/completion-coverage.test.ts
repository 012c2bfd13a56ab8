/**
 * Completion against the shipped encodings (policies/luanchuan, policies/sample): at the end of every
 * keyword and of every reference to a declared name, completion offers that keyword or name — what a
 * drafter wrote in a valid file is always among the candidates at that place (keywords are offered by
 * grammar position, so a position the grammar context misreads shows up here as a miss). And every
 * answer keeps completion's invariant: the replaced range lies on one line and contains the offset.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compile } from '../../compiler/project/program.js';
import { nodeHost } from '../../compiler/project/host.js';
import { programSetOf } from '../../compiler/services/program-set.js';
import { complete } from '../../compiler/services/completion.js';
import { KEYWORDS } from '../../compiler/syntax/tokens.js';

const ROOT = resolve(__dirname, '../..');

describe.each(['luanchuan', 'sample'])('completion over policies/%s', (name) => {
  const dir = join(ROOT, 'policies', name);
  const files = readdirSync(dir).filter((f) => f.endsWith('.zc')).map((f) => join(dir, f));
  const result = compile(files, nodeHost);
  const ws = programSetOf(result, 1);
  const program = ws.programsOf(files[0]!)[0]!;

  /** Labels at `offset` of `file`, checking the replaced range. */
  const labelsAt = (file: string, offset: number): string[] => {
    const c = complete(ws, file, offset);
    const text = ws.parsedOf(file)!.source.text;
    expect(c.replace.start <= offset && offset <= c.replace.end, `${file}:${offset}`).toBe(true);
    expect(/[\n\r\u2028\u2029]/.test(text.slice(c.replace.start, c.replace.end))).toBe(false);
    return c.items.map((i) => i.label);
  };

  it('compiles without errors', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('offers every keyword where the file has it', () => {
    const missed: string[] = [];
    let n = 0;
    for (const f of files) {
      const parsed = ws.parsedOf(f)!;
      for (const t of parsed.tokens) {
        if (!KEYWORDS.includes(t.image) || t.tokenType.name === 'Name') continue;
        n++;
        const end = t.startOffset + t.image.length;
        if (!labelsAt(f, end).includes(t.image)) missed.push(`${f.slice(dir.length + 1)}:${end} ${JSON.stringify(parsed.source.text.slice(Math.max(0, end - 30), end))}`);
      }
    }
    expect(n).toBeGreaterThan(name === 'luanchuan' ? 1000 : 50);
    expect(missed).toEqual([]);
  });

  it('offers every keyword at its start, nothing of it typed yet (「二孩▮及以上」: after a written-out unit)', () => {
    const missed: string[] = [];
    for (const f of files) {
      const parsed = ws.parsedOf(f)!;
      for (const t of parsed.tokens) {
        if (!KEYWORDS.includes(t.image) || t.tokenType.name === 'Name') continue;
        if (!labelsAt(f, t.startOffset).includes(t.image)) missed.push(`${f.slice(dir.length + 1)}:${t.startOffset} ${JSON.stringify(parsed.source.text.slice(Math.max(0, t.startOffset - 30), t.startOffset + t.image.length))}`);
      }
    }
    expect(missed).toEqual([]);
  });

  it('offers every referenced name where the file refers to it', () => {
    const missed: string[] = [];
    let n = 0;
    for (const r of program.checked.references) {
      const text = ws.parsedOf(r.span.file)?.source.text;
      if (text === undefined) continue;
      const written = text.slice(r.span.start, r.span.end);
      const bare = written.startsWith('「') || written.startsWith('【') ? written.slice(1, -1) : written;
      n++;
      const l = labelsAt(r.span.file, r.span.end);
      if (!l.includes(bare) && !l.includes(written)) missed.push(`${r.span.file.slice(dir.length + 1)}:${r.span.end} ${JSON.stringify(text.slice(Math.max(0, r.span.end - 30), r.span.end))}`);
    }
    expect(n).toBeGreaterThan(name === 'luanchuan' ? 500 : 30);
    expect(missed).toEqual([]);
  });
});
