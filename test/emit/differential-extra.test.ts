/**
 * More differential programs (see differential.test.ts): the emitter's own coverage
 * fixture (ratios, money × ratio, text, 或/非/属于 with field members, date + months, 周岁,
 * 天数, contradictions, gaps, parameters with unconfirmed segments, 次日 sunset on 文号 and
 * 日期), the language-depth fixture (definitions, nested records and lists, quantifiers, 某日/施行日,
 * 可为负, exact ratios, 前提, 适用（措施）, 申请条件 through the real front end) and every checked grammar
 * example with computable measures. Random programs per construct family: depth/*.test.ts.
 */
import { afterAll } from 'vitest';
import { cleanupGenerated } from './helpers.js';
import { suite } from './differential-lib.js';

const RUNS = Number(process.env['ZC_DIFF_RUNS'] ?? 10_000);

afterAll(() => cleanupGenerated());

suite('emitter coverage fixture', ['test/emit/fixtures/coverage'], RUNS, true);
suite('language-depth fixture', ['test/emit/fixtures/depth'], RUNS, true);
suite('grammar examples', ['grammar/examples'], Math.max(1, Math.round(RUNS / 10)), false);
