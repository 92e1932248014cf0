// Writes registers to an XLSX file: one book (its sheets), or every book with a sheet each
// (`all`). The command line, the chat export worker and the staff console call this one
// function; who may ask for what is decided before (src/domain/registers/export-access.ts).
import type { BookName } from '../../domain/registers/book-names.ts';
import type { Period } from '../../domain/registers/period.ts';
import type { Privacy } from '../../domain/registers/privacy.ts';
import { resolvePolicy } from '../../domain/policy.ts';
import type { Db } from '../../repositories/prisma.ts';
import type { BookScope, SheetPlan } from './book.ts';
import { allBooks, bookNamed } from './catalog.ts';
import { writeWorkbook, type SheetCount } from './xlsx-writer.ts';

export interface ExportOrder {
  orgId: number;
  book: BookName | 'all';
  /** Undefined: the whole organisation. */
  unitId?: number;
  period: Period;
  privacy: Privacy;
  /** The file to write (replaced if it exists). */
  out: string;
  now: Date;
}

export interface ExportResult {
  path: string;
  sheets: SheetCount[];
}

export class ExportScopeError extends Error {}

export async function exportBooks(db: Db, order: ExportOrder): Promise<ExportResult> {
  const scope = await scopeOf(db, order);
  const books = order.book === 'all' ? allBooks() : [bookNamed(order.book)];
  const combined = order.book === 'all';
  async function* plans(): AsyncIterable<SheetPlan> {
    for (const book of books) yield* await book.sheets({ db }, scope, combined);
  }
  const sheets = await writeWorkbook(order.out, { orgName: scope.orgName, unitName: scope.unit?.name, period: scope.period }, plans());
  return { path: order.out, sheets };
}

async function scopeOf(db: Db, order: ExportOrder): Promise<BookScope> {
  const org = await db.organisation.findUnique({ where: { id: order.orgId }, select: { name: true, policy: true } });
  if (!org) throw new ExportScopeError(`no organisation ${order.orgId}`);
  const unit = order.unitId === undefined ? undefined : await db.unit.findFirst({ where: { id: order.unitId, orgId: order.orgId }, select: { id: true, name: true, kind: true } });
  if (order.unitId !== undefined && !unit) throw new ExportScopeError(`no unit ${order.unitId} in organisation ${order.orgId}`);
  return { orgId: order.orgId, orgName: org.name, unit: unit ?? undefined, period: order.period, now: order.now, privacy: order.privacy, policy: resolvePolicy(org.policy) };
}

/** 考勤簿-第一代表小组-2026-10-01-2026-12-31.xlsx (what the chat file is called). */
export function exportFileName(book: BookName | 'all', scopeName: string, period: Period): string {
  const name = book === 'all' ? '台帐' : book;
  return `${name}-${scopeName}-${period.fromDay}-${period.toDay}.xlsx`.replace(/[\\/:*?"<>|\s]+/g, '_');
}
