import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { ApiError } from '../../errors.js';
import { commandHelp, parseCommand } from './command-text.js';
import { chatSharer, sharedMessage } from './share.js';

/**
 * The answer to a slash command (Slack's and Mattermost's alike): help, what is wrong with the options, or the
 * links of the new secret. The platform shows it to the invoking user only.
 */
export function commandAnswerer(ctx: AppContext, apiKey: string | null) {
  const share = chatSharer(ctx, apiKey);
  return async (request: FastifyRequest, text: string, commandName: string | undefined): Promise<string> => {
    const name = commandName !== undefined && /^\/[\w-]{1,32}$/.test(commandName) ? commandName : '/burnlink';
    const command = parseCommand(text, ctx.config);
    if (command.kind === 'help') return commandHelp(ctx.config, name);
    if (command.kind === 'invalid') return command.message;
    try {
      return sharedMessage(await share(request, command), command.maxViews);
    } catch (error) {
      return refusal(error);
    }
  };
}

/** Why no link was made, in the catalogue's words (which never hold a secret); anything else is a real 500. */
export function refusal(error: unknown): string {
  if (error instanceof ApiError) return `No link was made: ${error.message}`;
  throw error;
}
