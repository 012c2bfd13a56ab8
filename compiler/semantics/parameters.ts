/**
 * Parameters from outside the document (OpenFisca-style effective-dated values).
 * Input: a parameter YAML text. Output: ParameterSet + diagnostics (ZC070x) whose
 * spans point into the YAML file.
 *
 * Format (grammar/README.md §9):
 *   法定产假天数:
 *     单位: 天
 *     说明: "…"                 # optional
 *     值:
 *       - 起: 2021-12-01        # effective from (inclusive)
 *         值: 158
 *         来源: "《河南省人口与计划生育条例》第二十五条"
 *         已确认: false          # unconfirmed values show up as such everywhere
 * A file in the canonical layout above without any diagnostic is read by a line scanner (`quickParameters`)
 * instead of the YAML library: the library's first parse in a process costs 6–14 ms of cold code, paid by
 * every `zhengce check` of a policy with 参数.yaml, whatever its size. Anything else — another layout, any
 * YAML feature beyond plain and simple double-quoted scalars, any input with a diagnostic — goes to the library.
 * INVARIANT: values are exact decimals; dates are calendar dates.
 * INVARIANT: `quickParameters` returns a set only where the library path gives the same set (same spans) and
 * no diagnostic (test/semantics/parameters-quick.test.ts compares both).
 */
import { parseDocument, isMap, isSeq, isScalar, type Node as YNode } from 'yaml';
import { diag, type Diagnostic, type Result } from '../diagnostics/diagnostic.js';
import { yamlMessage } from '../diagnostics/yaml.js';
import { SourceFile, type Span } from '../common/source.js';
import { parseDate, type CalendarDate, compareDates } from '../common/calendar.js';
import { parseDecimal, type Decimal } from '../common/decimal.js';

export interface ParamValue {
  readonly from: CalendarDate;
  readonly value: Decimal;
  readonly source: string;
  readonly confirmed: boolean;
  readonly span: Span;
}

export interface ParamDef {
  readonly name: string;
  readonly unit: string;
  readonly note?: string;
  readonly values: readonly ParamValue[];
  readonly span: Span;
  /** The definition itself was rejected (ZC0701 reported): kept so that the name is not also “missing”. */
  readonly malformed?: true;
}

export type ParameterSet = Map<string, ParamDef>;

const TOP_KEYS = new Set(['单位', '说明', '值']);
const VALUE_KEYS = new Set(['起', '值', '来源', '已确认']);

function spanOf(file: SourceFile, n: YNode | null | undefined): Span {
  const r = n?.range;
  return r ? clamp(file, r[0], r[1]) : file.span(0, 0);
}

/** A span inside the file (the YAML library may point one past the end). */
function clamp(file: SourceFile, start: number, end: number): Span {
  const n = file.text.length;
  const s = Math.max(0, Math.min(start, n));
  return file.span(s, Math.max(s, Math.min(end, n)));
}

/** Parse and validate one parameter file. */
export function parseParameters(file: SourceFile): Result<ParameterSet> {
  const quick = quickParameters(file);
  if (quick) return { value: quick, diagnostics: [] };
  return parseParametersYaml(file);
}

/** `parseParameters` through the YAML library, always (exported for the tests that compare both paths). */
export function parseParametersYaml(file: SourceFile): Result<ParameterSet> {
  const out: ParameterSet = new Map();
  const diagnostics: Diagnostic[] = [];
  const doc = parseDocument(file.text, { prettyErrors: false, uniqueKeys: true });
  for (const e of doc.errors) {
    const m = yamlMessage(e, file.text);
    diagnostics.push(diag('ZC0701', clamp(file, e.pos[0], e.pos[1]), `参数文件不是有效的 YAML：${m.message}`, { help: m.help }));
  }
  if (doc.errors.length) return { value: out, diagnostics };
  const root = doc.contents;
  if (!isMap(root)) {
    diagnostics.push(diag('ZC0701', spanOf(file, root), '参数文件的顶层应为“参数名: 定义”的映射'));
    return { value: out, diagnostics };
  }
  for (const item of root.items) {
    const keyNode = item.key as YNode;
    const name = isScalar(keyNode) ? String(keyNode.value) : '';
    const body = item.value as YNode | null;
    if (!isMap(body)) {
      diagnostics.push(diag('ZC0701', spanOf(file, keyNode), `参数“${name}”的定义应为映射（单位、值）`));
      out.set(name, { name, unit: '', values: [], span: spanOf(file, keyNode), malformed: true });
      continue;
    }
    let unit = '';
    let note: string | undefined;
    const values: ParamValue[] = [];
    for (const kv of body.items) {
      const k = isScalar(kv.key) ? String(kv.key.value) : '';
      const v = kv.value as YNode | null;
      if (!TOP_KEYS.has(k)) {
        diagnostics.push(diag('ZC0701', spanOf(file, kv.key as YNode), `参数“${name}”中有未知的键“${k}”`, { help: `可用的键：${[...TOP_KEYS].join('、')}` }));
        continue;
      }
      if (k === '单位') unit = isScalar(v) ? String(v.value) : '';
      else if (k === '说明') note = isScalar(v) ? String(v.value) : undefined;
      else if (k === '值') {
        if (!isSeq(v)) {
          diagnostics.push(diag('ZC0701', spanOf(file, v), `参数“${name}”的“值”应为列表`));
          continue;
        }
        for (const entry of v.items as YNode[]) {
          if (!isMap(entry)) {
            diagnostics.push(diag('ZC0701', spanOf(file, entry), '每个取值应为映射（起、值、来源、已确认）'));
            continue;
          }
          const get = (key: string) => entry.items.find((x) => isScalar(x.key) && String(x.key.value) === key)?.value as YNode | undefined;
          for (const x of entry.items) {
            const kk = isScalar(x.key) ? String(x.key.value) : '';
            if (!VALUE_KEYS.has(kk)) diagnostics.push(diag('ZC0701', spanOf(file, x.key as YNode), `未知的键“${kk}”`, { help: `可用的键：${[...VALUE_KEYS].join('、')}` }));
          }
          const fromN = get('起');
          const valN = get('值');
          const srcN = get('来源');
          const confN = get('已确认');
          const fromText = isScalar(fromN) ? String(fromN.source ?? fromN.value) : '';
          const date = parseDate(fromText);
          if (!date.ok) diagnostics.push(diag('ZC0701', spanOf(file, fromN ?? entry), `“起”应为日期：${date.message}`));
          const valText = isScalar(valN) ? String(valN.source ?? valN.value) : '';
          const value = parseDecimal(valText);
          if (!value) diagnostics.push(diag('ZC0701', spanOf(file, valN ?? entry), `“值”应为数字，这里是“${valText}”`));
          const source = isScalar(srcN) ? String(srcN.value) : '';
          if (!source.trim()) diagnostics.push(diag('ZC0701', spanOf(file, srcN ?? entry), '每个取值都须写明“来源”'));
          if (!isScalar(confN) || typeof confN.value !== 'boolean') diagnostics.push(diag('ZC0701', spanOf(file, confN ?? entry), '“已确认”应为 true 或 false'));
          if (date.ok && value) {
            values.push({ from: date.value, value, source, confirmed: isScalar(confN) && confN.value === true, span: spanOf(file, entry) });
          }
        }
      }
    }
    values.sort((a, b) => compareDates(a.from, b.from));
    for (let i = 1; i < values.length; i++) {
      if (compareDates(values[i - 1]!.from, values[i]!.from) === 0) diagnostics.push(diag('ZC0701', values[i]!.span, `参数“${name}”有两个取值的起始日期相同`));
    }
    if (!unit) diagnostics.push(diag('ZC0701', spanOf(file, keyNode), `参数“${name}”缺少“单位”`));
    out.set(name, { name, unit, values, span: spanOf(file, keyNode), ...(note ? { note } : {}), ...(unit ? {} : { malformed: true as const }) });
  }
  return { value: out, diagnostics };
}

/** The value in force on a date (last value whose 起 ≤ date). */
export function valueOn(def: ParamDef, date: CalendarDate): ParamValue | undefined {
  let found: ParamValue | undefined;
  for (const v of def.values) if (compareDates(v.from, date) <= 0) found = v;
  return found;
}

// ── the canonical layout without the YAML library ──

/**
 * A plain scalar (key or value) read as the same string by the YAML library: no indicator or comment
 * character anywhere, nothing that the core schema reads as a number, boolean or null (a first character
 * that could start one), no leading or trailing blank.
 */
const SAFE_PLAIN = /^[^\s\x00-\x2f:;<=>?@[\\\]^`{|}~\x7f0-9][^\x00-\x1f#:{}[\],&*!|>'"%@`\\\x7f]*$/;
const PLAIN_WORDS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);
const DATE_TEXT = /^\d{4}-\d{2}-\d{2}$/;
const NUMBER_TEXT = /^-?\d+(?:\.\d+)?$/;

/** One line's content after its indentation: [start, end) with trailing blanks dropped. */
interface Line {
  readonly indent: number;
  readonly start: number;
  /** End of the content (trailing spaces excluded). */
  readonly end: number;
  /** End of the line including its line feed (or the end of the text). */
  readonly next: number;
}

/**
 * `key: value` of one line's content, or undefined when it is not one this scanner takes. `value` is
 * [vs, ve) in the text ([ve, ve) when the line is `key:` alone); `quoted`: a double-quoted value (vs, ve
 * around its content).
 */
function keyValue(text: string, from: number, end: number): { key: string; ks: number; ke: number; vs: number; ve: number; quoted: boolean } | undefined {
  const colon = text.indexOf(':', from);
  if (colon < 0 || colon >= end) return undefined;
  const key = text.slice(from, colon);
  if (!SAFE_PLAIN.test(key) || PLAIN_WORDS.has(key) || text.charCodeAt(colon - 1) === 32) return undefined;
  if (colon + 1 === end) return { key, ks: from, ke: colon, vs: end, ve: end, quoted: false };
  if (text.charCodeAt(colon + 1) !== 32) return undefined;
  let vs = colon + 2;
  while (vs < end && text.charCodeAt(vs) === 32) vs++;
  if (vs === end) return undefined;
  if (text.charCodeAt(vs) === 34) {
    // "…": no escape, no other quote, closed at the end of the content
    const close = text.indexOf('"', vs + 1);
    if (close !== end - 1) return undefined;
    if (text.indexOf('\\', vs) >= 0 && text.indexOf('\\', vs) < end) return undefined;
    return { key, ks: from, ke: colon, vs: vs + 1, ve: close, quoted: true };
  }
  return { key, ks: from, ke: colon, vs, ve: end, quoted: false };
}

/**
 * The parameter set of a file in the canonical layout (definitions at column 0, their keys at 2, the list
 * items of 值 at 4 as `- 起: …`, the items' keys at 6; whole-line comments and blank lines anywhere) that
 * has no diagnostic; undefined for anything else (then the YAML library reads it).
 */
export function quickParameters(file: SourceFile): ParameterSet | undefined {
  const text = file.text;
  const n = text.length;
  if (n === 0 || text.charCodeAt(0) === 0xfeff || text.indexOf('\t') >= 0 || text.indexOf('\r') >= 0) return undefined;
  // the content lines
  const lines: Line[] = [];
  for (let at = 0; at < n; ) {
    let lf = text.indexOf('\n', at);
    const next = lf < 0 ? n : lf + 1;
    if (lf < 0) lf = n;
    let s = at;
    while (s < lf && text.charCodeAt(s) === 32) s++;
    let e = lf;
    while (e > s && text.charCodeAt(e - 1) === 32) e--;
    if (s < e && text.charCodeAt(s) !== 35) lines.push({ indent: s - at, start: s, end: e, next });
    at = next;
  }
  const out: ParameterSet = new Map();
  let i = 0;
  while (i < lines.length) {
    const head = lines[i++]!;
    if (head.indent !== 0) return undefined;
    const kv = keyValue(text, head.start, head.end);
    if (!kv || kv.vs !== kv.ve || out.has(kv.key)) return undefined;
    const name = kv.key;
    const span = file.span(kv.ks, kv.ke);
    let unit: string | undefined;
    let note: string | undefined;
    let values: ParamValue[] | undefined;
    while (i < lines.length && lines[i]!.indent > 0) {
      const l = lines[i++]!;
      if (l.indent !== 2) return undefined;
      const p = keyValue(text, l.start, l.end);
      if (!p) return undefined;
      if (p.key === '单位' || p.key === '说明') {
        if (p.vs === p.ve || (p.key === '单位' ? unit : note) !== undefined) return undefined;
        const v = text.slice(p.vs, p.ve);
        if (!p.quoted && (!SAFE_PLAIN.test(v) || PLAIN_WORDS.has(v))) return undefined;
        if (p.key === '单位') unit = v;
        else note = v;
      } else if (p.key === '值') {
        if (p.vs !== p.ve || values) return undefined;
        values = [];
        while (i < lines.length && lines[i]!.indent > 2) {
          const first = lines[i]!;
          // `- 起: …` at 4: the item's first key at 6
          if (first.indent !== 4 || text.charCodeAt(first.start) !== 45 || text.charCodeAt(first.start + 1) !== 32 || text.charCodeAt(first.start + 2) === 32) return undefined;
          const seen = new Map<string, { vs: number; ve: number; quoted: boolean }>();
          let entryEnd = first.next;
          for (let k = i; k < lines.length && (k === i || lines[k]!.indent === 6); k++) {
            const l2 = lines[k]!;
            const e = keyValue(text, k === i ? l2.start + 2 : l2.start, l2.end);
            if (!e || e.vs === e.ve || seen.has(e.key) || !VALUE_KEYS.has(e.key)) return undefined;
            seen.set(e.key, e);
            entryEnd = l2.next;
          }
          i += seen.size;
          if (i < lines.length && lines[i]!.indent > 4) return undefined;
          const from = seen.get('起');
          const val = seen.get('值');
          const src = seen.get('来源');
          const conf = seen.get('已确认');
          if (!from || !val || !src || !conf || from.quoted || val.quoted || conf.quoted) return undefined;
          const fromText = text.slice(from.vs, from.ve);
          const valText = text.slice(val.vs, val.ve);
          const confText = text.slice(conf.vs, conf.ve);
          const source = text.slice(src.vs, src.ve);
          if (!DATE_TEXT.test(fromText) || !NUMBER_TEXT.test(valText) || (confText !== 'true' && confText !== 'false')) return undefined;
          if (!src.quoted && (!SAFE_PLAIN.test(source) || PLAIN_WORDS.has(source))) return undefined;
          if (!source.trim()) return undefined;
          const date = parseDate(fromText);
          const value = parseDecimal(valText);
          if (!date.ok || !value) return undefined;
          values.push({ from: date.value, value, source, confirmed: confText === 'true', span: file.span(first.start + 2, entryEnd) });
        }
        if (!values.length) return undefined;
      } else return undefined;
    }
    if (!unit || !values) return undefined;
    values.sort((a, b) => compareDates(a.from, b.from));
    for (let k = 1; k < values.length; k++) if (compareDates(values[k - 1]!.from, values[k]!.from) === 0) return undefined;
    out.set(name, { name, unit, values, span, ...(note ? { note } : {}) });
  }
  return out.size ? out : undefined;
}
