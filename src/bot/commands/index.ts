// The command and card-action registry. Each feature adds its commands here.
import { Router, type Command } from '../router.ts';
import { contactsAction, contactsCommand } from './contacts.ts';
import { helpCommand, helpMenuAction } from './help.ts';
import { whoamiAction, whoamiCommand } from './whoami.ts';

export function createRouter(): Router {
  const commands: Command[] = [];
  const all = () => commands;
  commands.push(whoamiCommand, contactsCommand, helpCommand(all));
  return new Router(commands, [whoamiAction, contactsAction, helpMenuAction(all)]);
}
