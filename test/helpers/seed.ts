// Minimal people for tests that do not need a whole roster file.
import type { Db } from '../../src/repositories/prisma.ts';

export interface SeedPerson {
  name: string;
  mobile: string;
  wecom?: string;
  /** Their DingTalk userid, when they use DingTalk. */
  dingtalk?: string;
  levels?: string;
  isStaff?: boolean;
  units?: { kind: 'group' | 'station' | 'office'; name: string; role: string }[];
}

export async function addPerson(db: Db, orgId: number, p: SeedPerson): Promise<number> {
  const person = await db.person.create({
    data: { orgId, name: p.name, mobile: p.mobile, levels: p.levels ?? '县区', isStaff: p.isStaff ?? false },
  });
  if (p.wecom) {
    await db.platformAccount.create({ data: { orgId, personId: person.id, channel: 'wecom', platformUserId: p.wecom } });
  }
  if (p.dingtalk) {
    await db.platformAccount.create({ data: { orgId, personId: person.id, channel: 'dingtalk', platformUserId: p.dingtalk } });
  }
  for (const u of p.units ?? []) {
    const unit = await db.unit.upsert({
      where: { orgId_kind_name: { orgId, kind: u.kind, name: u.name } },
      create: { orgId, kind: u.kind, name: u.name },
      update: {},
    });
    await db.membership.create({ data: { unitId: unit.id, personId: person.id, role: u.role } });
  }
  return person.id;
}
