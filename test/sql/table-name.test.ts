/**
 * Table names as `zhengce batch --in/--out` take them (compiler/sql/table-name.ts): unquoted
 * parts (letters of any script, digits, _) written as given, double-quoted parts kept exactly
 * ("" for a quote), at most [schema.]name; anything else refused (it would be written into SQL).
 */
import { describe, expect, it } from 'vitest';
import { inSchema, parseTableName, tableSql, withSuffix } from '../../compiler/sql/table-name.js';

describe('parseTableName / tableSql', () => {
  it.each([
    ['决定', '决定'],
    ['模式.决定', '模式.决定'],
    ['_t1', '_t1'],
    ['"Decisions 2024"', '"Decisions 2024"'],
    ['public."户.子女"', 'public."户.子女"'],
    ['"a.b"."c ""q"" d"', '"a.b"."c ""q"" d"'],
    ['"x;DROP TABLE y"', '"x;DROP TABLE y"'],
  ])('%s → %s', (arg, sql) => {
    const t = parseTableName(arg);
    expect(t).toBeDefined();
    expect(tableSql(t!)).toBe(sql);
  });

  it('keeps the parts: quoted text without quotes, "" undone', () => {
    expect(parseTableName('"a.b"."c ""q"" d"')).toEqual({ schema: { text: 'a.b', quoted: true }, name: { text: 'c "q" d', quoted: true } });
    expect(parseTableName('s.t')).toEqual({ schema: { text: 's', quoted: false }, name: { text: 't', quoted: false } });
  });

  it.each(['', '1abc', 'a b', 'x; DROP TABLE y', 'a.b.c', 'a.', '.a', '"unclosed', '""', 'a."b"c', "read_parquet('x')", '"a"b"'])('refuses %j', (arg) => {
    expect(parseTableName(arg)).toBeUndefined();
  });

  it('derived names keep schema and quoting', () => {
    expect(tableSql(withSuffix(parseTableName('s."My T"')!, '_zc_tmp_1'))).toBe('s."My T_zc_tmp_1"');
    expect(tableSql(withSuffix(parseTableName('决定')!, '_zc_tmp_1'))).toBe('决定_zc_tmp_1');
    expect(tableSql(inSchema(parseTableName('"My T"')!, 'public'))).toBe('public."My T"');
    expect(tableSql(inSchema(parseTableName('s.t')!, 'public'))).toBe('s.t');
  });
});
