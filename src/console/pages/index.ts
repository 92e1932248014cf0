// Every console page, in menu order. The access test walks the router, not this list.
import type { ConsoleRoute } from '../routes.ts';
import { activityPages } from './activities.ts';
import { calendarPages } from './calendar.ts';
import { settingsPages } from './settings.ts';
import { leavePages } from './leave.ts';
import { outboxPages } from './outbox.ts';
import { receptionPages } from './reception.ts';
import { registerPages } from './registers.ts';
import { suggestionActionPages } from './suggestion-actions.ts';
import { suggestionDetailPages } from './suggestion-detail.ts';
import { suggestionPages } from './suggestions.ts';
import { rosterPages } from './roster.ts';
import { stationPages } from './stations.ts';
import { todayPages } from './today.ts';

export const CONSOLE_PAGES: ConsoleRoute[] = [...todayPages, ...leavePages, ...activityPages, ...stationPages, ...rosterPages, ...calendarPages, ...settingsPages, ...outboxPages, ...receptionPages, ...suggestionPages, ...suggestionDetailPages, ...suggestionActionPages, ...registerPages];
