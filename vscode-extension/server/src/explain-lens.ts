/**
 * Code lenses on case and scenario files (YAML) that run `explain` (why not 适用, and the
 * smallest fact changes that would make it so), and the command they run.
 * Input: the text of a YAML document open in the editor. Output: lenses — one on a case file
 * (`政策?`, `事实`, at the 事实 key), one per scenario of a scenario file (`场景:` list, at the
 * scenario's 名称) — and, for the command, the case (facts, date, events, policy) to explain.
 * The explanation itself runs in the verifier child process (verify-process.ts: z3 is there).
 * Parsing is the `yaml` library's; offsets are UTF-16 (JS strings), as the rest of the server.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import type { CodeLens, Range } from 'vscode-languageserver-protocol';

export const EXPLAIN_COMMAND = 'zhengce.explain';

/** A YAML file the explain lenses apply to. */
export const isCaseFile = (path: string) => /\.ya?ml$/i.test(path);

export interface CaseToExplain {
  readonly policy?: string;
  readonly facts: unknown;
  /** The scenario's 日期 (a case file has none: the caller uses today). */
  readonly date?: string;
  readonly events?: unknown;
  readonly name?: string;
}

const key = (n: unknown) => (isScalar(n) ? String(n.value) : undefined);
function get(map: unknown, k: string): YamlNode | undefined {
  if (!isMap(map)) return undefined;
  const pair = map.items.find((p) => key(p.key) === k);
  return pair ? ((pair.value as YamlNode | null) ?? undefined) : undefined;
}
function keyNode(map: unknown, k: string): YamlNode | undefined {
  if (!isMap(map)) return undefined;
  return map.items.find((p) => key(p.key) === k)?.key as YamlNode | undefined;
}

/** The lenses of a case or scenario file (none when the text is not one, or does not parse). */
export function caseLenses(text: string, uri: string, rangeOf: (s: number, e: number) => Range): CodeLens[] {
  const doc = parseDocument(text);
  if (doc.errors.length) return [];
  const root = doc.contents;
  const out: CodeLens[] = [];
  const at = (n: YamlNode | undefined) => (n?.range ? rangeOf(n.range[0], n.range[1]) : rangeOf(0, 0));
  if (get(root, '事实') !== undefined) {
    out.push({ range: at(keyNode(root, '事实')), command: { title: '❓ 解释：为何不适用、怎样才适用', command: EXPLAIN_COMMAND, arguments: [uri, -1] } });
  }
  const scenarios = get(root, '场景');
  if (isSeq(scenarios)) {
    scenarios.items.forEach((item, i) => {
      if (get(item, '事实') === undefined) return;
      const name = get(item, '名称');
      out.push({ range: at(name ?? (item as YamlNode)), command: { title: '❓ 解释此场景', command: EXPLAIN_COMMAND, arguments: [uri, i] } });
    });
  }
  return out;
}

/** The case at `index` (-1: the file itself is a case), or a Chinese message. */
export function caseAt(text: string, index: number): { ok: true; value: CaseToExplain } | { ok: false; message: string } {
  const doc = parseDocument(text);
  if (doc.errors.length) return { ok: false, message: `解释：文件不是有效的 YAML（${doc.errors[0]!.message.split('\n')[0]}）` };
  const js = doc.toJS() as Record<string, unknown> | null;
  if (!js || typeof js !== 'object') return { ok: false, message: '解释：文件应为映射（政策、事实，或 场景 列表）' };
  const policy = typeof js['政策'] === 'string' ? js['政策'] : undefined;
  if (index < 0) {
    if (!('事实' in js)) return { ok: false, message: '解释：文件中没有“事实”' };
    return { ok: true, value: { ...(policy ? { policy } : {}), facts: js['事实'] } };
  }
  const list = js['场景'];
  const item = Array.isArray(list) ? (list[index] as Record<string, unknown> | undefined) : undefined;
  if (!item || typeof item !== 'object' || !('事实' in item)) return { ok: false, message: `解释：找不到第 ${index + 1} 个场景的“事实”（文件已修改？）` };
  const date = item['日期'] instanceof Date ? (item['日期'] as Date).toISOString().slice(0, 10) : typeof item['日期'] === 'string' ? (item['日期'] as string) : undefined;
  return {
    ok: true,
    value: {
      ...(policy ? { policy } : {}), facts: item['事实'], ...(date ? { date } : {}),
      ...('事件' in item ? { events: item['事件'] } : {}), ...(typeof item['名称'] === 'string' ? { name: item['名称'] as string } : {}),
    },
  };
}
