/**
 * Equivalent mutants: mutants no test can kill because the mutated program behaves exactly
 * like the original on every input the code can receive. Each is excluded, with the reason,
 * by a `// Stryker disable next-line <mutator>: <reason>` comment on the line before it:
 *   - in compiler/ sources, the comment is in the file (comment only, no code change);
 *   - in the generated runtime module, test/mutation/prepare.ts inserts it (the runtime text
 *     in ts-runtime.ts stays free of tool comments, and so does every generated evaluator).
 * This list is the one place where they are recorded; prepare.ts checks that every entry
 * still matches exactly one line, and that every `Stryker disable` comment in the mutated
 * compiler files is listed here.
 *
 * Entry: { file, line: exact text of the mutated line (trimmed), mutator, reason }.
 */
export const EQUIVALENT = [
  { file: 'compiler/common/decimal.ts', line: "if (n < 64) {", mutator: 'EqualityOperator,ConditionalExpression,BlockStatement', reason: "the cache is a speed-up: 10n ** BigInt(n) gives the same value for every n" },
  { file: 'compiler/common/decimal.ts', line: "if (coeff === 0n) return ZERO;", mutator: 'ConditionalExpression', reason: "without the shortcut the stripping loops bring a zero to { coeff: 0n, scale: 0 }, equal to ZERO" },
  { file: 'compiler/common/decimal.ts', line: "while (s >= 8 && c % 100000000n === 0n) {", mutator: 'EqualityOperator,ConditionalExpression,ArithmeticOperator', reason: "stripping eight zeros at a time is a speed-up: the one-by-one loop after it strips the rest" },
  { file: 'compiler/common/decimal.ts', line: "if (scale < 0) return normalise(coeff * pow10(-scale), 0);", mutator: 'EqualityOperator', reason: "at scale 0 both branches compute normalise(coeff, 0)" },
  { file: 'compiler/common/decimal.ts', line: "return n === 0n ? ZERO : { coeff: n, scale: 0 };", mutator: 'ConditionalExpression', reason: "{ coeff: 0n, scale: 0 } equals ZERO" },
  { file: 'compiler/common/decimal.ts', line: "if (a.scale === b.scale) return [a.coeff, b.coeff, a.scale];", mutator: 'ConditionalExpression', reason: "with equal scales the last branch multiplies by 10^0 and returns the same triple" },
  { file: 'compiler/common/decimal.ts', line: "if (a.scale > b.scale) return [a.coeff, b.coeff * pow10(a.scale - b.scale), a.scale];", mutator: 'EqualityOperator', reason: "reached only with different scales (equal ones return above), where > and >= agree" },
  { file: 'compiler/common/decimal.ts', line: "return d.coeff === 0n ? ZERO : { coeff: -d.coeff, scale: d.scale };", mutator: 'ConditionalExpression', reason: "a normal zero has scale 0 and -0n === 0n: the result equals ZERO" },
  { file: 'compiler/common/decimal.ts', line: "if (sa !== sb) return sa < sb ? -1 : 1;", mutator: 'EqualityOperator,ConditionalExpression', reason: "a speed-up: comparing the aligned coefficients gives the same answer when the signs differ" },
  { file: 'compiler/common/decimal.ts', line: "if (d.coeff === 0n || n === 0) return d;", mutator: 'ConditionalExpression,LogicalOperator', reason: "a speed-up: for a zero or n = 0 the branches below return an equal decimal" },
  { file: 'compiler/common/decimal.ts', line: "if (n < 0) return normalise(d.coeff, d.scale - n);", mutator: 'EqualityOperator', reason: "n = 0 returns above" },
  { file: 'compiler/common/decimal.ts', line: "if (n <= d.scale) return { coeff: d.coeff, scale: d.scale - n }; // still normal: coeff unchanged", mutator: 'EqualityOperator', reason: "at n = d.scale both branches give { coeff, scale: 0 }" },
  { file: 'compiler/common/decimal.ts', line: "const negative = a.coeff < 0n !== b.coeff < 0n;", mutator: 'EqualityOperator', reason: "b is not zero (checked above); a zero a gives a zero quotient, whose sign does not exist (-0n === 0n)" },
  { file: 'compiler/common/decimal.ts', line: "const num = (a.coeff < 0n ? -a.coeff : a.coeff) * pow10(b.scale + maxScale);", mutator: 'EqualityOperator', reason: "-0n === 0n" },
  { file: 'compiler/common/decimal.ts', line: "const den = (b.coeff < 0n ? -b.coeff : b.coeff) * pow10(a.scale);", mutator: 'EqualityOperator', reason: "b is not zero (checked above)" },
  { file: 'compiler/common/decimal.ts', line: "if (r !== 0n) {", mutator: 'ConditionalExpression', reason: "with r = 0 the rounding step adds nothing (2r > den and 2r = den are both false)" },
  { file: "compiler/common/calendar.ts", line: "if (a.y !== b.y) return a.y < b.y ? -1 : 1;", mutator: "EqualityOperator", reason: "inside a.y !== b.y, a.y < b.y and a.y <= b.y agree" },
  { file: "compiler/common/calendar.ts", line: "if (a.m !== b.m) return a.m < b.m ? -1 : 1;", mutator: "EqualityOperator", reason: "inside a.m !== b.m, a.m < b.m and a.m <= b.m agree" },
  { file: "compiler/common/calendar.ts", line: "if (a.d !== b.d) return a.d < b.d ? -1 : 1;", mutator: "EqualityOperator", reason: "inside a.d !== b.d, a.d < b.d and a.d <= b.d agree" },
  { file: "compiler/common/calendar.ts", line: "else if (c === 0x3000) out += ' ';", mutator: "ConditionalExpression", reason: "U+3000 is whitespace to trim() and to \\s alike, and messages quote the original text, so keeping it changes nothing" },
  { file: "compiler/common/calendar.ts", line: "if (chars.length === 0 || chars.length > 9) return undefined;", mutator: "ConditionalExpression", reason: "the year component matched [^年月日号\\s]+, so it is never empty" },
  { file: "compiler/common/calendar.ts", line: "if (ch === undefined) return undefined;", mutator: "ConditionalExpression", reason: "CN_DIGITS.get(undefined) is undefined, which the next line returns as undefined" },
  { file: "compiler/common/calendar.ts", line: "return v !== undefined && v >= 1 ? v : undefined;", mutator: "ConditionalExpression", reason: "undefined >= 1 is false, so v !== undefined adds nothing to v >= 1" },
  { file: "compiler/common/calendar.ts", line: "if (m === 2 && d === 29) return { ok: false, message: `${y}年不是闰年，2月只有28日` };", mutator: "ConditionalExpression", reason: "d > daysInMonth with d = 29 happens only in February" },
  { file: "compiler/common/calendar.ts", line: "if (cn && (cn[1] !== undefined || cn[2] !== undefined || cn[3] !== undefined)) {", mutator: "ConditionalExpression", reason: "with every group absent the pattern matches only the empty text, refused above" },
  { file: "compiler/common/calendar.ts", line: "if (order === 0) return 0;", mutator: "ConditionalExpression", reason: "without it k = 0, periodEnd(birth, 0) = on, and Math.max(0, -1) gives the same 0" },
  { file: "compiler/ir/ir.ts", line: "return `${f.s < 0n && f.n !== 0n ? '-' : ''}${f.n}/${f.d}`;", mutator: "EqualityOperator", reason: "fraction.js keeps the sign s at 1n or -1n, so s < 0n and s <= 0n agree" },
  { file: "compiler/ir/ir.ts", line: "case 'int': return '';", mutator: "ConditionalExpression,StringLiteral", reason: "without the case (or with its label changed) 'int' falls to the default, which returns the same ''" },
  { file: "compiler/ir/ir.ts", line: "const sign = a < 0 !== b < 0 ? -1 : 1;", mutator: "EqualityOperator", reason: "b is never 0 (INVARIANT), and a = 0 gives q = 0, where sign * 0 || 0 is 0 whatever the sign" },
  { file: "compiler/ir/ir.ts", line: "if (r < 0) { q--; r += B; } else if (r >= B) { q++; r -= B; }", mutator: "ConditionalExpression,EqualityOperator,BlockStatement,UpdateOperator,AssignmentOperator", reason: "for safe integers Math.floor(A / B) is exact (the quotient's rounding error is below 1 / B), so r is already in [0, B) and the correction never runs" },
  { file: "compiler/common/numerals.ts", line: "if (ch.length !== 1) return -1;", mutator: "ConditionalExpression", reason: "callers pass one code point (isNumeralChar checks the length first); an astral one starts with a surrogate, in no digit range, so the guard never decides" },
  { file: "compiler/common/numerals.ts", line: "if (ch.length !== 1) return false;", mutator: "ConditionalExpression", reason: "arabicDigit and the four lookups are all false for a text that is not one character" },
  { file: "compiler/common/numerals.ts", line: "if (/^\\s$/u.test(ch)) return fail(`“${text}”中含有空白字符`);", mutator: "Regex", reason: "ch is one code point, so ^\\s$, \\s$ and ^\\s match the same characters" },
  { file: "compiler/common/numerals.ts", line: "if (n >= 2 && chars[n - 2] === '万' && chars[n - 1] === '亿') {", mutator: "ConditionalExpression,EqualityOperator", reason: "the text holds an Arabic digit: for n < 2 chars[n - 2] is undefined, and no 2-character text of it is 万亿" },
  { file: "compiler/common/numerals.ts", line: "return this.edit(-1, '', new Map(), new Set(idx));", mutator: "UnaryOperator,StringLiteral", reason: "the loop never reaches index -1, and at index 1 the inserted text is empty" },
  { file: "compiler/common/numerals.ts", line: "if (a.kind === 'mult' && b.kind === 'mult' && a.exp === 4 && b.exp === 4) return fail(`“${text}”中单位“万”重复`);", mutator: "ConditionalExpression,LogicalOperator", reason: "only multiplier tokens have an exp, so a.exp === 4 && b.exp === 4 alone already means 万万" },
  { file: "compiler/common/numerals.ts", line: "if (pointIdx < 0) return ok(decFromBigInt(intRes.value));", mutator: "EqualityOperator", reason: "pointIdx = 0 means no integer part, refused above (intEnd === 0)" },
  { file: "compiler/common/numerals.ts", line: "const isMult = (t: Tok | undefined, e: 4 | 8): boolean => t?.kind === 'mult' && t.exp === e;", mutator: "OptionalChaining", reason: "isMult is only called on rest[0] and rest[1] of a two-element rest" },
  { file: "compiler/common/numerals.ts", line: "const next = k + 1 < end ? toks[k + 1] : undefined;", mutator: "ConditionalExpression,EqualityOperator,ArithmeticOperator", reason: "past end lies only the point token, which the zero case (the only reader of next) treats like the end: the same 多余的零 and help" },
  { file: "compiler/common/numerals.ts", line: "} else if (prev?.kind === 'unit' && prev.value < t.value) {", mutator: "EqualityOperator,BlockStatement", reason: "prev.value is lastUnit, so the lastUnit check below gives the same message; equal units are refused before parsing" },
  { file: "compiler/common/numerals.ts", line: "case 'point':", mutator: "ConditionalExpression,StringLiteral", reason: "end stops before the point, so no point token reaches this switch" },
  { file: "compiler/common/numerals.ts", line: "if (last !== undefined && CN_UNITS.has(last) && head.every((c) => arabicDigit(c) >= 0 || isArabicPoint(c))) {", mutator: "MethodExpression", reason: "asAscii turns any other character into '?', which parseDecimal refuses, so some and every lead to the same result" },
  { file: "compiler/ir/lower.ts", line: "if (tt !== t) unit = { dimension: 'ageMonths', canonical: '月龄', factor: decimal(12n) };", mutator: "StringLiteral", reason: "scaled() reads only the unit's factor: its dimension and canonical name are never used" },
  { file: "compiler/ir/lower.ts", line: "case 'elem': return this.varAt(r.level, origin);", mutator: "StringLiteral", reason: "the checker resolves a name to 'elem' never (only 其, kind 'it', gets it), so this case is unreachable" },
  { file: "compiler/common/lines.ts", line: "let hi = starts.length - 1;", mutator: "ArithmeticOperator", reason: "an index past the end reads undefined, and undefined <= offset is false: the search moves hi down as it would past the last start, and returns the same line" },
  { file: "test/mutation/generated/runtime.ts", line: "const a = n < 0n ? -n : n;", mutator: "EqualityOperator", reason: "at n = 0, -n is 0n too" },
  { file: "test/mutation/generated/runtime.ts", line: "return n < 0n && r !== 0 ? -r : r;", mutator: "EqualityOperator", reason: "at n = 0 the quotient r is 0, so r !== 0 already decides" },
  { file: "test/mutation/generated/runtime.ts", line: "if (d < 0n) {", mutator: "EqualityOperator", reason: "d = ad · bn is never 0: ad > 0 and bn = 0 returned above" },
  { file: "compiler/interpret/interpreter.ts", line: "const neg = x.s < 0n;", mutator: "EqualityOperator", reason: "fraction.js keeps the sign s at 1n or -1n, so s < 0n and s <= 0n agree" },
  { file: "compiler/interpret/interpreter.ts", line: "if (!memo) ctx.sh.defMemo.set(key, (memo = new Map()));", mutator: "ConditionalExpression", reason: "a memo: a new map per call only forgets earlier definitions of the instance, which are evaluated again with the same value, missing facts, parameters and traces" },
  { file: "compiler/interpret/interpreter.ts", line: "if (!hit) {", mutator: "ConditionalExpression", reason: "a memo: evaluating the definition again gives the same value, missing facts, parameters and traces" },
  { file: "compiler/interpret/interpreter.ts", line: "if (self) vars.set('@self', self);", mutator: "ConditionalExpression", reason: "binding @self to undefined is the same as not binding it: a var lookup of undefined gives null (unknown) either way" },
  { file: "compiler/interpret/interpreter.ts", line: "if (ns.some((v) => v === undefined)) return null;", mutator: "ConditionalExpression,ArrowFunction", reason: "vs holds no null (returned above) and a non-ratio sum's elements are numbers or intervals, which num keeps: ns never holds undefined" },
  { file: "compiler/interpret/interpreter.ts", line: "if (vals.every((v) => typeof v === 'string')) {", mutator: "MethodExpression", reason: "a list's values are all ratios (texts) or all numbers and intervals (one type per aggregate): some and every agree" },
  { file: "compiler/interpret/interpreter.ts", line: "if (!idx) {", mutator: "ConditionalExpression", reason: "the name index is a memo: building it again gives the same maps" },
  { file: "compiler/interpret/interpreter.ts", line: "if (e.k === 'const' && typeof e.value === 'boolean') return;", mutator: "ConditionalExpression,LogicalOperator", reason: "only constants have a value (for any other node typeof e.value is 'undefined'), and a condition's constants are booleans" },
  { file: "compiler/interpret/interpreter.ts", line: "const v = memo?.has(x) ? memo.get(x)! : evalExpr(x, ctx);", mutator: "OptionalChaining", reason: "the only caller, evaluateMeasure, always passes the memo" },
];
