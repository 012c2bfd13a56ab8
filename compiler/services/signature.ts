/**
 * Signature help, in offsets: inside the parentheses of a built-in function (周岁（…）, 某日（…，…）),
 * an aggregate (数量（列表，条件）, 合计（列表，表达式）) or 适用（措施） in a 性质, the call's signature,
 * its documentation and which argument the cursor is in. Input: a ProgramSet, a file, an offset.
 * Output: the signature with each parameter's range in its label (LSP / Monaco label offsets), or
 * undefined outside such a call.
 * INVARIANT: the parameters' ranges lie inside `label` and are in order.
 */
import { AGGREGATES, APPLIES, FUNCTIONS } from '../semantics/builtins.js';
import { typeToString } from '../semantics/model.js';
import { tokenEnd } from '../syntax/lexer.js';
import { grammarContext, kindOf, tokenBefore } from './grammar-context.js';
import type { ProgramSet } from './program-set.js';

export interface Signature {
  /** `周岁（日期） → 周岁`. */
  readonly label: string;
  readonly documentation: string;
  /** Each parameter: its range in `label` and what it is. */
  readonly parameters: readonly { readonly start: number; readonly end: number; readonly documentation?: string }[];
  /** The argument the cursor is in (0-based; may pass the last parameter while typing too many). */
  readonly activeParameter: number;
}

/** A signature from its name, parameter texts and result: the label and the parameters' ranges in it. */
function signature(name: string, params: readonly { text: string; doc?: string }[], result: string | undefined, documentation: string, active: number): Signature {
  let label = `${name}（`;
  const parameters: Signature['parameters'][number][] = [];
  params.forEach((p, i) => {
    if (i > 0) label += '，';
    parameters.push({ start: label.length, end: label.length + p.text.length, ...(p.doc ? { documentation: p.doc } : {}) });
    label += p.text;
  });
  label += '）';
  if (result) label += ` → ${result}`;
  return { label, documentation, parameters, activeParameter: active };
}

/** Signature help at `offset` of `path` (its current parse in the ProgramSet). */
export function signatureAt(ws: ProgramSet, path: string, offset: number): Signature | undefined {
  const parsed = ws.parsedOf(path);
  if (!parsed) return undefined;
  const tokens = parsed.tokens;
  for (const c of parsed.comments) if (c.startOffset < offset && offset <= tokenEnd(c)) return undefined;
  const i = tokenBefore(tokens, offset);
  // the innermost unclosed （ before it, counting the commas at its own depth
  let commas = 0;
  let open = -1;
  for (let j = i, depth = 0; j >= 0; j--) {
    const n = kindOf(tokens[j]);
    if (n === 'RParen' || n === 'RBrace') depth++;
    else if (n === 'LParen' || n === 'LBrace') {
      if (depth === 0) {
        if (n === 'LBrace') return undefined; // a block or a set: no call around the cursor
        open = j;
        break;
      }
      depth--;
    } else if (depth === 0 && n === 'Comma') commas++;
  }
  if (open <= 0) return undefined;
  const callee = tokens[open - 1]!;
  const name = callee.image;
  const f = FUNCTIONS[name];
  if (f) {
    return signature(name, f.params.map((p) => ({ text: typeToString(p) })), typeToString(f.result), f.doc, commas);
  }
  const agg = AGGREGATES[name];
  if (agg) {
    // 数量 is also a type (数量 in `字段：数量（个）`): a type's argument is not a call
    if (grammarContext(tokens, open)?.next.has('Percent')) return undefined;
    const second = agg.arity.includes(1) ? { text: '条件', doc: '可省略：只数满足这个条件的元素（元素的字段可直接写，或用“其”）' } : { text: '表达式', doc: '对每个元素求值的表达式（元素的字段可直接写，或用“其”）' };
    const result = agg.kind === 'count' ? '整数' : undefined;
    return signature(name, [{ text: '列表', doc: '一个列表，如 家庭.子女' }, second], result, agg.doc, commas);
  }
  if (name === APPLIES && grammarContext(tokens, open - 2)?.block === '性质') {
    return signature(APPLIES, [{ text: '措施', doc: '措施的名称' }], '是否', '（仅用于性质）措施在评估日期是否适用', commas);
  }
  return undefined;
}
