import { DOMParser, type Element, type Node, onErrorStopParsing } from '@xmldom/xmldom';

/**
 * SVG logos, parsed and written anew from an allowlist (docs/domains.md, "Logos"). Only drawing elements and
 * presentational attributes survive; nothing that runs script, loads another resource or styles the page
 * around it does: no script, foreignObject, image, a, style, animation or filter elements, no event
 * handlers, no references but `#fragment`s within the logo. A DOCTYPE (so any entity), or a processing
 * instruction, refuses the logo outright rather than being dropped, as no logo a designer exports needs one.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
/** Deeper nesting than any drawing needs; the writer below recurses once per level. */
const MAX_DEPTH = 64;

const ELEMENTS = new Set([
  'svg',
  'g',
  'path',
  'rect',
  'circle',
  'ellipse',
  'line',
  'polyline',
  'polygon',
  'text',
  'tspan',
  'defs',
  'linearGradient',
  'radialGradient',
  'stop',
  'clipPath',
  'mask',
  'use',
  'title',
  'desc',
  'symbol',
]);
/** Elements whose text is kept (elsewhere text is only whitespace between tags). */
const TEXT_ELEMENTS = new Set(['text', 'tspan', 'title', 'desc']);
/** Elements that draw something: a logo with none of them left is refused rather than stored blank. */
const DRAWING = new Set(['path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'text', 'use']);

/** Presentation properties: allowed as attributes and as declarations in a `style` attribute. */
const PRESENTATION = new Set([
  'fill',
  'fill-opacity',
  'fill-rule',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-miterlimit',
  'stroke-dasharray',
  'stroke-dashoffset',
  'opacity',
  'color',
  'display',
  'visibility',
  'clip-path',
  'clip-rule',
  'mask',
  'stop-color',
  'stop-opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'font-variant',
  'font-stretch',
  'text-anchor',
  'text-decoration',
  'dominant-baseline',
  'alignment-baseline',
  'baseline-shift',
  'letter-spacing',
  'word-spacing',
  'writing-mode',
  'direction',
  'unicode-bidi',
  'paint-order',
  'vector-effect',
  'shape-rendering',
  'text-rendering',
  'color-interpolation',
  'transform',
  'transform-origin',
]);
const ATTRIBUTES = new Set([
  ...PRESENTATION,
  'id',
  'class',
  'style',
  'viewBox',
  'preserveAspectRatio',
  'version',
  'width',
  'height',
  'x',
  'y',
  'x1',
  'y1',
  'x2',
  'y2',
  'cx',
  'cy',
  'r',
  'rx',
  'ry',
  'fx',
  'fy',
  'fr',
  'd',
  'points',
  'pathLength',
  'dx',
  'dy',
  'rotate',
  'textLength',
  'lengthAdjust',
  'offset',
  'gradientUnits',
  'gradientTransform',
  'spreadMethod',
  'clipPathUnits',
  'maskUnits',
  'maskContentUnits',
  'href',
]);

/** A same-document reference: `#` and an XML name. */
const FRAGMENT = /^#[A-Za-z_][\w.:-]*$/;
/** `url(#id)`, optionally quoted: the only `url(` a value may hold. */
const LOCAL_URL = /url\(\s*(["']?)#[A-Za-z_][\w.:-]*\1\s*\)/gi;
/** Schemes that run or embed something, looked for with whitespace and control characters removed. */
const SCHEMES = /(?:javascript|vbscript|data|file|https?|ftp):/i;
/** Characters XML 1.0 does not allow (a numeric reference such as `&#0;` can still produce them). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly what is removed
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export type SvgResult = { ok: true; text: string } | { ok: false; message: string };

/** The logo's SVG written anew from what the allowlist keeps, or why it is refused. */
export function sanitiseSvg(source: string): SvgResult {
  const refuse = (message: string): SvgResult => ({ ok: false, message });
  // Checked on the text as well as on the tree: a DOCTYPE is refused before any parser reads its entities.
  if (/<!DOCTYPE|<!ENTITY/i.test(source)) return refuse('SVG logos may not have a DOCTYPE or entities.');
  let root: Element;
  try {
    const doc = new DOMParser({ onError: onErrorStopParsing }).parseFromString(source, 'image/svg+xml');
    for (let node = doc.firstChild; node !== null; node = node.nextSibling) {
      if (node.nodeType === node.DOCUMENT_TYPE_NODE)
        return refuse('SVG logos may not have a DOCTYPE or entities.');
      if (node.nodeType === node.PROCESSING_INSTRUCTION_NODE && node.nodeName !== 'xml') {
        return refuse('SVG logos may not have processing instructions.');
      }
    }
    if (doc.documentElement === null) return refuse('The logo is not an SVG: it has no root element.');
    root = doc.documentElement;
  } catch {
    return refuse('The logo is not an SVG: it is not well-formed XML.');
  }
  if (root.localName !== 'svg' || (root.namespaceURI !== SVG_NS && root.namespaceURI !== null)) {
    return refuse('The logo is not an SVG: its root element is not <svg>.');
  }
  const writer = new Writer(root.namespaceURI);
  const written = writer.element(root, 0);
  if (typeof written !== 'string') return refuse(written.message);
  if (!writer.draws)
    return refuse('The SVG has nothing left to draw once scripts, links and styles are removed.');
  return { ok: true, text: written };
}

/** Writes the kept tree; remembers whether anything drawable survived and whether xlink is needed. */
class Writer {
  draws = false;
  xlink = false;

  constructor(readonly namespace: string | null) {}

  element(element: Element, depth: number): string | { message: string } {
    if (depth > MAX_DEPTH) return { message: `The SVG nests elements deeper than ${MAX_DEPTH} levels.` };
    const name = element.localName as string;
    if (DRAWING.has(name)) this.draws = true;
    let attributes = this.attributes(element);
    let inner = '';
    for (let child: Node | null = element.firstChild; child !== null; child = child.nextSibling) {
      if (child.nodeType === child.PROCESSING_INSTRUCTION_NODE) {
        return { message: 'SVG logos may not have processing instructions.' };
      }
      if (child.nodeType === child.TEXT_NODE || child.nodeType === child.CDATA_SECTION_NODE) {
        if (TEXT_ELEMENTS.has(name)) inner += escapeText(child.nodeValue ?? '');
        continue;
      }
      if (child.nodeType !== child.ELEMENT_NODE) continue;
      const kid = child as Element;
      if (kid.namespaceURI !== this.namespace || !ELEMENTS.has(kid.localName as string)) continue;
      const written = this.element(kid, depth + 1);
      if (typeof written !== 'string') return written;
      inner += written;
    }
    // The root declares the namespaces itself, whatever the source declared (or left out).
    if (depth === 0)
      attributes = ` xmlns="${SVG_NS}"${this.xlink ? ` xmlns:xlink="${XLINK_NS}"` : ''}${attributes}`;
    const open = `<${name}${attributes}`;
    return inner === '' ? `${open}/>` : `${open}>${inner}</${name}>`;
  }

  attributes(element: Element): string {
    let kept = '';
    for (let i = 0; i < element.attributes.length; i++) {
      const attribute = element.attributes.item(i);
      if (attribute === null) continue;
      const { namespaceURI: ns, localName, value } = attribute;
      let name: string;
      if (ns === null && localName !== null && ATTRIBUTES.has(localName)) name = localName;
      else if (ns === XLINK_NS && localName === 'href') name = 'xlink:href';
      else if (ns === XML_NS && localName === 'space') name = 'xml:space';
      else continue;
      const safe = name === 'style' ? safeStyle(value) : safeValue(name, value);
      if (safe === null) continue;
      if (name === 'xlink:href') this.xlink = true;
      kept += ` ${name}="${escapeAttribute(safe)}"`;
    }
    return kept;
  }
}

/** The value as kept, or null to drop the attribute. */
function safeValue(name: string, value: string): string | null {
  if (name === 'href' || name === 'xlink:href') return FRAGMENT.test(value.trim()) ? value.trim() : null;
  if (name === 'xml:space') return value === 'preserve' || value === 'default' ? value : null;
  const withoutLocal = value.replace(LOCAL_URL, '');
  if (/url\s*\(/i.test(withoutLocal) || /[\\<>]/.test(withoutLocal)) return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a scheme split by control characters still counts
  if (SCHEMES.test(withoutLocal.replace(/[\s\u0000-\u001f]/g, ''))) return null;
  if (/expression\s*\(|@import/i.test(withoutLocal)) return null;
  return value;
}

/** A `style` attribute reduced to its presentation declarations with safe values, or null when none is left. */
function safeStyle(style: string): string | null {
  // Comments and escapes are where CSS hides `url(`; a style that has them is dropped whole.
  if (/\/\*|\\/.test(style)) return null;
  const kept: string[] = [];
  for (const declaration of style.split(';')) {
    const colon = declaration.indexOf(':');
    if (colon === -1) continue;
    const property = declaration.slice(0, colon).trim().toLowerCase();
    const value = declaration.slice(colon + 1).trim();
    if (!PRESENTATION.has(property) || value === '') continue;
    const safe = safeValue(property, value);
    if (safe !== null) kept.push(`${property}:${safe}`);
  }
  return kept.length === 0 ? null : kept.join(';');
}

const escapeText = (text: string) =>
  text.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const escapeAttribute = (text: string) =>
  escapeText(text)
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
