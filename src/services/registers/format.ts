// How values read on a register: dates and times in Asia/Shanghai, whatever the machine's zone
// (a Date handed to exceljs would be written as UTC), kinds and states in Chinese.
import { ACTIVITY_KINDS, type ActivityKind } from '../../domain/activity-kinds.ts';
import { shanghaiIsoDate } from '../../domain/shanghai-time.ts';
import { formatLocal } from '../../domain/time.ts';

/** 2026-11-27 */
export function day(d: Date | null | undefined): string {
  return d ? shanghaiIsoDate(d) : '';
}

/** 2026-11-27 14:00 */
export function dayTime(d: Date | null | undefined): string {
  return d ? formatLocal(d) : '';
}

/** 2026-11-27 14:00–16:30, or both full times when it spans days. */
export function span(start: Date, end: Date): string {
  const a = formatLocal(start);
  const b = formatLocal(end);
  return a.slice(0, 10) === b.slice(0, 10) ? `${a}–${b.slice(11)}` : `${a}–${b}`;
}

export function kindLabel(kind: string): string {
  return ACTIVITY_KINDS[kind as ActivityKind] ?? kind;
}

/** A rate as a number for a percentage cell, or blank when there is nothing to divide. */
export function rateCell(rate: number | null): number | string {
  return rate === null ? '' : Math.round(rate * 1000) / 1000;
}
