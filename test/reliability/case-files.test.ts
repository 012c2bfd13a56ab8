/**
 * Reliability suite (issue 14): bad case files, generated on every run.
 *
 * A valid case for the sample policy (facts from the verifier's boundary-biased
 * arbitraries, written as YAML in block or flow style) is damaged by random mutations —
 * hostile characters and tokens (ESC, bidi, NUL, full-width colon and space, tabs,
 * anchors/aliases, tags, document markers, quotes, brackets), deletions, duplicated
 * lines, truncation, byte flips, UTF-16/GBK/BOM re-encodings — and given to
 * `zhengce eval` (in-process). An independent oracle judges the bytes:
 *   - valid    (UTF-8, YAML without errors, warnings, tags or alias bombs, the case
 *               shape, facts the evaluator accepts): the CLI must answer, exit 0, with
 *               exactly the interpreter's decisions — the right answer;
 *   - invalid: the CLI must give ONE clear error: exit 1, nothing on stdout, a Chinese
 *               report on stderr whose every error has a code and a file:line:col, the
 *               summary line once, no English from a library, no internal marker, no
 *               stack trace, no raw control character;
 *   - either   (text with NUL characters, which the CLI may take for UTF-16): an
 *               answer must be the right one, an error must be clear.
 * A silent answer on bad input (exit 0 where the oracle says invalid) fails the suite.
 * Seeded: ZC_SEED overrides the seed (fast-check prints it on failure); FC_RUNS the count.
 */
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isScalar, isMap, parseDocument, stringify, visit } from 'yaml';
import { loadPolicies } from '../../compiler/project/policies.js';
import { nodeHost } from '../../compiler/project/host.js';
import { evaluate } from '../../compiler/interpret/interpreter.js';
import { InputError } from '../../compiler/interpret/decision.js';
import { inputArbitrary } from '../../compiler/verify/arbitraries.js';
import { REPO_DIR } from '../helpers/golden.js';
import { RAW_CONTROL, runMain } from '../helpers/cli.js';
import { SEED } from '../helpers/seed.js';
import { tmpDirForFile } from '../helpers/tmp.js';

// the seed comes from test/helpers/seed.ts (ZC_SEED overrides; fast-check is configured with it globally)
const RUNS = Number(process.env['FC_RUNS'] ?? 250);
const SAMPLE = join(REPO_DIR, 'policies', 'sample');
const IR = loadPolicies([SAMPLE], nodeHost).policies[0]!.ir;

const tmp = tmpDirForFile('zhengce-rel-case-');

// ── the oracle ──────────────────────────────────────────────────────────

type Verdict = { kind: 'valid' | 'either'; expected: unknown } | { kind: 'invalid' | 'either-invalid'; why: string };

function judge(bytes: Uint8Array, date: string): Verdict {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return { kind: 'invalid', why: 'not UTF-8' };
  }
  const soft = text.includes('\u0000');
  const bad = (why: string): Verdict => ({ kind: soft ? 'either-invalid' : 'invalid', why });
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length || doc.warnings.length) return bad('YAML error');
  let tagged = false;
  visit(doc, { Node: (_, n) => void (n.tag ? (tagged = true) : 0) });
  if (tagged) return bad('tag');
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch {
    return bad('alias bomb');
  }
  if (!isMap(doc.contents)) return bad('not a mapping');
  for (const p of doc.contents.items) {
    const k = isScalar(p.key) ? p.key.value : undefined;
    if (k !== '事实' && k !== '政策') return bad('unknown key');
  }
  const rec = value as Record<string, unknown>;
  if (!('事实' in rec)) return bad('no 事实');
  if ('政策' in rec && !(typeof rec['政策'] === 'string' && ['sample', IR.policy.name, IR.policy.docNumber, SAMPLE].includes(rec['政策']))) return bad('政策');
  try {
    const expected = evaluate(IR, rec['事实'], date, [], { 事件登记: 'none' });
    return { kind: soft ? 'either' : 'valid', expected };
  } catch (e) {
    if (e instanceof InputError) return bad('facts');
    throw e;
  }
}

// ── the generator ───────────────────────────────────────────────────────

const TOKENS = [
  '：', ':', ': ', '\t', '\u3000', '\u0000', '\u001b[2J', '\u001b[32m', '\u202e', '\u2028', '\r', '\ufeff', '"', "'", '{', '}', '[', ']', '- ',
  '&a ', '*a', '!!set ', '!自定义 ', '---\n', '...\n', '#', '\n', '  ', '不存在', 'null', '~', '.nan', '-1', '99999999999999999999', '2024-02-30',
  '\ud800', '😀', '事实', '政策', '家庭', '子女数', '猫', 'true', '? ', '|', '>', '%YAML 1.2\n', '@', '`', ',',
];

type Mutation =
  | { k: 'insert'; at: number; s: string }
  | { k: 'delete'; at: number; n: number }
  | { k: 'dupLine'; at: number }
  | { k: 'fullWidthColon'; at: number }
  | { k: 'flip'; at: number; b: number }
  | { k: 'truncate'; at: number }
  | { k: 'encode'; as: 'utf16le-bom' | 'utf16be-bom' | 'utf16le' | 'gbk' | 'utf8-bom' };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ k: fc.constant('insert' as const), at: fc.nat(), s: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ unit: 'grapheme', maxLength: 3 })) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('delete' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 12 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('dupLine' as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('fullWidthColon' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('flip' as const), at: fc.nat(), b: fc.integer({ min: 0, max: 255 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('encode' as const), as: fc.constantFrom('utf16le-bom' as const, 'utf16be-bom' as const, 'utf16le' as const, 'gbk' as const, 'utf8-bom' as const) }) },
);

function applyAll(text: string, ms: readonly Mutation[]): Buffer {
  let s = text;
  let bytes: Buffer | undefined;
  for (const m of ms) {
    if (bytes === undefined) {
      const at = (n: number) => n % (s.length + 1);
      switch (m.k) {
        case 'insert': s = s.slice(0, at(m.at)) + m.s + s.slice(at(m.at)); continue;
        case 'delete': s = s.slice(0, at(m.at)) + s.slice(at(m.at) + m.n); continue;
        case 'dupLine': {
          const lines = s.split('\n');
          const i = m.at % lines.length;
          lines.splice(i, 0, lines[i]!);
          s = lines.join('\n');
          continue;
        }
        case 'fullWidthColon': {
          const colons = [...s.matchAll(/:/g)].map((x) => x.index!);
          if (colons.length) {
            const i = colons[m.at % colons.length]!;
            s = s.slice(0, i) + '：' + s.slice(i + 1);
          }
          continue;
        }
        default: bytes = Buffer.from(s, 'utf8');
      }
    }
    const b: Buffer = bytes;
    switch (m.k) {
      case 'insert': bytes = Buffer.concat([b.subarray(0, m.at % (b.length + 1)), Buffer.from(m.s, 'utf8'), b.subarray(m.at % (b.length + 1))]); break;
      case 'delete': bytes = Buffer.concat([b.subarray(0, m.at % (b.length + 1)), b.subarray((m.at % (b.length + 1)) + m.n)]); break;
      case 'flip': if (b.length) { bytes = Buffer.from(b); bytes[m.at % b.length] = m.b; } break;
      case 'truncate': bytes = b.subarray(0, m.at % (b.length + 1)); break;
      case 'encode': {
        const t = b.toString('utf8');
        if (m.as === 'utf8-bom') bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b]);
        else if (m.as === 'gbk') bytes = Buffer.from(b.toString('latin1').replace(/\u00e5\u00ae\u00b6/g, '\u00bc\u00d2'), 'latin1'); // 家 → GBK BC D2
        else {
          const le = Buffer.from(t, 'utf16le');
          if (m.as === 'utf16be-bom') for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
          bytes = m.as === 'utf16le' ? le : Buffer.concat([Buffer.from(m.as === 'utf16le-bom' ? [0xff, 0xfe] : [0xfe, 0xff]), le]);
        }
        break;
      }
      default: break; // text-level mutations after a byte-level one are skipped
    }
  }
  return bytes ?? Buffer.from(s, 'utf8');
}

const caseArb = inputArbitrary(IR, {}).chain((w) =>
  fc.record({
    w: fc.constant(w),
    flow: fc.boolean(),
    withPolicy: fc.boolean(),
    mutations: fc.array(mutationArb, { minLength: 0, maxLength: 4 }),
  }),
);

// ── the checks ──────────────────────────────────────────────────────────

const ENGLISH = /\b[A-Za-z]{3,}\s+[a-z]{2,}\s+[a-z]{2,}/;

function expectClearError(r: { code: number; out: string; err: string }, why: string): void {
  expect(r.code, `${why}: ${r.err.slice(0, 300)}`).toBe(1);
  expect(r.out).toBe('');
  expect(r.err).toMatch(/[\u4e00-\u9fff]/);
  expect(r.err).not.toMatch(ENGLISH);
  expect(r.err).not.toMatch(RAW_CONTROL);
  expect(r.err).not.toContain('invalid-utf8');
  expect(r.err).not.toContain('内部错误');
  expect(r.err).not.toMatch(/\bat .*\.(ts|js):\d+/);
  const blocks = r.err.split('\n').filter((l) => /^错误\[ZC\d{4}\]/.test(l)).length;
  expect(blocks, r.err).toBeGreaterThan(0);
  expect(r.err.match(/^ *--> \S.*:\d+:\d+$/gm)?.length ?? 0, r.err).toBeGreaterThanOrEqual(blocks); // every error located
  expect(r.err.match(/^共 \d+ 个错误/gm), r.err).toHaveLength(1); // one report
}

describe('bad case files: the right answer or one clear error', () => {
  it(`${RUNS} mutated case files through zhengce eval (seed ${SEED})`, async () => {
    const seen = { valid: 0, invalid: 0, either: 0 };
    let n = 0;
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ w, flow, withPolicy, mutations }) => {
        const doc = { ...(withPolicy ? { 政策: 'sample' } : {}), 事实: w.facts };
        const base = flow ? stringify(doc, { collectionStyle: 'flow', lineWidth: 0 }) : stringify(doc, { lineWidth: 0 });
        const bytes = applyAll(base, mutations);
        const path = join(tmp, `case-${n++}.yaml`);
        writeFileSync(path, bytes);
        const verdict = judge(bytes, w.date);
        const r = await runMain(['eval', '--paths', SAMPLE, '--events', 'none', '--date', w.date, path], tmp);
        expect(r.code).not.toBe(70);
        expect(r.err).not.toMatch(RAW_CONTROL);
        if (verdict.kind === 'valid' || (verdict.kind === 'either' && r.code === 0)) {
          expect(r.code, r.err.slice(0, 500)).toBe(0);
          expect(r.out).not.toMatch(RAW_CONTROL);
          expect(JSON.parse(r.out)).toEqual(JSON.parse(JSON.stringify(verdict.expected)));
          seen[verdict.kind === 'valid' ? 'valid' : 'either']++;
        } else {
          // a silent answer on bad input fails here (exit 0 where the oracle says invalid)
          expectClearError(r, 'why' in verdict ? verdict.why : '');
          seen[verdict.kind === 'invalid' ? 'invalid' : 'either']++;
        }
      }),
      { numRuns: RUNS },
    );
    console.log(`case files: ${seen.valid} valid (answered correctly), ${seen.invalid} invalid (one clear error), ${seen.either} with NUL (either)`);
    // the generator reaches both sides
    expect(seen.valid).toBeGreaterThan(RUNS / 10);
    expect(seen.invalid).toBeGreaterThan(RUNS / 10);
  }, 600_000);
});
