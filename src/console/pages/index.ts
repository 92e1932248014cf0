// Every console page, in menu order. The access test walks the router, not this list.
import type { ConsoleRoute } from '../routes.ts';
import { activityPages } from './activities.ts';
import { leavePages } from './leave.ts';
import { outboxPages } from './outbox.ts';
import { todayPages } from './today.ts';

export const CONSOLE_PAGES: ConsoleRoute[] = [...todayPages, ...leavePages, ...activityPages, ...outboxPages];
