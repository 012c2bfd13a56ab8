/**
 * Flat JSON Lines in `zhengce batch` take a value exactly when `zhengce eval` takes it (exploratory
 * tests, session 23): DuckDB's read_json read "3" into an integer column, "true" into a boolean one
 * and "2024-1-1" as a date, and batch evaluated them, while eval refuses each (ZC0804). Now each is
 * one ZC1202 naming the data row, the column, the expected type in eval's words and the value as
 * written — and the values eval takes are taken. (What every format accepts: docs/sql.md.)
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureDist, runCliAsync } from '../helpers/dist.js';
import { tmpDirForFile } from '../helpers/tmp.js';

const tmp = tmpDirForFile('zhengce-batch-json-types-');
beforeAll(() => {
  ensureDist();
});

interface Case { entity: string; value: Record<string, unknown>; refused?: string }
/** One field per case (sample policy: 家庭.子女数 整数, 丈夫户籍在本县 是否; 婴幼儿.出生日期 日期; 女职工.性别 枚举). */
const CASES: Case[] = [
  { entity: '家庭', value: { 子女数: '3' }, refused: '的列“子女数”：期望非负整数，实际为 "3"' },
  { entity: '家庭', value: { 子女数: -3 }, refused: '的列“子女数”：期望非负整数，实际为 -3' },
  { entity: '家庭', value: { 子女数: true }, refused: '的列“子女数”：期望非负整数，实际为 true' },
  { entity: '家庭', value: { 子女数: 3 } },
  { entity: '家庭', value: { 丈夫户籍在本县: 'true' }, refused: '的列“丈夫户籍在本县”：期望是否（true/false），实际为 "true"' },
  { entity: '家庭', value: { 丈夫户籍在本县: 1 }, refused: '的列“丈夫户籍在本县”：期望是否（true/false），实际为 1' },
  { entity: '家庭', value: { 丈夫户籍在本县: false } },
  { entity: '婴幼儿', value: { 出生日期: '2024-1-1' }, refused: '的列“出生日期”：期望不晚于评估日期的日期（YYYY-MM-DD），实际为 "2024-1-1"' },
  { entity: '婴幼儿', value: { 出生日期: 20240101 }, refused: '的列“出生日期”：期望不晚于评估日期的日期（YYYY-MM-DD），实际为 20240101' },
  { entity: '婴幼儿', value: { 出生日期: '2024-01-01' } },
  { entity: '女职工', value: { 性别: 1 }, refused: '的列“性别”：期望以下之一：男、女，实际为 1' },
  { entity: '女职工', value: { 性别: '女' } },
];

describe('flat JSON Lines: batch takes a value exactly when eval does', () => {
  CASES.forEach((c, i) => {
    it(`${c.entity} ${JSON.stringify(c.value)}: ${c.refused ? 'refused by both' : 'taken by both'}`, async () => {
      const input = join(tmp, `in-${i}.jsonl`);
      // the bad value on the second data row, after a good one
      writeFileSync(input, `{"编号":1}\n${JSON.stringify({ 编号: 2, ...c.value })}\n`);
      const out = join(tmp, `out-${i}.jsonl`);
      const caseFile = join(tmp, `case-${i}.yaml`);
      writeFileSync(caseFile, `政策: sample\n事实:\n  ${c.entity}: ${JSON.stringify(c.value)}\n`);
      const [b, e] = await Promise.all([
        runCliAsync(['batch', '--events', 'none', '--policy', 'sample', '--date', '2024-07-01', '--entity', c.entity, '--in', input, '--out', out], { timeoutMs: 120_000 }),
        runCliAsync(['eval', '--events', 'none', '--date', '2024-07-01', caseFile], { timeoutMs: 120_000 }),
      ]);
      if (c.refused) {
        expect([b.status, e.status]).toEqual([1, 1]);
        expect(e.stderr).toContain('错误[ZC0804]');
        expect(b.stderr).toContain(`错误[ZC1202]: 输入文件“${input}”第 2 行（数据行）${c.refused}\n`);
        expect(b.stderr.match(/错误\[/g)).toHaveLength(1);
        expect(existsSync(out)).toBe(false);
      } else {
        expect([b.status, e.status, b.stderr]).toEqual([0, 0, expect.not.stringContaining('错误')]);
      }
    });
  });
});
