/**
 * `zhengce batch --db postgres://…` names why a connection failed in Chinese (ZC1204,
 * compiler/cli/batch.ts `connectReason`): the errors come from the real `pg` driver — a refused
 * port, and (when the test server is up, as in CI) a database that does not exist and a wrong password.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { connectReason } from '../../compiler/cli/batch.js';
import { PG_URL, postgres } from './engines.js';

async function failure(url: string): Promise<unknown> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await c.connect();
  } catch (e) {
    return e;
  } finally {
    await c.end().catch(() => undefined);
  }
  throw new Error(`connected to ${url}`);
}

describe('PostgreSQL connection errors in Chinese', () => {
  it('a refused port says no server runs there, keeping the driver message', async () => {
    const r = connectReason(await failure('postgres://nobody@127.0.0.1:1/x'));
    expect(r).toMatch(/^服务器拒绝连接：这个地址和端口上没有运行 PostgreSQL/);
    expect(r).toContain('ECONNREFUSED');
  });
  it('a missing database and a wrong password, from the real server', async () => {
    const engine = await postgres();
    if ('unavailable' in engine) {
      // Under CI=true .ci/run starts the server: unreachable there is a failure, as in differential.test.ts.
      if (process.env['CI']) throw new Error(`PostgreSQL unreachable under CI: ${engine.unavailable}`);
      console.log(`PostgreSQL 没有运行（${engine.unavailable}），连接错误的服务器端用例没有运行`);
      return;
    }
    await engine.close();
    const u = new URL(PG_URL);
    const noDb = new URL(PG_URL);
    noDb.pathname = '/zc_no_such_database';
    expect(connectReason(await failure(noDb.href))).toMatch(/^数据库不存在（/);
    const badPw = new URL(u.href);
    badPw.password = 'zc-wrong-password';
    expect(connectReason(await failure(badPw.href))).toMatch(/^用户名或密码不对（/);
  });
  it('anything else keeps the driver message as it is', () => {
    expect(connectReason(Object.assign(new Error('something odd'), { code: 'XX000' }))).toBe('something odd');
  });
});
