/**
 * The events registry (higher-level policy events, `events.yaml`): where it is, reading
 * it strictly, and identifying it.
 * Input: the policies path (`--paths`, default `policies`) or an explicit file + a Host.
 * Output: the validated events and their identity (`EventsRegistry`: path relative to the
 * policies directory, SHA-256 of the file's bytes), or diagnostics — ZC0001 (missing),
 * ZC0002 (not UTF-8 text), ZC0705 (not YAML, empty, wrong shape, invalid event) — each
 * with the place in the registry file.
 *
 * Rules (README, grammar/README.md §11):
 *  - the default registry belongs to the policies: `<policies directory>/events.yaml`
 *    (the directory given by --paths, or the directory of a file given there) — never
 *    looked up relative to the current directory;
 *  - a registry that exists is read strictly: a syntax error, a shape other than a list
 *    of events (or `事件: [...]`), an invalid event or an empty / comment-only file is an
 *    error, never "no events"; an explicitly empty registry is written `[]`;
 *  - `none` (`--events none`) is the explicit way to evaluate without events.
 */
import { createHash } from 'node:crypto';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isMap, isSeq, type Node as YNode } from 'yaml';
import { SourceFile } from '../common/source.js';
import { diag, type Diagnostic } from '../diagnostics/diagnostic.js';
import { nodeAtPath, nodeSpan, parseYamlFile } from '../diagnostics/yaml.js';
import { positionOf } from '../diagnostics/render.js';
import type { EventsRegistry, InputProblem } from '../interpret/decision.js';
import { validateEvents } from '../interpret/validate.js';
import { readText, type Host } from './host.js';

/** File name of the registry inside the policies directory. */
export const REGISTRY_FILE = 'events.yaml';

/** The policies directory of a `--paths` value: the directory itself, or a file's directory. */
export function policiesDirOf(host: Host, policiesPath: string): string {
  return host.isDirectory(policiesPath) ? policiesPath : dirname(policiesPath);
}

/** The default registry of a policies path: `<policies directory>/events.yaml`. */
export function defaultRegistryPath(host: Host, policiesPath: string): string {
  return join(policiesDirOf(host, policiesPath), REGISTRY_FILE);
}

/**
 * The registry a command or an editor action uses when none is named (no `--events`) — the one rule of
 * the CLI (cli/case.ts commandEvents) and the language server (核查 and the 解释 code lens): the policies
 * directory's own events.yaml, `path` (`exists` when there is such a file); when there is none, `up`: an
 * events.yaml one directory up (`policies/events.yaml` beside `policies/luanchuan/`), if there is one —
 * the CLI names it and uses it only with `--events`; the language server, which has no such option, uses
 * it and says so. No search further up, and never the current directory.
 */
export function policyRegistry(host: Host, policiesPath: string): { readonly path: string; readonly exists: boolean; readonly up?: string } {
  const path = defaultRegistryPath(host, policiesPath);
  if (host.readFile(path) !== undefined) return { path, exists: true };
  const up = join(dirname(policiesDirOf(host, policiesPath)), REGISTRY_FILE);
  // INVARIANT: `up` is never `path` (a policies directory at the file system's root has no directory above)
  return up !== path && host.readFile(up) !== undefined ? { path, exists: false, up } : { path, exists: false };
}

export interface LoadedRegistry {
  /** Validated events, as written (JSON values). */
  readonly events: unknown[];
  /** Identity recorded in every decision set. */
  readonly info: Exclude<EventsRegistry, 'none'>;
  /** The registry file (for rendering diagnostics that point into it). */
  readonly file: SourceFile;
}

/** Path shown in a decision: relative to the policies directory when inside it, `/`-separated. */
function shownPath(path: string, policiesDir: string): string {
  const rel = relative(resolve(policiesDir), resolve(path));
  const inside = rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
  return (inside ? rel : path).split(sep).join('/');
}

/** Where a problem of `validateEvents` (`事件[2].级别`) is in the registry. */
function problemSpan(file: SourceFile, list: YNode, p: InputProblem) {
  const hit = nodeAtPath(list, p.路径.replace(/^事件/, ''));
  return nodeSpan(file, p.实际 === '未知字段' ? (hit.key ?? hit.value) : (hit.value ?? hit.key));
}

/**
 * Read and validate a registry file. `policiesDir` is the directory the recorded path is
 * made relative to. Never throws.
 */
export function loadRegistry(host: Host, path: string, policiesDir: string): { value: LoadedRegistry | undefined; diagnostics: Diagnostic[]; files: Map<string, SourceFile> } {
  const files = new Map<string, SourceFile>();
  const r = readText(host, path);
  if (!r.ok && r.missing) {
    return { value: undefined, diagnostics: [diag('ZC0001', { file: path, start: 0, end: 0 }, `找不到事件登记“${path}”`, { help: `用 --events 文件 指定上级政策事件登记，或用 --events none 明确不考虑上级政策事件` })], files };
  }
  if (!r.ok) {
    const sf = new SourceFile(path, r.problem.validPrefix);
    files.set(path, sf);
    const at = r.problem.validPrefix.length;
    return { value: undefined, diagnostics: [diag('ZC0002', sf.span(at, at), `事件登记：${r.problem.message}`, { help: r.problem.help })], files };
  }
  const file = new SourceFile(path, r.text);
  files.set(path, file);
  const parsed = parseYamlFile(file, 'ZC0705', '事件登记不是有效的 YAML');
  if (parsed.diagnostics.length || !parsed.doc) return { value: undefined, diagnostics: parsed.diagnostics, files };
  const root = parsed.doc.contents as YNode | null;
  if (root === null) {
    return {
      value: undefined, files,
      diagnostics: [diag('ZC0705', file.span(0, 0), '事件登记是空的（没有内容，或只有注释）：不能据此认为没有上级政策事件', {
        help: '若确实没有任何上级政策事件，写 []；或用 --events none 明确不考虑上级政策事件',
      })],
    };
  }
  let list: YNode | undefined;
  let events: unknown;
  if (isSeq(root)) {
    list = root;
    events = parsed.value;
  } else if (isMap(root) && root.items.length === 1 && nodeAtPath(root, '事件').exact && isSeq(nodeAtPath(root, '事件').value)) {
    list = nodeAtPath(root, '事件').value;
    events = (parsed.value as Record<string, unknown>)['事件'];
  }
  if (!list || !Array.isArray(events)) {
    return {
      value: undefined, files,
      diagnostics: [diag('ZC0705', nodeSpan(file, root), '事件登记应为事件的列表（每项：日期、级别、类别…），或“事件:”下的列表', {
        help: '每个事件以“- 日期: YYYY-MM-DD”开头，见 policies/events.yaml',
      })],
    };
  }
  const problems: InputProblem[] = [];
  validateEvents(events, problems);
  if (problems.length) {
    return {
      value: undefined, files,
      diagnostics: problems.map((p) => diag('ZC0705', problemSpan(file, list!, p), `事件登记：${p.路径} 应为${p.期望}，这里是 ${p.实际}`)),
    };
  }
  const sha256 = createHash('sha256').update(Buffer.from(r.text, 'utf8')).digest('hex');
  return { value: { events, info: { 路径: shownPath(path, policiesDir), sha256 }, file }, diagnostics: [], files };
}

/**
 * Read a registry file strictly (for callers that locate the file themselves, such as
 * the language server's verifier): the events, or one Chinese line naming the first
 * problem at file:line:col (and how many more) — never "no events" for a broken file.
 */
export function readEvents(host: Host, path: string): { ok: true; events: unknown[] } | { ok: false; message: string } {
  const r = loadRegistry(host, path, dirname(path));
  if (r.value) return { ok: true, events: r.value.events };
  const d = r.diagnostics[0]!;
  const f = r.files.get(d.span.file);
  const at = f ? `${d.span.file}:${positionOf(f, d.span.start).line}:${positionOf(f, d.span.start).column}` : d.span.file;
  const more = r.diagnostics.length > 1 ? `（另有 ${r.diagnostics.length - 1} 处问题）` : '';
  return { ok: false, message: `${at}：错误[${d.code}] ${d.message}${more}${d.help ? `；${d.help}` : ''}` };
}

/** The registry chosen for a command. */
export type RegistryChoice =
  | { readonly kind: 'file'; readonly registry: LoadedRegistry }
  | { readonly kind: 'none' }
  | { readonly kind: 'missing'; readonly path: string };

/**
 * Resolve `--events` for a command: `none`; an explicit file (must be valid); or, when
 * absent, the default registry of the policies path (must be valid when it exists;
 * `missing` when it does not — the caller decides whether that is an error).
 */
export function chooseRegistry(host: Host, eventsOption: string | undefined, policiesPath: string): { value: RegistryChoice | undefined; diagnostics: Diagnostic[]; files: Map<string, SourceFile> } {
  if (eventsOption === 'none') return { value: { kind: 'none' }, diagnostics: [], files: new Map() };
  const dir = policiesDirOf(host, policiesPath);
  const path = eventsOption ?? defaultRegistryPath(host, policiesPath);
  if (eventsOption === undefined && host.readFile(path) === undefined) return { value: { kind: 'missing', path }, diagnostics: [], files: new Map() };
  const r = loadRegistry(host, path, dir);
  return { value: r.value ? { kind: 'file', registry: r.value } : undefined, diagnostics: r.diagnostics, files: r.files };
}
