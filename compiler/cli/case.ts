/**
 * Reading a case file (`政策?`, `事实`) and the events registry — shared by eval and explain.
 * Input: a path and CLI values. Output: the case, or a Chinese message (exit 1).
 */
import { existsSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { nodeHost } from '../project/host.js';
import { readEvents } from '../project/policies.js';
import type { Io } from './common.js';

/** Read and check the shape of CASE.yaml (strict: only 政策 and 事实). */
export function readCase(casePath: string): { ok: true; policy?: string; facts: unknown } | { ok: false; message: string } {
  const caseText = nodeHost.readFile(casePath);
  if (caseText === undefined) return { ok: false, message: `无法读取个案文件“${casePath}”` };
  let doc: unknown;
  try {
    doc = parseYaml(caseText);
  } catch (e) {
    return { ok: false, message: `个案文件“${casePath}”不是有效的 YAML：${(e as Error).message.split('\n')[0]}` };
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return { ok: false, message: `个案文件“${casePath}”应为映射：政策（可选）、事实` };
  const rec = doc as Record<string, unknown>;
  const unknownKeys = Object.keys(rec).filter((k) => k !== '政策' && k !== '事实');
  if (unknownKeys.length || !('事实' in rec)) {
    return { ok: false, message: `个案文件“${casePath}”：${unknownKeys.length ? `未知的键 ${unknownKeys.map((k) => `“${k}”`).join('、')}；` : ''}${'事实' in rec ? '' : '缺少“事实”；'}只允许“政策”与“事实”` };
  }
  return { ok: true, ...(typeof rec['政策'] === 'string' ? { policy: rec['政策'] } : {}), facts: rec['事实'] };
}

/** The events: --events FILE, `none`, or policies/events.yaml when it exists (said on stderr). */
export function caseEvents(ev: string | undefined, io: Io): { ok: true; events: unknown } | { ok: false; message: string } {
  if (ev && ev !== 'none') return readEvents(nodeHost, ev);
  if (!ev && existsSync('policies/events.yaml')) {
    const r = readEvents(nodeHost, 'policies/events.yaml');
    if (r.ok) {
      io.err('（使用事件登记 policies/events.yaml；用 --events none 可不考虑上级政策事件）\n');
      return r;
    }
  }
  return { ok: true, events: [] };
}
