/**
 * A rule's validity period counted from the 施行日 (grammar/README.md §8.11, §11.7, §15.7).
 *
 * `有效期：施行日 至 施行日 + 3年 - 1天` and `有效期：3年` (the period of three years counted from the
 * 施行日: 施行日 至 施行日 + 3年 − 1天) write an end of the period relative to the policy's 施行日. Such an
 * end is `施行日` followed by literal shifts (N天 / N周 / N个月 / N年, added or subtracted in order, month
 * arithmetic per §6.3: the corresponding day, else the month's last day). The checker accepts exactly the
 * forms `relativeEnd` reads; lowering applies the shifts to the 施行日 — a day when it is certain, both ends
 * of its range when it is known only within one (the shifts are monotone, so the end lies in the range of
 * the shifted ends).
 */
import type { Expr } from '../syntax/ast.js';
import { addDays, addMonthsClamped, dayNumber, fromDayNumber } from '../common/calendar.js';
import { decIsInteger, decMul, decToBigInt } from '../common/decimal.js';
import { EFFECTIVE_DATE } from './builtins.js';

/** One shift of a date: a number of months (年 = 12 个月) or days (周 = 7 天), signed. */
export interface DateShift {
  readonly unit: 'months' | 'days';
  readonly n: number;
}

/** A literal duration usable in a shift (an integer number of 天/日, 周, 个月, 年), as months or days; else undefined. */
export function durationShift(e: Expr, sign: 1 | -1 = 1): DateShift | undefined {
  if (e.kind !== 'number' || !e.unit) return undefined;
  const v = decMul(e.value, e.unit.factor);
  if (!decIsInteger(v)) return undefined;
  const n = Number(decToBigInt(v));
  if (!Number.isSafeInteger(n)) return undefined;
  switch (e.unit.dimension) {
    case 'days': return { unit: 'days', n: sign * n };
    case 'weeks': return { unit: 'days', n: sign * 7 * n };
    case 'months': return { unit: 'months', n: sign * n };
    case 'years': return { unit: 'months', n: sign * 12 * n };
    default: return undefined;
  }
}

/**
 * The shifts of an end written `施行日 [± 时长]…` (in the order they apply), or undefined when `e` is not of
 * that form. `施行日` alone is the empty list.
 */
export function relativeEnd(e: Expr): DateShift[] | undefined {
  if (e.kind === 'name') return e.name.text === EFFECTIVE_DATE ? [] : undefined;
  if (e.kind === 'arith' && (e.op === '+' || e.op === '-')) {
    const base = relativeEnd(e.left);
    const s = durationShift(e.right, e.op === '+' ? 1 : -1);
    return base && s ? [...base, s] : undefined;
  }
  return undefined;
}

/** The end of `有效期：N` (a duration counted from the 施行日, the 施行日 itself its first day): the shift and then one day back. */
export function periodEnd(duration: DateShift): DateShift[] {
  return [duration, { unit: 'days', n: -1 }];
}

/** `day` (a day number) shifted in order. */
export function shiftDay(day: number, shifts: readonly DateShift[]): number {
  let d = fromDayNumber(day);
  for (const s of shifts) d = s.unit === 'months' ? addMonthsClamped(d, s.n) : addDays(d, s.n);
  return dayNumber(d);
}

/** 2000-01-01 … 2003-12-31 as day numbers: every month length and leap position once (the shifts' month-end clamping repeats with them). */
const CYCLE_FROM = dayNumber({ y: 2000, m: 1, d: 1 });
const CYCLE_DAYS = 1461;

/**
 * Do two ends counted from the same 施行日 (`from` 至 `to`) put the start after the end whatever day the
 * 施行日 is? Tried for every 施行日 of a four-year cycle (each month length and leap day once); a pair whose
 * order depends on the day (施行日 + 1个月 至 施行日 + 30天) is not reported here.
 */
export function startAlwaysAfterEnd(from: readonly DateShift[], to: readonly DateShift[]): boolean {
  for (let d = CYCLE_FROM; d < CYCLE_FROM + CYCLE_DAYS; d++) {
    try {
      if (shiftDay(d, from) <= shiftDay(d, to)) return false;
    } catch {
      return false;
    }
  }
  return true;
}
