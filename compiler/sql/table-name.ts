/**
 * Table names as the batch CLI takes them (`--in TABLE`, `--out TABLE`).
 * Input: the argument text, e.g. `决定`, `模式.决定`, `"Decisions 2024"`, `public."户"`.
 * Output: its parts, and SQL for the name and for names derived from it (the temporary
 * table a run writes before it renames it into place).
 *
 * Each part is either unquoted — letters of any script, digits, `_`, not starting with a
 * digit; written into SQL as given, so PostgreSQL folds it to lower case as psql would — or
 * double-quoted, with `""` for a quote inside; written back quoted, so its case and
 * characters are kept. At most two parts: [schema.]name.
 */

/** One part of a table name. */
export interface NamePart {
  /** The name itself: without quotes, `""` undone. */
  readonly text: string;
  /** It was written in double quotes (kept exactly; otherwise written as given and folded by PostgreSQL). */
  readonly quoted: boolean;
}

/** A table name: [schema.]name. */
export interface TableName {
  readonly schema?: NamePart;
  readonly name: NamePart;
}

const BARE = /^[\p{L}_][\p{L}\p{N}_]*/u;

/** The parts of `s`, or undefined when it is not a table name (bad characters, an unclosed quote, more than two parts, an empty part). */
export function parseTableName(s: string): TableName | undefined {
  const parts: NamePart[] = [];
  let i = 0;
  for (;;) {
    if (s[i] === '"') {
      let text = '';
      let j = i + 1;
      for (;;) {
        const q = s.indexOf('"', j);
        if (q < 0) return undefined; // unclosed quote
        text += s.slice(j, q);
        if (s[q + 1] === '"') { text += '"'; j = q + 2; continue; }
        i = q + 1;
        break;
      }
      if (text === '' || text.includes('\0')) return undefined;
      parts.push({ text, quoted: true });
    } else {
      const m = BARE.exec(s.slice(i));
      if (!m) return undefined;
      parts.push({ text: m[0], quoted: false });
      i += m[0].length;
    }
    if (i === s.length) break;
    if (s[i] !== '.' || parts.length === 2) return undefined;
    i++;
  }
  return parts.length === 2 ? { schema: parts[0]!, name: parts[1]! } : { name: parts[0]! };
}

/** SQL for one part: quoted parts quoted again (`"` doubled), unquoted parts as given. */
export function partSql(p: NamePart): string {
  return p.quoted ? `"${p.text.replace(/"/g, '""')}"` : p.text;
}

/** SQL for the whole name, in `catalog` (an attached DuckDB database) when given. */
export function tableSql(t: TableName, catalog?: string): string {
  const name = t.schema ? `${partSql(t.schema)}.${partSql(t.name)}` : partSql(t.name);
  return catalog ? `${catalog}.${name}` : name;
}

/** The same name in `schema` when it has none (PostgreSQL's `public` for output tables). */
export function inSchema(t: TableName, schema: string): TableName {
  return t.schema ? t : { schema: { text: schema, quoted: false }, name: t.name };
}

/** A name beside `t` (same schema, same quoting) whose last part is `t`'s with `suffix` appended. */
export function withSuffix(t: TableName, suffix: string): TableName {
  return { ...(t.schema ? { schema: t.schema } : {}), name: { text: t.name.text + suffix, quoted: t.name.quoted } };
}
