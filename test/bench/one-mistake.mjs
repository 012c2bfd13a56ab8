/**
 * Issue 13, "one mistake → one error": a drafter's single slips applied to every policy file, each compiled
 * (the program it belongs to, the other files from disk), and the slips that give more than one error, or
 * an error far from the slip, counted and listed by class.
 *
 * Slips (seeded, per file up to `--per-class N` of each class, at places drawn uniformly):
 *   del X / ins X — one of { } （ ） ( ) 「 」 " ： ， 、 deleted where it stands, or typed before a token;
 *   del keyword  — a declaration or attribute keyword deleted (规则, 措施, 定义, 条件, 结果, 原文, …);
 *   swap 定义/措施 — 定义 written where 措施 stands, or 措施 where 定义 stands;
 *   drop unit    — the unit of an amount or count deleted (2000元 → 2000, 3孩 → 3, 30天 → 30).
 * An outcome is "one error" when the compile reports exactly one error and it — or a place it points to: its
 * related spans, its fix's edits — is within two lines of the slip; "none" when it reports no error (a slip the language accepts, e.g. a comma between items);
 * otherwise "several" (the count) or "far" (one error, elsewhere).
 *
 *   node test/bench/one-mistake.mjs [--root DIR] [--per-class N] [--list N] [--class NAME]   (after `npx tsc -p .`)
 * `--root`: the checkout whose dist/ compiles (default: this one) — run it on a baseline checkout for "before".
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { rng } from './lsp.mjs';

const HERE = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const arg = (name, d) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : d;
};
const ROOT = arg('--root', HERE);
const PER_CLASS = Number(arg('--per-class', 6));
const LIST = Number(arg('--list', 12));
const ONLY = arg('--class', undefined);

const CHARS = ['{', '}', '（', '）', '(', ')', '「', '」', '"', '：', '，', '、'];
const KEYWORDS = ['规则', '措施', '定义', '定性', '条款', '存疑', '指标', '条件', '结果', '原文', '对象', '理由', '类别', '说明', '满足', '至少一个', '均满足', '属于', '且', '或', '并且'];
const UNIT = /(\d)(元|孩|天|个月|月|年|周岁|%|人)(?![\u4e00-\u9fff])/g;

/** Every .zc file under `dir`. */
function zcFiles(dir, out = []) {
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) zcFiles(p, out);
    else if (e.endsWith('.zc')) out.push(p);
  }
  return out;
}

/** The slips of one file: { cls, at, text } (the edited text) — up to PER_CLASS per class, seeded by the file's name. */
function slips(path, text) {
  let seed = 7;
  for (const ch of path) seed = (seed * 31 + ch.charCodeAt(0)) >>> 0;
  const rand = rng(seed);
  const out = [];
  const pick = (xs, cls, make) => {
    const chosen = new Set();
    for (let k = 0; k < xs.length * 4 && chosen.size < Math.min(PER_CLASS, xs.length); k++) chosen.add(Math.floor(rand() * xs.length));
    for (const i of [...chosen].sort((a, b) => a - b)) out.push({ cls, ...make(xs[i]) });
  };
  // (places outside comments: a slip in a comment is no slip)
  const code = [];
  let inComment = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n') inComment = false;
    else if (text[i] === '#' && !/"[^"\n]*$/.test(text.slice(text.lastIndexOf('\n', i) + 1, i))) inComment = true;
    code.push(!inComment);
  }
  for (const ch of CHARS) {
    const at = [];
    for (let i = 0; i < text.length; i++) if (text[i] === ch && code[i]) at.push(i);
    pick(at, `del ${ch}`, (i) => ({ at: i, text: text.slice(0, i) + text.slice(i + 1) }));
    // typed before a token: at the start of a non-blank run inside a line
    const starts = [];
    for (let i = 1; i < text.length; i++) if (code[i] && /\s/.test(text[i - 1]) && /[^\s#]/.test(text[i])) starts.push(i);
    pick(starts, `ins ${ch}`, (i) => ({ at: i, text: text.slice(0, i) + ch + text.slice(i) }));
  }
  const kw = [];
  for (const k of KEYWORDS) for (let i = text.indexOf(k); i >= 0; i = text.indexOf(k, i + 1)) if (code[i] && /[\s（(]/.test(text[i - 1] ?? ' ')) kw.push([i, k]);
  pick(kw, 'del keyword', ([i, k]) => ({ at: i, text: text.slice(0, i) + text.slice(i + k.length) }));
  const swaps = [];
  for (const [a, b] of [['定义', '措施'], ['措施', '定义']]) for (let i = text.indexOf(a + ' '); i >= 0; i = text.indexOf(a + ' ', i + 1)) if (code[i] && /^\s*$/.test(text.slice(text.lastIndexOf('\n', i) + 1, i))) swaps.push([i, b]);
  pick(swaps, 'swap 定义/措施', ([i, b]) => ({ at: i, text: text.slice(0, i) + b + text.slice(i + 2) }));
  const units = [];
  for (const m of text.matchAll(UNIT)) if (code[m.index]) units.push([m.index + 1, m[2].length]);
  pick(units, 'drop unit', ([i, n]) => ({ at: i, text: text.slice(0, i) + text.slice(i + n) }));
  return out;
}

const lineOf = (text, at) => text.slice(0, at).split('\n').length;

export async function oneMistake() {
  const c = await import(pathToFileURL(join(ROOT, 'dist', 'compiler', 'index.js')).href);
  const { statCachedHost } = await import(pathToFileURL(join(ROOT, 'dist', 'compiler', 'project', 'host.js')).href);
  const disk = statCachedHost();
  const files = [...zcFiles(join(HERE, 'policies')), ...zcFiles(join(HERE, 'docs', 'tutorial'))];
  const byClass = new Map();
  const bad = [];
  let total = 0;
  for (const path of files) {
    const text = readFileSync(path, 'utf8');
    // the program the file belongs to: its directory (as the language server compiles a workspace folder)
    const dir = join(path, '..');
    const clean = c.compile([dir], c.memoryHost({ [path]: text }, disk));
    const before = new Set(clean.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.span.file}:${d.span.start}:${d.code}`));
    for (const s of slips(path, text)) {
      if (ONLY && s.cls !== ONLY) continue;
      total++;
      const r = c.compile([dir], c.memoryHost({ [path]: s.text }, disk));
      const errs = r.diagnostics.filter((d) => d.severity === 'error' && !before.has(`${d.span.file}:${d.span.start}:${d.code}`));
      const line = lineOf(s.text, s.at);
      let outcome;
      if (errs.length === 0) outcome = 'none';
      else if (errs.length === 1) {
        // (at the slip: the error, or a place it points to — its related spans, its fix — within two lines of it)
        const e = errs[0];
        const spans = [e.span, ...(e.related ?? []).map((r) => r.span), ...(e.fixes ?? []).flatMap((f) => f.edits.map((x) => x.span))];
        outcome = spans.some((sp) => sp.file === path && Math.abs(lineOf(s.text, sp.start) - line) <= 2) ? 'one' : 'far';
      }
      else outcome = 'several';
      const k = byClass.get(s.cls) ?? { n: 0, one: 0, none: 0, several: 0, far: 0 };
      k.n++;
      k[outcome]++;
      byClass.set(s.cls, k);
      if (outcome === 'several' || outcome === 'far') {
        bad.push({ cls: s.cls, file: relative(HERE, path), line, n: errs.length, codes: errs.map((d) => d.code), first: errs.slice(0, 3).map((d) => `${d.code}@${d.span.file === path ? lineOf(s.text, d.span.start) : relative(HERE, d.span.file)}: ${d.message.slice(0, 60)}`), src: s.text.split('\n')[line - 1].trim().slice(0, 60) });
      }
    }
  }
  const out = [];
  const log = (x = '') => out.push(x);
  log(`one mistake → one error: ${total} single slips in ${files.length} files (${PER_CLASS} per class per file), compiler ${relative(HERE, ROOT) || '.'}; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  let sev = 0;
  let far = 0;
  for (const [cls, k] of [...byClass].sort((a, b) => b[1].several + b[1].far - (a[1].several + a[1].far))) {
    log(`  ${cls.padEnd(12)} n ${String(k.n).padStart(4)}  one ${String(k.one).padStart(4)}  none ${String(k.none).padStart(3)}  several ${String(k.several).padStart(3)}  far ${String(k.far).padStart(3)}`);
    sev += k.several;
    far += k.far;
  }
  log(`  total: ${sev} slips gave several errors, ${far} one error far from the slip (of ${total})`);
  const byCode = new Map();
  for (const b of bad) {
    const sig = `${b.cls} → ${[...new Set(b.codes)].sort().join('+')}`;
    byCode.set(sig, (byCode.get(sig) ?? 0) + 1);
  }
  log('  most frequent (class → error codes):');
  for (const [sig, n] of [...byCode].sort((a, b) => b[1] - a[1]).slice(0, LIST)) log(`    ${n}× ${sig}`);
  log(`  examples (the first ${LIST} with the most errors):`);
  for (const b of [...bad].sort((x, y) => y.n - x.n).slice(0, LIST)) log(`    ${b.cls} ${b.file}:${b.line} «${b.src}» → ${b.n} errors: ${b.first.join(' | ')}`);
  return { out, total, several: sev, far, bad };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await oneMistake();
  for (const l of r.out) process.stdout.write(l + '\n');
  if (process.argv.includes('--json')) process.stdout.write(JSON.stringify(r.bad) + '\n');
}
