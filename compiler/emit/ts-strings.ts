/**
 * Safe embedding of policy text into generated TypeScript: string literals, comments
 * and identifiers.
 *
 * Input: arbitrary JS strings (policy names, doc strings, 原文 quotes — they may contain
 * quotes, backslashes, backticks, `${`, `*\/`, line terminators, U+2028/U+2029 and lone
 * surrogates). Output: source text that can never break out of its literal or comment.
 *
 * INVARIANT: `lit(s)` is a double-quoted literal that evaluates to exactly `s` and contains
 * only well-formed UTF-16 with no raw line terminators; `commentText(s)` contains no line
 * terminator, no `*\/` and no lone surrogate, so it is safe in `//` and `/* *\/` comments.
 */
import { ts } from 'ts-morph';

/** A double-quoted string literal: JSON escaping plus U+2028/U+2029 (and lone surrogates). */
export function lit(s: string): string {
  // JSON.stringify (ES2019 well-formed) escapes ", \, control characters and lone surrogates.
  // A backslash is written as \u005C rather than \\: ts-morph's code writer mis-tracks string
  // ends after an escaped backslash ("a\\" | "/*b" was printed with a stray comment).
  return JSON.stringify(s).replace(/\\(.)|[\u2028\u2029]/g, (m: string, esc: string | undefined) => {
    if (esc === undefined) return m === '\u2028' ? '\\u2028' : '\\u2029';
    return esc === '\\' ? '\\u005C' : m;
  });
}

function hex4(c: number): string {
  return c.toString(16).toUpperCase().padStart(4, '0');
}

/**
 * Text for inside a comment, on one line: line terminators and lone surrogates become
 * visible escapes (`\n`, `\u2028`, `\uD800`); `*` `/` becomes `*\/` and `/` `*` becomes `/\*`.
 */
export function commentText(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const n = s.charCodeAt(i + 1);
      if (n >= 0xdc00 && n <= 0xdfff) {
        out += s[i]! + s[i + 1]!;
        i++;
        continue;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) out += `\\u${hex4(c)}`;
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x2028 || c === 0x2029) out += `\\u${hex4(c)}`;
    else if (c === 0x2f && out.endsWith('*')) out += '\\/';
    // "/*" also confuses ts-morph's writer, which tracks comment nesting
    else if (c === 0x2a && out.endsWith('/')) out += '\\*';
    else out += s[i]!;
  }
  // a trailing '*' could join a following '/' written by the caller
  return out.endsWith('*') ? out + ' ' : out;
}

/**
 * Lines of a multi-line text for a JSDoc block: split on line terminators, each line made
 * safe with `commentText`.
 */
export function commentLines(s: string): string[] {
  return s.split(/\r\n|[\r\n\u2028\u2029]/).map(commentText);
}

const TARGET = ts.ScriptTarget.ES2022;

/** Is `s` an identifier by the lexical rules of ES2022 (keywords are checked separately)? */
export function isIdentifierText(s: string): boolean {
  let first = true;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch.length === 1 && cp >= 0xd800 && cp <= 0xdfff) return false; // lone surrogate
    if (!(first ? ts.isIdentifierStart(cp, TARGET) : ts.isIdentifierPart(cp, TARGET))) return false;
    first = false;
  }
  return !first;
}

/** Words that cannot name a type (or would shadow a type the module uses). */
export const RESERVED_TYPE_NAMES: ReadonlySet<string> = new Set([
  // ECMAScript / TypeScript keywords and contextual keywords
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum',
  'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null',
  'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'as',
  'implements', 'interface', 'let', 'package', 'private', 'protected', 'public', 'static', 'yield', 'any',
  'boolean', 'constructor', 'declare', 'get', 'module', 'require', 'number', 'set', 'string', 'symbol', 'type',
  'from', 'of', 'async', 'await', 'bigint', 'never', 'object', 'unknown', 'undefined', 'keyof', 'readonly',
  'unique', 'infer', 'is', 'asserts', 'namespace', 'abstract', 'global', 'out', 'override', 'satisfies',
  'accessor', 'intrinsic', 'using', 'arguments', 'eval',
  // global types and values the generated module refers to
  'Array', 'ReadonlyArray', 'Map', 'ReadonlyMap', 'Set', 'ReadonlySet', 'Record', 'Readonly', 'Partial', 'Pick',
  'Omit', 'Exclude', 'Extract', 'Error', 'RangeError', 'TypeError', 'Number', 'String', 'Boolean', 'Object',
  'JSON', 'Math', 'BigInt', 'RegExp', 'RegExpExecArray', 'Date', 'Symbol', 'Function', 'Promise', 'NonNullable',
  'Infinity', 'NaN', 'globalThis', 'console', 'Iterable', 'IterableIterator',
]);

/**
 * The documented name mapping for type names (entities, enums).
 *  - a DSL name that is a valid TypeScript identifier, not reserved and not yet taken is
 *    used verbatim (家庭 → 家庭);
 *  - otherwise `<prefix>_` + the name with every code point that cannot appear in an
 *    identifier written as `_u<hex>_` (「0-3岁婴幼儿」 → 实体_0_u2d_3岁婴幼儿);
 *  - if that is taken too, `_2`, `_3`, … is appended (first come, first served, in
 *    declaration order).
 */
export function typeName(name: string, prefix: string, taken: Set<string>): string {
  let id: string;
  if (isIdentifierText(name) && !RESERVED_TYPE_NAMES.has(name) && !taken.has(name)) id = name;
  else {
    let body = '';
    for (const ch of name) {
      const cp = ch.codePointAt(0)!;
      // a lone surrogate is its own "code point" here and is never an identifier part
      body += ch.length === 2 || !(cp >= 0xd800 && cp <= 0xdfff) ? (ts.isIdentifierPart(cp, TARGET) ? ch : `_u${cp.toString(16)}_`) : `_u${cp.toString(16)}_`;
    }
    id = `${prefix}_${body}`;
    if (taken.has(id)) {
      let n = 2;
      while (taken.has(`${id}_${n}`)) n++;
      id = `${id}_${n}`;
    }
  }
  taken.add(id);
  return id;
}

/**
 * The documented mapping for property keys: a valid identifier is written bare
 * (子女数), anything else as a string literal ("0-3岁" → `"0-3岁"`).
 */
export function propertyKey(name: string): string {
  return isIdentifierText(name) ? name : lit(name);
}

/** All identifier-like words of a source text (to keep generated type names clear of them). */
export function identifiersIn(source: string): Set<string> {
  const out = new Set<string>();
  for (const m of source.matchAll(/[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*/gu)) out.add(m[0]);
  return out;
}
