/**
 * More differential programs (see differential.test.ts): the emitter's own coverage
 * fixture (ratios, money × ratio, text, 或/非/属于 with field members, date + months, 周岁,
 * 天数, contradictions, gaps, parameters with unconfirmed segments, 次日 sunset on 文号 and
 * 日期) and every checked grammar example with computable measures.
 */
import { afterAll } from 'vitest';
import { cleanupGenerated } from './helpers.js';
import { suite } from './differential-lib.js';

const RUNS = Number(process.env['ZC_DIFF_RUNS'] ?? 10_000);

afterAll(() => cleanupGenerated());

suite('emitter coverage fixture', ['test/emit/fixtures/coverage'], RUNS, true);
suite('grammar examples', ['grammar/examples'], Math.max(1, Math.round(RUNS / 10)), false);
