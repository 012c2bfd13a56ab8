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
 * INVARIANT: values are exact decimals; dates are calendar dates.
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
