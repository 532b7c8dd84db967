import { DurationError, formatDuration, parseDurationSeconds } from '@burnlink/core';
import type { ServerConfig } from '../../config.js';

/** What `/burnlink …` asks for: help, a secret to share, or a mistake to explain. */
export type Command =
  | { kind: 'help' }
  | { kind: 'share'; text: string; ttlSeconds: number | undefined; maxViews: number | undefined }
  | { kind: 'invalid'; message: string };

const OPTION = /\s+(for|views)\s+(\S+)\s*$/i;

/**
 * Parses the text of `/burnlink <text> [for 1h] [views 2]`: options are read from the end (each at most once);
 * text that itself ends in "for …" or "views …" goes in double quotes, which are removed. No message ever
 * quotes the text or an option's value: they may hold the secret.
 *
 * @example parseCommand('hunter2 for 1h views 2', config) // { kind: 'share', text: 'hunter2', ttlSeconds: 3600, maxViews: 2 }
 */
export function parseCommand(input: string, config: ServerConfig): Command {
  let rest = ` ${input.trim()}`;
  if (rest.trim() === '' || rest.trim().toLowerCase() === 'help') return { kind: 'help' };
  let ttlSeconds: number | undefined;
  let maxViews: number | undefined;
  for (let m = OPTION.exec(rest); m !== null && !rest.endsWith('"'); m = OPTION.exec(rest)) {
    const name = (m[1] as string).toLowerCase();
    const value = m[2] as string;
    if (name === 'for') {
      if (ttlSeconds !== undefined) return invalid('Give "for" once.');
      ttlSeconds = lifetime(value, config);
      if (ttlSeconds === undefined) return invalid(lifetimeHelp(config));
    } else {
      if (maxViews !== undefined) return invalid('Give "views" once.');
      maxViews = /^\d{1,6}$/.test(value) ? Number(value) : 0;
      if (maxViews < 1 || maxViews > config.maxViews) return invalid(viewsHelp(config));
    }
    rest = rest.slice(0, m.index);
  }
  let text = rest.trim();
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) text = text.slice(1, -1);
  if (text.trim() === '') return invalid('There is no text to share.');
  return { kind: 'share', text, ttlSeconds, maxViews };
}

function lifetime(value: string, config: ServerConfig): number | undefined {
  try {
    const seconds = parseDurationSeconds(value, { bareNumber: 'refused' });
    return seconds >= config.ttl.minSeconds && seconds <= config.ttl.maxSeconds ? seconds : undefined;
  } catch (error) {
    if (error instanceof DurationError) return undefined;
    throw error;
  }
}

const seconds = (s: number) => formatDuration(s * 1000);

export const lifetimeHelp = (config: ServerConfig) =>
  `The lifetime after "for" must be a duration from ${seconds(config.ttl.minSeconds)} to ` +
  `${seconds(config.ttl.maxSeconds)}, such as 30m, 1h or 7d.`;

export const viewsHelp = (config: ServerConfig) =>
  `The number after "views" must be a whole number from 1 to ${config.maxViews}.`;

function invalid(problem: string): Command {
  return {
    kind: 'invalid',
    message: `${problem} Text that itself ends in "for …" or "views …" goes in double quotes. Try \`/burnlink help\`.`,
  };
}

/** The answer to `/burnlink help` (and to an empty command): what it does and what it accepts. */
export function commandHelp(config: ServerConfig, command = '/burnlink'): string {
  return [
    `*${command} <text> [for <lifetime>] [views <n>]* — turns the text into a one-time link that only you see.`,
    `• \`for\`: how long the link works, ${seconds(config.ttl.minSeconds)} to ${seconds(config.ttl.maxSeconds)} ` +
      `(default ${seconds(config.ttl.defaultSeconds)}), e.g. \`for 30m\`, \`for 7d\`.`,
    `• \`views\`: how many times it can be opened, 1 to ${config.maxViews} (default 1).`,
    `• Example: \`${command} hunter2 for 1h views 2\`. Text ending in "for …" goes in double quotes.`,
    'The text is encrypted on the burnlink server, which keeps no key; send the link to its recipient yourself.',
  ].join('\n');
}
