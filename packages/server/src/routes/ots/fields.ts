import type { ServerConfig } from '../../config.js';
import { OtsError } from './errors.js';

/** A form-encoded or JSON body (or none), as plain fields. */
export type Fields = Record<string, unknown>;

export function fieldsOf(body: unknown): Fields {
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Fields) : {};
}

/** A text field; an empty one counts as absent (HTML forms send every field). */
export function text(fields: Fields, name: string): string | undefined {
  const value = fields[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new OtsError(400, `${name} must be a string.`);
  return value;
}

/**
 * OTS's `ttl`: seconds, as a number or a decimal string. Like OTS, a lifetime beyond what the server allows is
 * cut to its longest (and one below its shortest raised to it); absent means the server's default.
 */
export function ttlSeconds(fields: Fields, config: ServerConfig): number | undefined {
  const value = fields.ttl;
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : Number.NaN;
  if (!Number.isFinite(n) || n <= 0) throw new OtsError(400, 'ttl must be a positive number of seconds.');
  return Math.min(config.ttl.maxSeconds, Math.max(config.ttl.minSeconds, Math.floor(n)));
}

/** OTS's `recipient`: one address or several (`recipient[]`, a JSON array). */
export function recipients(fields: Fields): string[] {
  const value = fields.recipient ?? fields['recipient[]'];
  if (value === undefined || value === null || value === '') return [];
  const list = Array.isArray(value) ? value : [value];
  return list.filter((item): item is string => typeof item === 'string' && item !== '');
}
