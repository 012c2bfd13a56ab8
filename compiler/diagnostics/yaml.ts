/**
 * YAML input files (case files, the events registry, scenario and parameter files):
 * parsing with Chinese diagnostics at the place of the problem.
 * Input: a SourceFile with YAML text. Output: the parsed document and its JS value, or
 * diagnostics (file:line:col via the node ranges of the `yaml` library — offsets into
 * the same text, rendered like every other diagnostic).
 *
 * The `yaml` library's messages are English; each error code gets a Chinese message and a
 * fix here. Warnings (unresolved tags …) are errors too: an input is never read
 * differently from what its writer meant without a word. A full-width colon “：” after a
 * key (YAML only knows “: ”) and full-width spaces used as indentation are named.
 * INVARIANT: no English text of the library reaches the user; no span leaves the file.
 */
import { isMap, isScalar, isSeq, parseDocument, visit, type Document, type Node as YNode, type Pair, type YAMLError } from 'yaml';
import type { SourceFile, Span } from '../common/source.js';
import type { DiagnosticCode } from './catalog.js';
import { diag, type Diagnostic } from './diagnostic.js';

/** A span inside the file (the library may point one past the end). */
export function clampSpan(file: SourceFile, start: number, end: number): Span {
  const n = file.text.length;
  const s = Math.max(0, Math.min(Number.isFinite(start) ? start : 0, n));
  return file.span(s, Math.max(s, Math.min(Number.isFinite(end) ? end : s, n)));
}

/** The span of a YAML node (its value range, without trailing comments). */
export function nodeSpan(file: SourceFile, n: YNode | null | undefined): Span {
  const r = n?.range;
  return r ? clampSpan(file, r[0], r[1]) : file.span(0, 0);
}

/** The text at an error position, shortened, for messages. */
function near(text: string, at: number): string {
  const s = text.slice(at, at + 12).split(/[\r\n]/)[0] ?? '';
  return s.length ? `“${s}”` : '文件末尾';
}

/** Chinese message and fix for one error or warning of the `yaml` library. */
export function yamlMessage(e: YAMLError, text: string): { message: string; help: string } {
  const at = e.pos[0];
  switch (e.code) {
    case 'DUPLICATE_KEY': {
      const m = /^\s*("?)([^:\n"]*)\1/.exec(text.slice(at, at + 200));
      const key = m?.[2]?.trim();
      return { message: `键${key ? `“${key}”` : ''}重复：同一个映射中的键只能出现一次`, help: '删除或合并重复的键' };
    }
    case 'TAB_AS_INDENT': return { message: '不能用制表符（Tab）缩进', help: '把行首的 Tab 改为空格（每层两个空格）' };
    case 'BAD_INDENT': {
      const flow = /flow (sequence|mapping|map)/i.exec(e.message);
      if (flow) {
        const [open, close] = flow[1]!.toLowerCase() === 'sequence' ? ['[', ']'] : ['{', '}'];
        return { message: `${open === '[' ? '方括号' : '花括号'}“${open}”没有配对的“${close}”，或其中换行后的内容缩进不足`, help: `补上“${close}”；跨行时，续行要比键多缩进` };
      }
      return { message: `缩进不正确（${near(text, at)}）`, help: '同一层的键必须对齐；下一层比上一层多缩进（用空格）' };
    }
    case 'MULTILINE_IMPLICIT_KEY': return { message: `键不能跨行（${near(text, at)}）`, help: '是否漏写了冒号，或写成了全角冒号“：”？键与值之间用半角“: ”（冒号加空格）' };
    case 'BLOCK_AS_IMPLICIT_KEY': return { message: '多行内容不能作为键', help: '检查冒号与缩进：键写在一行内，后跟半角“: ”' };
    case 'MISSING_CHAR': {
      const what = /quote/i.test(e.message) ? '缺少配对的引号' : /flow/i.test(e.message) || /[\]}]/.test(e.message) ? '缺少配对的括号或逗号' : '缺少字符';
      return { message: `${what}（${near(text, at)}）`, help: '补上结尾的引号或括号；花括号 { } 与方括号 [ ] 中的项用半角逗号分隔' };
    }
    case 'UNEXPECTED_TOKEN': return { message: `此处不应出现 ${near(text, at)}`, help: '检查冒号（半角“: ”）、引号与缩进；文字中有特殊字符时请加引号' };
    case 'BAD_SCALAR_START': return { message: `值不能以 ${near(text, at)} 开头`, help: '给这个值加上引号，如 "@…"' };
    case 'BAD_DQ_ESCAPE': return { message: '双引号字符串中有无效的转义序列', help: '反斜杠 \\ 后只能跟 n、t、"、\\、u 等；或改用单引号' };
    case 'BLOCK_IN_FLOW': return { message: '花括号 { } 或方括号 [ ] 中不能使用多行块格式', help: '改为每行一项的块格式，或把内容写在一行内' };
    case 'MULTIPLE_DOCS': return { message: '文件中有多个 YAML 文档（以“---”分隔）；这里只能有一个', help: '删除多余的“---”及其后的文档' };
    case 'BAD_ALIAS': return { message: `别名 ${near(text, at)} 引用了不存在的锚点`, help: '别名 *名称 必须引用前面用 &名称 定义的锚点；或直接写出内容' };
    case 'ALIAS_PROPS': return { message: '别名（*名称）不能带锚点或标签', help: '删除别名前的 &锚点 或 !标签' };
    case 'MULTIPLE_ANCHORS': return { message: '一个值有多个锚点（&名称）', help: '只保留一个锚点' };
    case 'MULTIPLE_TAGS': return { message: '一个值有多个标签（!名称）', help: '只保留一个标签，或删除标签' };
    case 'BAD_PROP_ORDER': return { message: '锚点或标签的位置不正确', help: '锚点 &名称 与标签 !名称 写在值的前面' };
    case 'BAD_DIRECTIVE': return { message: `无效的 YAML 指令 ${near(text, at)}`, help: '删除以 % 开头的行' };
    case 'KEY_OVER_1024_CHARS': return { message: '键过长（超过 1024 个字符）', help: '键应是简短的名称' };
    case 'NON_STRING_KEY': return { message: `键必须是文字（${near(text, at)}）`, help: '键写成名称，如 家庭、子女数' };
    case 'TAG_RESOLVE_FAILED': return { message: `无法识别的标签 ${near(text, at)}`, help: '删除以 ! 开头的标签，直接写值' };
    case 'RESOURCE_EXHAUSTION': return { message: '别名展开过多（疑似恶意构造的文件）', help: '不要用 &锚点 / *别名 层层复制内容，直接写出' };
    case 'BAD_COLLECTION_TYPE': return { message: '值的类型与其标签不符', help: '删除标签，或改正值' };
    case 'IMPOSSIBLE': return { message: `无法解析 ${near(text, at)}`, help: '检查此处的格式' };
  }
  return { message: `无法解析 ${near(text, at)}`, help: '检查此处的格式' };
}

/**
 * Full-width colons after a key and full-width spaces as indentation: YAML reads
 * `事实：` as text and `　家庭:` as a key “　家庭”. One diagnostic per line, at the
 * character; meant to be shown next to the error they cause.
 */
export function fullWidthHints(file: SourceFile, code: DiagnosticCode): Diagnostic[] {
  const out: Diagnostic[] = [];
  const text = file.text;
  const re = /^([ \t\ufeff]*(?:-[ \t]+)?)([^\s#'"{}[\],:：&*!|>%@`-][^:#\n\r]*?)(：)/gmu;
  for (const m of text.matchAll(re)) {
    const at = (m.index ?? 0) + m[1]!.length + m[2]!.length;
    out.push(diag(code, file.span(at, at + 1), `“${m[2]!.trim()}”后面是全角冒号“：”，YAML 不把它当作键与值的分隔符`, { help: `改为半角冒号加空格：“${m[2]!.trim()}: ”`, fixes: [{ title: '改为半角冒号', edits: [{ span: file.span(at, at + 1), newText: ': ' }] }] }));
  }
  for (const m of text.matchAll(/^[ \t]*(\u3000+)/gmu)) {
    const at = (m.index ?? 0) + m[0].length - m[1]!.length;
    out.push(diag(code, file.span(at, at + m[1]!.length), '行首是全角空格“　”，YAML 不把它当作缩进', { help: '缩进只用半角空格' }));
  }
  return out;
}

export interface ParsedYaml {
  readonly doc: Document.Parsed | undefined;
  /** The JS value of the document (undefined when it has errors). */
  readonly value: unknown;
  readonly diagnostics: Diagnostic[];
}

/**
 * Parse a YAML file: duplicate keys, warnings, multiple documents and alias bombs are
 * errors (code `code`, messages prefixed with `what`, e.g. “个案文件不是有效的 YAML”).
 */
export function parseYamlFile(file: SourceFile, code: DiagnosticCode, what: string): ParsedYaml {
  const diagnostics: Diagnostic[] = [];
  let doc: Document.Parsed;
  try {
    doc = parseDocument(file.text, { uniqueKeys: true, prettyErrors: false, strict: true });
  } catch (e) {
    // INVARIANT: the parser does not throw on text; kept as a net — never a crash.
    diagnostics.push(diag(code, file.span(0, 0), `${what}：无法解析（${String((e as Error).message).slice(0, 80)}）`));
    return { doc: undefined, value: undefined, diagnostics };
  }
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length) {
    const hints = fullWidthHints(file, code);
    // A full-width colon or indent makes the parser fail on its line with a message about quotes
    // or brackets; the hint names the cause, so the parser's errors on a hinted line are not shown.
    const hinted = new Set(hints.map((h) => file.lineCol(h.span.start).line));
    for (const e of problems) {
      const span = clampSpan(file, e.pos[0], e.pos[1]);
      if (hinted.has(file.lineCol(span.start).line)) continue;
      const m = yamlMessage(e, file.text);
      diagnostics.push(diag(code, span, `${what}：${m.message}`, { help: m.help }));
    }
    // INVARIANT: not empty — an error left out lies on a hinted line, and its hint is kept
    diagnostics.push(...hints);
    return { doc, value: undefined, diagnostics };
  }
  // Explicit tags (!!set, !!binary, !custom …) would turn data into Sets, byte arrays or
  // strings the writer did not see: input files are plain data.
  visit(doc, {
    Node(_, n) {
      if (!n.tag) return;
      const shown = n.tag.replace(/^tag:yaml\.org,2002:/, '!!');
      diagnostics.push(diag(code, nodeSpan(file, n), `${what}：不支持 YAML 标签“${shown}”`, { help: '删除标签，直接写值（映射、列表、文字、数字、true/false）' }));
    },
  });
  if (diagnostics.length) return { doc, value: undefined, diagnostics };
  try {
    return { doc, value: doc.toJS({ maxAliasCount: 100 }) as unknown, diagnostics };
  } catch {
    // the only thing toJS throws on is the alias-count limit
    const alias = /\*/.exec(file.text);
    const at = alias?.index ?? 0;
    diagnostics.push(diag(code, file.span(at, at + 1), `${what}：别名展开过多（疑似恶意构造的文件）`, { help: '不要用 &锚点 / *别名 层层复制内容，直接写出' }));
    return { doc, value: undefined, diagnostics };
  }
}

/** Where a value path (`事实.家庭.子女数`, `事件[2].级别`) is in a YAML tree. */
export interface PathHit {
  /** The deepest pair/item found: its key node (maps) and value node. */
  readonly key?: YNode;
  readonly value?: YNode;
  /** The whole path was found. */
  readonly exact: boolean;
}

/**
 * Follow a value path through a YAML tree. Segments are map keys (the longest key that
 * matches, so names containing “.” work) and `[i]` sequence indices.
 */
export function nodeAtPath(root: YNode | null | undefined, path: string): PathHit {
  let node: YNode | null | undefined = root;
  let key: YNode | undefined;
  let rest = path;
  while (rest.length) {
    if (rest.startsWith('[')) {
      const m = /^\[(\d+)\]\.?/.exec(rest);
      const item = m && isSeq(node) ? (node.items[Number(m[1])] as YNode | undefined) : undefined;
      if (!m || !item) return { ...(key ? { key } : {}), ...(node ? { value: node } : {}), exact: false };
      key = undefined;
      node = item;
      rest = rest.slice(m[0].length);
      continue;
    }
    if (!isMap(node)) return { ...(key ? { key } : {}), ...(node ? { value: node } : {}), exact: false };
    let best: { k: string; pair: Pair } | undefined;
    for (const pair of node.items) {
      const k = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (k === undefined || !rest.startsWith(k)) continue;
      const next = rest[k.length];
      if ((next === undefined || next === '.' || next === '[') && (!best || k.length > best.k.length)) best = { k, pair };
    }
    if (!best) return { ...(key ? { key } : {}), value: node, exact: false };
    key = best.pair.key as YNode;
    node = best.pair.value as YNode | null;
    rest = rest.slice(best.k.length);
    if (rest.startsWith('.')) rest = rest.slice(1);
  }
  return { ...(key ? { key } : {}), ...(node ? { value: node } : {}), exact: true };
}
