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
];
