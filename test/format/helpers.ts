/**
 * Shared helpers of the formatter tests: format-or-fail, an AST fingerprint written
 * independently of the formatter's own safety net, the corpus of policy files, and the
 * generator of random valid programs (perturbations of the corpus).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { IToken } from 'chevrotain';
import * as fc from 'fast-check';
import { expect } from 'vitest';
import { SourceFile } from '../../compiler/common/source.js';
import { format } from '../../compiler/format/format.js';
import { lex } from '../../compiler/syntax/lexer.js';
import { parseFile } from '../../compiler/syntax/index.js';

export const ROOT = join(import.meta.dirname, '..', '..');

/** Format, expecting success. */
export function fmt(src: string, path = '/t/a.zc'): string {
  const r = format(new SourceFile(path, src));
  if (r.value === undefined || r.diagnostics.length) {
    throw new Error(`format failed: ${r.diagnostics.map((d) => `${d.code} ${d.message}`).join('; ')}`);
  }
  return r.value;
}

/** The AST without spans; a range's “as written” word without white space and dash style. */
export function astOf(src: string): unknown {
  const p = parseFile(new SourceFile('/t/a.zc', src)).value;
  const strip = (x: unknown, parentKind?: string): unknown => {
    if (typeof x === 'bigint') return `${x}n`;
    if (Array.isArray(x)) return x.map((v) => strip(v));
    if (x && typeof x === 'object') {
      const o: Record<string, unknown> = {};
      const kind = (x as { kind?: string }).kind;
      for (const [k, v] of Object.entries(x)) {
        if (k === 'span' || k === 'keySpan' || k === 'numberSpan' || k === 'wordSpan') continue;
        // (the word is a raw slice of the text: it includes any comment written inside the range)
        if (k === 'word' && kind === 'range' && typeof v === 'string') o[k] = v.replace(/[#＃][^\n\r]*/g, '').replace(/\s+/g, '').replace(/[—–~～〜]+/g, '—');
        else o[k] = strip(v, kind);
      }
      void parentKind;
      return o;
    }
    return x;
  };
  return strip(p.ast.items);
}

/** Comment texts in order (trailing white space aside). */
export function commentsOf(src: string): string[] {
  return lex(new SourceFile('/t/a.zc', src)).value.comments.map((c) => c.image.replace(/[ \t\u3000\u00a0\ufeff]+$/, ''));
}

/** Does the file lex and parse without syntax errors? */
export function parsesCleanly(src: string): boolean {
  return !parseFile(new SourceFile('/t/a.zc', src)).value.syntaxErrors;
}

/** Whitespace as the lexer skips it. */
const WS = /[ \t\r\n\u3000\u00a0\u2028\u2029\ufeff]/g;

/**
 * Text with white space removed and punctuation spellings normalised the way the
 * formatter normalises them (applied to input and output alike).
 */
export function normalisedChars(s: string): string {
  return s
    .replace(WS, '')
    .replace(/＞＝|>=|⩾/g, '≥').replace(/＜＝|<=|⩽/g, '≤').replace(/！＝|!=/g, '≠').replace(/==|＝/g, '=')
    .replace(/＞/g, '>').replace(/＜/g, '<')
    .replace(/[,，]/g, '、').replace(/:/g, '：').replace(/\(/g, '（').replace(/\)/g, '）')
    .replace(/｛/g, '{').replace(/｝/g, '}').replace(/[;。]/g, '；').replace(/[．·]/g, '.')
    .replace(/[*＊]/g, '×').replace(/[/／]/g, '÷').replace(/＋/g, '+').replace(/－/g, '-')
    .replace(/[—–~～〜]+/g, '—');
}

/** Is `a` a subsequence of `b` (by UTF-16 code unit)? */
export function isSubsequence(a: string, b: string): boolean {
  let j = 0;
  for (let i = 0; i < a.length; i++) {
    while (j < b.length && b[j] !== a[i]) j++;
    if (j === b.length) return false;
    j++;
  }
  return true;
}

// ── corpus ────────────────────────────────────────────────────────────

export interface CorpusFile {
  readonly path: string;
  readonly text: string;
}

function zcFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...zcFiles(p));
    else if (e.name.endsWith('.zc')) out.push(p);
  }
  return out.sort();
}

/** policies/sample and policies/luanchuan (whatever .zc files exist). */
export function policyCorpus(): CorpusFile[] {
  return [...zcFiles(join(ROOT, 'policies', 'sample')), ...zcFiles(join(ROOT, 'policies', 'luanchuan'))].map((p) => ({ path: p, text: readFileSync(p, 'utf8') }));
}

/** The grammar examples that parse cleanly (an extra corpus; some may be work in progress). */
export function exampleCorpus(): CorpusFile[] {
  return zcFiles(join(ROOT, 'grammar', 'examples'))
    .map((p) => ({ path: p, text: readFileSync(p, 'utf8') }))
    .filter((f) => parsesCleanly(f.text));
}

// ── random valid programs: perturbations of a corpus file ─────────────

/** Interchangeable spellings of punctuation tokens (same token type, same meaning). */
const VARIANTS: Record<string, string[]> = {
  LBrace: ['{', '｛'], RBrace: ['}', '｝'], LParen: ['(', '（'], RParen: [')', '）'], Colon: [':', '：'],
  Comma: [',', '，', '、'], Semi: [';', '；', '。'], Dot: ['.', '．', '·'],
  GreaterEq: ['>=', '≥', '＞＝', '⩾'], LessEq: ['<=', '≤', '＜＝', '⩽'], NotEq: ['!=', '≠', '！＝'], EqEq: ['=', '==', '＝'],
  Greater: ['>', '＞'], Less: ['<', '＜'], Plus: ['+', '＋'], Minus: ['-', '－'], Times: ['*', '×', '＊'], Divide: ['/', '÷', '／'],
  Dash: ['—', '–', '~', '～', '〜', '——'],
};

const isPunct = (e: Element): boolean => !!e.tok && (!!VARIANTS[e.tok.tokenType.name] || ['StringLit', 'QuotedName', 'Percent'].includes(e.tok.tokenType.name));

/** Separators that may replace the white space between two tokens. */
const SEPARATORS = ['', ' ', '  ', '\t', '\n', '\n\n\n', '\r\n', ' \u3000 ', '\n      ', '\u00a0'];

/** A small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface PerturbOptions {
  /** Probability that a gap's white space is replaced. */
  readonly spacing: number;
  /** Probability that a punctuation token is re-spelt. */
  readonly punctuation: number;
  /** Probability that a comment is inserted at a token boundary. */
  readonly comments: number;
  /** Only change white space within lines and punctuation (no line breaks added or removed). */
  readonly sameLines?: boolean;
}

interface Element {
  readonly tok?: IToken;
  readonly comment?: IToken;
  readonly start: number;
  readonly end: number;
}

/**
 * A random program with the same tokens (types and, punctuation aside, spellings) as
 * `text`: white space between tokens replaced, punctuation re-spelt, comments inserted.
 * Where a change would alter how the text lexes it is undone, so the result is always
 * a valid program with the meaning of `text`.
 */
export function perturb(text: string, seed: number, o: PerturbOptions): string {
  const rnd = prng(seed);
  const l = lex(new SourceFile('/t/p.zc', text)).value;
  const els: Element[] = [
    ...l.tokens.map((t) => ({ tok: t, start: t.startOffset, end: t.startOffset + t.image.length })),
    ...l.comments.map((c) => ({ comment: c, start: c.startOffset, end: c.startOffset + c.image.length })),
  ].sort((a, b) => a.start - b.start);
  const origGap = (k: number) => text.slice(k === 0 ? 0 : els[k - 1]!.end, els[k]!.start);
  const gaps: string[] = els.map((_, k) => origGap(k));
  const images: string[] = els.map((e) => (e.tok ?? e.comment)!.image);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  for (let k = 0; k < els.length; k++) {
    const e = els[k]!;
    if (e.tok && VARIANTS[e.tok.tokenType.name] && rnd() < o.punctuation) images[k] = pick(VARIANTS[e.tok.tokenType.name]!);
    // (choices that would usually change the lexing are avoided up front, the rest undone below)
    const prev = els[k - 1];
    const glueable = !!prev && (isPunct(prev) || isPunct(e));
    const unit = e.tok?.tokenType.name === 'Unit';
    if (k > 0 && rnd() < o.spacing) {
      const orig = gaps[k]!;
      const hadBreak = /[\r\n\u2028\u2029]/.test(orig);
      const inLine = glueable ? [' ', '', '   ', '\t', '\u3000'] : [' ', '   ', '\t', '\u3000'];
      if (o.sameLines) {
        const breaks = orig.split('\n').length - 1;
        gaps[k] = hadBreak ? '\n'.repeat(breaks) + pick([' ', '', '    ', '\t']) : pick(inLine);
      } else if (unit) {
        gaps[k] = pick(['', ' ', '\t']);
      } else {
        const s = pick(SEPARATORS.filter((x) => x !== '' || glueable));
        gaps[k] = prev!.comment && !/[\r\n]/.test(s) ? '\n' + s : s;
      }
    }
    if (k > 0 && !o.sameLines && !unit && rnd() < o.comments) {
      gaps[k] = gaps[k] + pick([' ', '', '  ']) + pick(['# 插入的注释', '＃注释 ', '#', '# 「」"\\ {（']) + k + '\n' + pick(['', '  ', '\n']);
    }
  }
  // undo changes where the text no longer lexes to the same tokens
  const build = () => els.map((_, k) => gaps[k]! + images[k]!).join('') + text.slice(els.length ? els[els.length - 1]!.end : 0);
  const tokIndex = els.map((e, k) => (e.tok ? k : -1)).filter((k) => k >= 0);
  for (let round = 0; round < 200; round++) {
    const out = build();
    const r = lex(new SourceFile('/t/p.zc', out)).value;
    let bad = -1;
    for (let i = 0; i < Math.max(r.tokens.length, tokIndex.length); i++) {
      const a = r.tokens[i];
      const k = tokIndex[i];
      if (!a || k === undefined) {
        bad = k ?? tokIndex[tokIndex.length - 1]!;
        break;
      }
      const b = els[k]!.tok!;
      if (a.tokenType !== b.tokenType || (!VARIANTS[b.tokenType.name] && a.image !== b.image) || a.image !== images[k]) {
        bad = k;
        break;
      }
    }
    if (bad < 0) return parsesCleanly(out) ? out : text;
    for (let k = Math.max(0, bad - 2); k <= Math.min(els.length - 1, bad + 2); k++) {
      gaps[k] = origGap(k);
      images[k] = (els[k]!.tok ?? els[k]!.comment)!.image;
    }
  }
  return text;
}

// ── shared by the property tests ──────────────────────────────────────

export const policies = policyCorpus();
/**
 * The corpus of the property tests: the policies and grammar examples without syntax
 * errors (policies/luanchuan is being written while these tests run: a file with errors
 * is only checked to be left alone).
 */
export const corpus = [...policies.filter((f) => parsesCleanly(f.text)), ...exampleCorpus()];

/** Idempotent, same AST, same comments, same characters (punctuation spelling aside). */
export function checkFormatting(src: string, ast: unknown = astOf(src)): void {
  const out = fmt(src);
  expect(fmt(out)).toBe(out);
  expect(astOf(out)).toEqual(ast);
  expect(commentsOf(out)).toEqual(commentsOf(src));
  expect(normalisedChars(out)).toBe(normalisedChars(src));
}

export const fileArb = fc.constantFrom(...corpus);
/** A corpus file and how hard to perturb it. */
export const perturbArb = fc.record({
  file: fileArb,
  seed: fc.integer(),
  spacing: fc.integer({ min: 5, max: 100 }).map((x) => x / 100),
  punctuation: fc.integer({ min: 5, max: 100 }).map((x) => x / 100),
  comments: fc.integer({ min: 0, max: 20 }).map((x) => x / 100),
});

const astCache = new Map<string, unknown>();
/** AST fingerprint of a corpus file (a perturbed file must have the same). */
export function astOfFile(f: CorpusFile): unknown {
  if (!astCache.has(f.path)) astCache.set(f.path, astOf(f.text));
  return astCache.get(f.path);
}
