/**
 * `zhengce batch --synthesize N --seed S [--policy P] [--out FILE] [--date D] [--docs DIR]`:
 * write a synthetic population (Parquet/CSV/JSONL) from the policy's profile
 * (policies/<policy>/人口画像.yaml); with --docs, also a Markdown page of every assumption
 * and its source, and the budget estimate on that population (per measure: claimants and
 * yearly cost), clearly labelled as an estimate from stated assumptions.
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { LoweredPolicy } from '../project/policies.js';
import { parseProfile, synthesizeSql, type Assumption } from './synthesize.js';
import { emitSql } from '../sql/emit.js';
import { DUCKDB, sqlString as S } from '../sql/dialect.js';
import { layoutOf } from '../sql/layout.js';
import { bindFile, intFunctionSql, type Db } from '../cli/batch.js';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type Io } from '../cli/common.js';

export async function runSynthesize(policy: LoweredPolicy, values: Record<string, unknown>, paths: string, io: Io): Promise<number> {
  const n = Number(values['synthesize']);
  const seed = Number(values['seed'] ?? '1');
  if (Number.isInteger(n) && n > Number.MAX_SAFE_INTEGER) throw new UsageError(`--synthesize 的取值“${String(values['synthesize'])}”太大：最多 ${Number.MAX_SAFE_INTEGER} 行`);
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError('--synthesize 应为正整数（行数）');
  if (!Number.isSafeInteger(seed)) throw new UsageError('--seed 应为整数');
  const date = (values['date'] as string | undefined) ?? '2024-07-01';
  const profilePath = (values['profile'] as string | undefined) ?? join(dirname(policy.program.root), '人口画像.yaml');
  if (!existsSync(profilePath)) { io.err(`错误[ZC1205]: 找不到人口画像文件“${profilePath}”\n`); return EXIT_FINDINGS; }
  const p = parseProfile(readFileSync(profilePath, 'utf8'));
  if (!p.ok) { io.err(`错误[ZC1205]: 人口画像文件“${profilePath}”：${p.message}\n`); return EXIT_FINDINGS; }
  let q: { sql: string; assumptions: Assumption[] };
  try { q = synthesizeSql(policy.ir, p.profile, n, seed, date); } catch (e) { io.err(`错误[ZC1205]: ${(e as Error).message}\n`); return EXIT_FINDINGS; }
  const out = (values['out'] as string | undefined) ?? 'synthetic.parquet';
  const fmt = ({ '.parquet': 'PARQUET', '.csv': 'CSV', '.jsonl': 'JSON' } as Record<string, string>)[extname(out).toLowerCase()];
  if (!fmt) throw new UsageError('--out 应为 .parquet、.csv 或 .jsonl 文件');
  // CSV cannot hold the entity's lists: it would write them as text that no reader takes back
  // (zhengce batch refuses CSV for such an entity, ZC1206) — refused before anything is written
  const lists = layoutOf(policy.ir).children.filter((t) => t.root === p.profile.entity && t.depth === 1);
  if (fmt === 'CSV' && lists.length) {
    io.err(`错误[ZC1206]: 实体「${p.profile.entity}」有列表字段（${lists.map((t) => t.listPath).join('、')}），CSV 不能表示嵌套的列表；请写成 .parquet 或 .jsonl\n`);
    return EXIT_FINDINGS;
  }
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const inst = await DuckDBInstance.create(':memory:');
  const c = await inst.connect();
  try {
    const tmp = join(dirname(resolve(out)), `.${basename(out)}.${process.pid}.tmp`);
    // INVARIANT (memory): streamed — no ORDER BY (a sort held all N rows: 646 MB at 1,000,000,
    // growing with N); the rows come out in 编号 order because range() produces them in order
    // and DuckDB's COPY preserves insertion order (preserve_insertion_order, the default, set here explicitly), so
    // peak memory is a few row groups whatever N (same bytes as the sorted output)
    await c.run('SET preserve_insertion_order = true');
    await c.run(`COPY (${q.sql}) TO ${S(tmp)} (FORMAT ${fmt}${fmt === 'CSV' ? ', HEADER' : ''})`);
    renameSync(tmp, resolve(out));
    io.err(`（合成 ${n} 行「${p.profile.entity}」，种子 ${seed}，写入 ${out}；假设见 --docs 页面）\n`);
    const docs = values['docs'] as string | undefined;
    if (docs) {
      const sql = emitSql(policy.ir, 'duckdb');
      if (!sql.value) { io.err('错误[ZC1201]: 该政策不能编译为 SQL，无法估算预算\n'); return EXIT_FINDINGS; }
      await c.run(sql.value.input);
      await c.run(sql.value.policy);
      await c.run(`INSERT INTO zc_eval VALUES (0, DATE ${S(date)});`);
      // the synthetic rows bound exactly as \`zhengce batch --in\` binds nested input (lists → child views)
      const layout = layoutOf(policy.ir);
      const db: Db = { d: DUCKDB, exec: async (q) => { await c.run(q); }, query: async (q) => (await c.runAndReadAll(q)).getRowObjectsJson() as Record<string, unknown>[], close: async () => undefined };
      await db.exec(intFunctionSql(DUCKDB, ''));
      await bindFile(db, layout.roots.find((t) => t.name === p.profile.entity)!, resolve(out), date, false, layout);
      await c.run(`CREATE OR REPLACE VIEW "案件" AS SELECT "编号" FROM ${JSON.stringify(p.profile.entity)};`);
      const ir = policy.ir;
      const lines = [`# ${ir.policy.name}：合成人口与预算估算`, '', `> **估算，不是统计数据。** 下表由 \`zhengce batch --synthesize ${n} --seed ${seed} --date ${date} --docs …\` 按下列假设生成的 ${n} 行「${p.profile.entity}」算出；每条假设注明来源（原文条款，或“生成器假设”）。画像文件：\`${profilePath.split('\\').join('/')}\`。${p.profile.perYear === n ? `行数取画像的“每年出生”（${n}），所以表中的人数和金额是一年的估计。` : ''}列表（${[...p.profile.lists.keys()].join('、')}）是嵌套的列；子女名单由胎数、多胞胎与出生间隔生成，孩次由政策自己的定义（子女.孩次）推出。`, '', '## 假设', '', '| 项目 | 假设 | 来源 |', '|---|---|---|',
        ...q.assumptions.map((a) => `| ${a.字段} | ${a.假设} | ${a.来源} |`), '', '## 预算估算（每项措施）', '', '年化：按月 × 12，按年 × 1，一次性计一次。', '', '存疑的行缺少某个事实（未登记），补齐后可能适用；“可领取”是措施与其申请条件（附件）都适用的行数，“可领取合计”是这些行的金额（免申即享可以直接发放的部分）；“合计”是全部适用行的金额。', '', '| 措施 | 条款 | 适用 | 存疑 | 不适用 | 可领取 | 结果 | 合计（元） | 年化（元） | 可领取合计（元） |', '|---|---|---|---|---|---|---|---|---|---|'];
      // the view evaluated once (one plan), then summed per measure
      await c.run(`CREATE TEMP TABLE zc_budget AS SELECT * FROM "zc_${ir.policy.id}_决定"`);
      for (const [i, m] of ir.measures.entries()) {
        if (m.subject !== p.profile.entity) continue;
        const r = (await c.runAndReadAll(`SELECT count(*) FILTER (WHERE m${i}_状态 = '适用') AS a, count(*) FILTER (WHERE m${i}_状态 = '存疑') AS q, count(*) FILTER (WHERE m${i}_状态 = '不适用') AS n, ${m.application ? `count(*) FILTER (WHERE m${i}_可领取 = '适用')` : 'NULL'} AS c${m.outcomes.map((o, j) => (o.type.k === 'money' ? `, CAST(coalesce(sum(m${i}_${j}), 0) AS VARCHAR) AS s${j}${m.application ? `, CAST(coalesce(sum(m${i}_${j}) FILTER (WHERE m${i}_可领取 = '适用'), 0) AS VARCHAR) AS k${j}` : ''}` : '')).join('')} FROM zc_budget`)).getRowObjectsJson()[0]!;
        const money = m.outcomes.map((o, j) => ({ o, j })).filter(({ o }) => o.type.k === 'money');
        const yuan = (f: bigint) => `${f / 100n}.${String(f % 100n).padStart(2, '0')}`;
        // INVARIANT: the amount of the claimable rows is beside their count (the page gave 可领取 93
        // next to the 适用 rows' total only, which a reader took for the cost of the 93)
        const cell = money.length ? money.map(({ o, j }) => { const f = BigInt(String(r[`s${j}`])); return [`${o.name}（${o.period ?? ''}）`, yuan(f), yuan(o.period === '按月' ? f * 12n : f), m.application ? yuan(BigInt(String(r[`k${j}`]))) : '—']; }) : [['—', '—', '—', '—']];
        for (const [k, x] of cell.entries()) lines.push(`| ${k ? '' : m.name} | ${k ? '' : m.citation.label} | ${k ? '' : r['a']} | ${k ? '' : r['q']} | ${k ? '' : r['n']} | ${k ? '' : r['c'] ?? '—'} | ${x[0]} | ${x[1]} | ${x[2]} | ${x[3]} |`);
      }
      // INVARIANT: the page says which measures it does not estimate (their 对象 is not the
      // synthesized entity), so a reader does not take the table for the whole policy's budget
      const others = ir.measures.filter((m) => m.subject !== p.profile.entity);
      if (others.length) lines.push('', `没有估算的措施（对象不是「${p.profile.entity}」，合成人口中没有这些对象）：${others.map((m) => `${m.name}（${m.citation.label}，${m.subject ?? '无对象'}）`).join('、')}。`);
      mkdirSync(docs, { recursive: true });
      lines.push('', `年化：按月 × 12，按年 × 1，一次性计一次（视为当年支出）。由 \`zhengce batch\`（DuckDB）在合成行上求值；语义与解释器相同（test/sql/differential.test.ts）。`);
      const page = join(docs, `${ir.policy.id}-budget.md`);
      writeFileSync(`${page}.tmp`, lines.join('\n') + '\n');
      renameSync(`${page}.tmp`, page);
      io.err(`（预算估算页写入 ${page}）\n`);
    }
    return EXIT_OK;
  } finally {
    c.closeSync();
    inst.closeSync();
    void rmSync;
  }
}
