// What the suggestion use cases need, whoever calls them (chat, command line, console).
import type { Logger } from '../../lib/logger.ts';
import type { Db } from '../../repositories/prisma.ts';
import type { Outbound } from '../outbound.ts';

export interface SuggestionDeps {
  db: Db;
  outbound: Outbound;
  now: Date;
  logger?: Logger;
}

/**
 * Who acts: a person from the roster (chat, console), or the office at the command line on
 * the server (optionally naming the member of staff with --by). `key` is unique to the request
 * (a chat event, one command-line run): a request processed twice changes nothing twice.
 */
export interface Acting {
  person?: { id: number; orgId: number; name: string; isStaff: boolean; levels: string[]; memberships: { role: string; unit: { id: number; kind: string; name: string } }[] };
  commandLine?: boolean;
  key: string;
}
