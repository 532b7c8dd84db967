// Renders the Slack modal of "Send as a one-time link" for docs/slack.md (docs/images/slack-modal.png). Slack
// itself cannot be reached here, so this draws the modal's actual view definition — `shareModal` of the built
// server (packages/server/src/routes/chat/slack-modal.ts), with the default configuration — as Slack lays out
// those blocks, in Debian's Chromium. Usage: node scripts/docs-slack-modal.js (builds the server if stale).
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = spawnSync(process.execPath, [join(root, 'scripts/build-if-stale.js')], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);
const { shareModal } = await import(join(root, 'packages/server/dist/routes/chat/slack-modal.js'));
const { loadConfig } = await import(join(root, 'packages/server/dist/config.js'));

const MESSAGE = 'Staging database: postgres://deploy:Tr0ub4dor&3@db.staging.internal:5432/app';
const view = shareModal(loadConfig({ BURNLINK_STORE: 'memory:' }), MESSAGE, 'C0123456789');

const escapeHtml = (text) =>
  String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** One Block Kit element as Slack draws it in a modal. */
function element(el) {
  switch (el.type) {
    case 'plain_text_input':
      return el.multiline
        ? `<textarea rows="4">${escapeHtml(el.initial_value ?? '')}</textarea>`
        : `<input value="${escapeHtml(el.initial_value ?? '')}">`;
    case 'number_input':
      return `<input class="number" value="${escapeHtml(el.initial_value ?? '')}">`;
    case 'static_select':
      return `<div class="select">${escapeHtml(el.initial_option?.text.text ?? 'Select an item')}<span>⌄</span></div>`;
    default:
      throw new Error(`no rendering for element ${el.type}`);
  }
}

function block(b) {
  if (b.type === 'input') {
    const optional = b.optional ? ' <span class="optional">(optional)</span>' : '';
    const hint = b.hint ? `<div class="hint">${escapeHtml(b.hint.text)}</div>` : '';
    return `<div class="input"><label>${escapeHtml(b.label.text)}${optional}</label>${element(b.element)}${hint}</div>`;
  }
  if (b.type === 'context') {
    return `<div class="context">${b.elements.map((e) => escapeHtml(e.text)).join(' ')}</div>`;
  }
  throw new Error(`no rendering for block ${b.type}`);
}

const html = `<!doctype html><html><head><meta charset="utf-8"><style>
  body { margin: 0; background: #4a4a4a; font: 15px/1.4 -apple-system, "Segoe UI", Lato, "DejaVu Sans", sans-serif; }
  .modal { width: 520px; margin: 24px auto; background: #fff; border-radius: 8px; box-shadow: 0 18px 48px rgba(0,0,0,.35); color: #1d1c1d; }
  header { display: flex; align-items: center; padding: 20px 28px; border-bottom: 1px solid #ddd; font-size: 22px; font-weight: 900; }
  header .icon { width: 28px; height: 28px; border-radius: 6px; background: #e0452c; margin-right: 12px; }
  header .x { margin-left: auto; color: #616061; font-weight: 400; }
  main { padding: 16px 28px 8px; }
  .input { margin-bottom: 18px; }
  label { display: block; font-weight: 700; margin-bottom: 8px; }
  .optional { font-weight: 400; color: #616061; }
  textarea, input, .select { box-sizing: border-box; width: 100%; border: 1px solid #868686; border-radius: 4px; padding: 10px 12px; font: inherit; color: #1d1c1d; }
  textarea { resize: none; }
  input.number { width: 120px; }
  .select { display: flex; } .select span { margin-left: auto; color: #616061; }
  .hint { color: #616061; font-size: 13px; margin-top: 6px; }
  .context { color: #616061; font-size: 13px; margin: 4px 0 8px; }
  footer { display: flex; justify-content: flex-end; gap: 12px; padding: 18px 28px; border-top: 1px solid #ddd; }
  button { font: inherit; font-weight: 700; padding: 8px 16px; border-radius: 4px; border: 1px solid #bbb; background: #fff; }
  button.submit { background: #007a5a; border-color: #007a5a; color: #fff; }
</style></head><body><div class="modal">
  <header><div class="icon"></div>${escapeHtml(view.title.text)}<span class="x">✕</span></header>
  <main>${view.blocks.map(block).join('')}</main>
  <footer><button>${escapeHtml(view.close.text)}</button><button class="submit">${escapeHtml(view.submit.text)}</button></footer>
</div></body></html>`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const page = await browser.newPage({ viewport: { width: 600, height: 720 }, deviceScaleFactor: 1 });
  // Nothing is fetched: the page is this string, with no external resource.
  await page.route('**/*', (route) => route.abort());
  await page.setContent(html);
  const out = join(root, 'docs/images/slack-modal.png');
  mkdirSync(dirname(out), { recursive: true });
  await page.locator('.modal').screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
}
