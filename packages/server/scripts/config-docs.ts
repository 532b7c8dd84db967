/**
 * Renders the configuration table of docs/operations.md and the whole `.env.example` from the one list of
 * variables, `src/config-variables.ts`. `test/api/operations-doc.test.ts` fails when the committed files differ
 * from what this renders; regenerate them with
 *
 *   npm run docs:config
 *
 * (that runs the test with BURNLINK_WRITE_CONFIG_DOCS=1, which writes both files; Vitest runs TypeScript
 * directly, so no build or extra tool is needed).
 */
import { CONFIG_GROUPS, CONFIG_VARIABLES, type ConfigVariable } from '../src/config-variables.js';

const SOURCE = 'packages/server/src/config-variables.ts';
export const TABLE_START = `<!-- config table: generated from ${SOURCE} by \`npm run docs:config\` -->`;
export const TABLE_END = '<!-- end of config table -->';

/** The markdown table of every variable, its default and meaning, padded as Biome formats it. */
export function renderConfigTable(variables: readonly ConfigVariable[] = CONFIG_VARIABLES): string {
  const rows = variables.map((v) => [`\`${v.name}\``, defaultCell(v), oneLine(v.doc)]);
  const header = ['variable', 'default', 'meaning'];
  const widths = header.map((title, i) => Math.max(width(title), ...rows.map((row) => width(row[i] ?? ''))));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => pad(cell, widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** `docs/operations.md` with the text between the table markers replaced by `table`. */
export function withConfigTable(document: string, table: string): string {
  const start = document.indexOf(TABLE_START);
  const end = document.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`the markers ${TABLE_START} … ${TABLE_END} are missing`);
  return `${document.slice(0, start + TABLE_START.length)}\n\n${table}\n\n${document.slice(end)}`;
}

/** The whole `.env.example`: every variable at its default, in groups, each group under its comment. */
export function renderEnvExample(variables: readonly ConfigVariable[] = CONFIG_VARIABLES): string {
  const lines = [
    '# burnlink server configuration — every variable is optional; the values shown are the defaults.',
    '# Read once at start and validated; see docs/operations.md for what each means.',
    '# Durations: 90 (seconds), 90s, 5m, 1h, 1h30m, 7d, 1w. Sizes: 262144, 256KiB, 1MiB. Switches: on/off.',
    `# Generated from ${SOURCE} by \`npm run docs:config\`: change it there.`,
  ];
  const done = new Set<string>();
  let group: string | undefined;
  for (const v of variables) {
    if (v.group !== group) {
      if (done.has(v.group))
        throw new Error(`${v.name}: the variables of group ${v.group} must stand together`);
      done.add(v.group);
      group = v.group;
      lines.push('', ...comment(CONFIG_GROUPS[v.group]));
    }
    lines.push(v.default === null ? `# ${v.name}=${v.example}` : `${v.name}=${v.default}`);
  }
  return `${lines.join('\n')}\n`;
}

function defaultCell(v: ConfigVariable): string {
  return v.defaultDoc ?? `\`${v.default}\``;
}

function oneLine(markdown: string): string {
  const text = markdown.replace(/\s+/g, ' ').trim();
  if (text.includes('|')) throw new Error(`"${text}" has a | that would split the table row`);
  return text;
}

/** Characters as Biome counts them for table padding (code points). */
const width = (text: string) => [...text].length;
const pad = (text: string, to: number) => text + ' '.repeat(to - width(text));

/** `# `-comment lines of at most 110 characters. */
function comment(text: string): string[] {
  const lines: string[] = [];
  let line = '#';
  for (const word of text.split(' ')) {
    if (line.length > 1 && line.length + 1 + word.length > 110) {
      lines.push(line);
      line = '#';
    }
    line += ` ${word}`;
  }
  return [...lines, line];
}
