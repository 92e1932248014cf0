// 部门 (rule R4): the departments an office assigns reception issues to, kept per organisation.
// “部门” lists them; “部门 添加 NAME” adds one. Office staff only (the command's audience).
import type { Command } from '../../bot/router.ts';
import { addDepartment, listDepartments } from '../../repositories/assignment-repo.ts';
import { assignMessages as m } from './assign-messages.ts';

export const departmentCommand: Command = {
  name: '部门',
  aliases: ['承办部门'],
  summary: '查看或添加交办接待事项的承办部门（部门 添加 部门名称）',
  audience: 'office',
  async run(ctx, args) {
    const db = ctx.deps.db;
    const text = args.trim();
    if (!text) return void (await ctx.reply(m.departments(await listDepartments(db, ctx.orgId))));
    const match = /^(?:添加|增加|新增)\s*(.+)$/u.exec(text);
    const name = match?.[1]?.trim();
    if (!name || [...name].length < 2 || [...name].length > 30) return void (await ctx.reply(m.departmentUsage));
    const added = await addDepartment(db, ctx.orgId, name);
    // The answer repeats the typed name: in a group it goes to the sender privately.
    await ctx.replyPrivately(added ? m.departmentAdded(name) : m.departmentExists(name));
  },
};
