/**
 * Warm-up of the edit path: a small built-in program compiled through a throwaway `ParseCache`, then
 * edited as a drafter edits — a character typed in a 原文 and deleted, a 「 that makes a syntax error, a
 * '"' that opens a string to the end of the file, a '}' that closes a 条款 early, a rename — each
 * edit and its undo compiled incrementally; then the grammar's content assist (what completion asks
 * which keywords may come next) once.
 * Input: none. Output: none — the compiled code of the process: the language server calls it once at
 * start-up, so that the first edits of a session do not run the incremental re-parse, Chevrotain's
 * recovering parser (built on first use) and the incremental bind and check for the first time.
 * INVARIANT: it shares no state with any other compilation (its own cache, an in-memory host).
 */
import { compile, ParseCache } from './program.js';
import { memoryHost } from './host.js';
import { lex } from '../syntax/lexer.js';
import { nextTokenTypes } from '../syntax/parser.js';
import { SourceFile } from '../common/source.js';

const DIR = '/zc-warm-up';
const PATH = `${DIR}/政策.zc`;
const TEXT = [
  '政策 「语言服务预热」 {',
  '  文号："预〔2024〕1号"',
  '  生效：2024年3月1日',
  '}',
  '',
  '实体 家庭 {',
  '  子女数：整数',
  '  户籍在本县：是否',
  '}',
  '',
  '条款 一、 "支持措施" {',
  '  原文："一、支持措施"',
  '  条款 （一） "补助" {',
  '    定义 家庭.「多孩家庭」 = 家庭.子女数 ≥ 3 {',
  '      原文："（一）补助。"',
  '    }',
  '    措施 补助 {',
  '      原文："（一）补助。"',
  '      对象：家庭',
  '      结果 补助金额：金额 一次性',
  '      规则 「二孩补助」 {',
  '        条件：家庭.子女数 ≥ 2 并且 家庭.户籍在本县',
  '        补助金额 = 2000元',
  '      }',
  '      规则 「多孩补助」 例外于 「二孩补助」 {',
  '        条件：家庭.「多孩家庭」 并且 家庭.户籍在本县',
  '        补助金额 = 5000元',
  '      }',
  '    }',
  '  }',
  '}',
  '',
].join('\n');

/** The edits: [text after which to insert, what], each followed by its undo. */
const EDITS: readonly (readonly [string, string])[] = [
  ['      原文："（一', '甲'],
  ['        条件：', '「'],
  ['      原文："（一', '"'],
  ['    定义 家庭.「多孩', '}'],
  ['    定义 家庭.「多孩', '甲'],
  ['        补助金额 = 2000元', '\n'],
];

/**
 * Compile the built-in program and its edits once (see the module header). Never throws. Returns the
 * number of errors of each compile, in order (the program, then each edit and its undo) — for the test
 * that keeps the program valid and the edits what they say.
 */
export function warmUp(): number[] {
  const errors: number[] = [];
  try {
    const cache = new ParseCache(() => true);
    const run = (text: string) => errors.push(compile([DIR], memoryHost({ [PATH]: text }), cache).diagnostics.filter((d) => d.severity === 'error').length);
    run(TEXT);
    for (const [after, ins] of EDITS) {
      const at = TEXT.indexOf(after) + after.length;
      run(TEXT.slice(0, at) + ins + TEXT.slice(at));
      run(TEXT);
    }
    // (its first use walks the grammar: ~60 ms in the first completion of a session otherwise)
    const header = lex(new SourceFile(PATH, '    措施 补助 {\n      ')).value.tokens;
    nextTokenTypes('measureDecl', header);
  } catch {
    // (a warm-up only: whatever went wrong shows again, reported, when a real file is compiled)
  }
  return errors;
}
