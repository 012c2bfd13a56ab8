/**
 * batch's one CSV reader (compiler/cli/batch.ts, csvRecords): RFC 4180 records with the line each
 * starts on — what csvShapeProblem counts and csvHeader reads (they were two hand-written readers,
 * and the header's split the first line at a newline inside quotes).
 */
import { describe, expect, it } from 'vitest';
import { csvRecords, csvShapeProblem } from '../../compiler/cli/batch.js';

const records = (text: string) => [...csvRecords(text)].map((r) => [r.line, ...r.fields]);

describe('csvRecords', () => {
  it('fields, quotes undone, doubled quotes, commas and newlines inside quotes', () => {
    expect(records('a,b,c\n1,"x,y","say ""hi"""\n2,"two\nlines",\n')).toEqual([
      [1, 'a', 'b', 'c'],
      [2, '1', 'x,y', 'say "hi"'],
      [3, '2', 'two\nlines', ''],
    ]);
  });

  it('a BOM, CRLF and blank lines: dropped, skipped, lines still counted', () => {
    expect(records('\ufeff编号,子女数\r\n\r\n1,3\r\n\n2,\r\n')).toEqual([
      [1, '编号', '子女数'],
      [3, '1', '3'],
      [5, '2', ''],
    ]);
  });

  it('a header with a newline inside quotes is one record', () => {
    expect(records('"编\n号",子女数\n1,2\n')).toEqual([[1, '编\n号', '子女数'], [3, '1', '2']]);
  });

  it('no final newline, and an empty text', () => {
    expect(records('a,b\n1,2')).toEqual([[1, 'a', 'b'], [2, '1', '2']]);
    expect(records('')).toEqual([]);
  });

  it('csvShapeProblem names the first record whose count differs, at the line it starts on', () => {
    expect(csvShapeProblem('f.csv', 'a,b,c\n1,"3,\n4",true\n2,3\n')?.message).toBe('输入文件“f.csv”第 4 行有 2 个字段，表头有 3 列：每一行的字段数应与表头相同（不知道的值留空，如 1,,true；含逗号或换行的值用英文双引号括起）');
    expect(csvShapeProblem('f.csv', 'a,b\n1,2\n\n3,4\n')).toBeUndefined();
  });
});
