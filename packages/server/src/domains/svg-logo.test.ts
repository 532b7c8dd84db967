import { DOMParser, type Element } from '@xmldom/xmldom';
import { describe, expect, test } from 'vitest';
import { sanitiseLogo } from './logo-sanitise.js';

const NS = 'xmlns="http://www.w3.org/2000/svg"';
const XLINK = 'xmlns:xlink="http://www.w3.org/1999/xlink"';

const svg = (text: string, encoding: 'base64' | 'base64url' = 'base64') => ({
  type: 'image/svg+xml' as const,
  data: Buffer.from(text).toString(encoding),
});

/** The sanitised SVG as text (the test fails if it was refused). */
async function kept(text: string): Promise<string> {
  const result = await sanitiseLogo(svg(text));
  if (!result.ok) throw new Error(`refused: ${result.message}`);
  expect(result.type).toBe('image/svg+xml');
  return new TextDecoder().decode(result.bytes);
}

async function refusal(text: string): Promise<string> {
  const result = await sanitiseLogo(svg(text));
  if (result.ok) throw new Error(`expected a refusal, kept: ${new TextDecoder().decode(result.bytes)}`);
  return result.message;
}

/** Parses the output again: it must be well-formed SVG. */
function parsed(text: string): Element {
  const doc = new DOMParser({
    onError: (level, message) => {
      throw new Error(`${level}: ${message}`);
    },
  }).parseFromString(text, 'image/svg+xml');
  const root = doc.documentElement;
  if (root === null) throw new Error('no root');
  expect(root.namespaceURI).toBe('http://www.w3.org/2000/svg');
  return root;
}

const LOGO = `<?xml version="1.0" encoding="UTF-8"?>
<!-- Acme logo, exported -->
<svg ${NS} ${XLINK} viewBox="0 0 120 40" width="120" height="40">
  <title>Acme</title>
  <defs>
    <linearGradient id="g" x1="0" y1="0" x2="1" y2="0" gradientUnits="objectBoundingBox">
      <stop offset="0" stop-color="#ff6600"/>
      <stop offset="1" stop-color="#cc0000" stop-opacity="0.8"/>
    </linearGradient>
    <clipPath id="c"><rect width="120" height="40" rx="6"/></clipPath>
    <symbol id="dot" viewBox="0 0 10 10"><circle cx="5" cy="5" r="5"/></symbol>
  </defs>
  <g clip-path="url(#c)" transform="translate(2 2)">
    <path id="mark" d="M10 30 L20 10 L30 30 Z" fill="url(#g)" stroke="#000" stroke-width="1.5"/>
    <use href="#dot" x="40" y="10" width="10" height="10"/>
    <use xlink:href="#mark" x="60"/>
    <text x="80" y="28" font-family="'Open Sans', sans-serif" font-size="14" style="fill:#333;font-weight:700">Acme &amp; Co</text>
  </g>
</svg>`;

describe('SVG logos (docs/domains.md, "Logos")', () => {
  test('a normal logo stays renderable: its paths, gradient, clip, symbols and text survive', async () => {
    const out = await kept(LOGO);
    const root = parsed(out);
    expect(root.getAttribute('viewBox')).toBe('0 0 120 40');
    const path = root.getElementsByTagName('path').item(0);
    expect(path?.getAttribute('d')).toBe('M10 30 L20 10 L30 30 Z');
    expect(path?.getAttribute('fill')).toBe('url(#g)');
    expect(root.getElementsByTagName('stop').length).toBe(2);
    expect(root.getElementsByTagName('g').item(0)?.getAttribute('clip-path')).toBe('url(#c)');
    const uses = root.getElementsByTagName('use');
    expect(uses.item(0)?.getAttribute('href')).toBe('#dot');
    expect(uses.item(1)?.getAttributeNS('http://www.w3.org/1999/xlink', 'href')).toBe('#mark');
    const text = root.getElementsByTagName('text').item(0);
    expect(text?.textContent).toBe('Acme & Co');
    expect(text?.getAttribute('style')).toBe('fill:#333;font-weight:700');
    expect(text?.getAttribute('font-family')).toBe("'Open Sans', sans-serif");
    expect(root.getElementsByTagName('title').item(0)?.textContent).toBe('Acme');
    // Comments and the XML declaration are not carried over.
    expect(out.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(out).not.toContain('<!--');
  });

  test('script elements are removed with their content', async () => {
    const out = await kept(
      `<svg ${NS}><script>alert(document.cookie)</script><script type="text/ecmascript"><![CDATA[fetch('//x')]]></script><rect width="10" height="10"/></svg>`,
    );
    expect(out).not.toMatch(/script|alert|fetch/i);
    expect(out).toContain('<rect width="10" height="10"/>');
  });

  test('event handlers are removed, whatever their case', async () => {
    const out = await kept(
      `<svg ${NS} onload="alert(1)"><rect width="1" height="1" onclick="alert(2)" onMouseOver="alert(3)" ONFOCUS="x"/></svg>`,
    );
    expect(out).not.toMatch(/on\w+=|alert/i);
    expect(parsed(out).getElementsByTagName('rect').length).toBe(1);
  });

  test('javascript:, data: and external references are removed; #fragments stay', async () => {
    const out = await kept(`<svg ${NS} ${XLINK}>
      <a href="javascript:alert(1)"><rect width="5" height="5"/></a>
      <use href="javascript:alert(1)"/>
      <use xlink:href="  java&#x0A;script:alert(1)"/>
      <use href="https://evil.example/sprite.svg#icon"/>
      <use xlink:href="//evil.example/x.svg#a"/>
      <use href="data:image/svg+xml;base64,PHN2Zy8+#a"/>
      <image href="https://evil.example/track.png" width="1" height="1"/>
      <use href="#ok"/>
      <path id="ok" d="M0 0h1"/>
    </svg>`);
    expect(out).not.toMatch(/javascript|evil|data:|<a[ >]|<image/i);
    const uses = parsed(out).getElementsByTagName('use');
    expect(uses.length).toBe(6);
    expect(Array.from(uses).filter((u) => u.hasAttribute('href') || u.attributes.length > 0)).toHaveLength(1);
    expect(out).toContain('<use href="#ok"/>');
  });

  test('foreignObject, animation and other non-drawing elements are removed with their content', async () => {
    const out = await kept(`<svg ${NS}>
      <foreignObject width="100" height="100"><body xmlns="http://www.w3.org/1999/xhtml"><iframe src="https://evil.example"/><p>phish</p></body></foreignObject>
      <rect width="10" height="10"><set attributeName="fill" to="red"/></rect>
      <a><animate attributeName="href" values="javascript:alert(1)"/><text>click</text></a>
      <filter id="f"><feImage href="https://evil.example/x.png"/></filter>
      <html:script xmlns:html="http://www.w3.org/1999/xhtml">alert(1)</html:script>
      <circle r="4"/>
    </svg>`);
    expect(out).not.toMatch(
      /foreignObject|iframe|phish|evil|<set|animate|javascript|click|filter|feImage|script/i,
    );
    expect(out).toContain('<circle r="4"/>');
  });

  test('a DOCTYPE with entities (billion laughs) is refused before any expansion', async () => {
    const laughs = `<?xml version="1.0"?>
<!DOCTYPE svg [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<svg ${NS}><text>&lol9;</text></svg>`;
    expect(await refusal(laughs)).toBe('SVG logos may not have a DOCTYPE or entities.');
    const external = `<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg ${NS}><rect/></svg>`;
    expect(await refusal(external)).toMatch(/DOCTYPE/);
    expect(await refusal(`<!doctype svg><svg ${NS}/>`)).toMatch(/DOCTYPE/);
    // An entity the document never declared is not well-formed XML.
    expect(await refusal(`<svg ${NS}><text>&xxe;</text></svg>`)).toMatch(/not well-formed/);
  });

  test('processing instructions are refused', async () => {
    expect(
      await refusal(`<?xml-stylesheet href="https://evil.example/a.css"?><svg ${NS}><rect/></svg>`),
    ).toMatch(/processing instructions/);
    expect(await refusal(`<svg ${NS}><g><?php echo 1 ?><rect/></g></svg>`)).toMatch(
      /processing instructions/,
    );
  });

  test('CSS exfiltration is closed: no style elements, no url() but #fragments, no escapes', async () => {
    const out = await kept(`<svg ${NS}>
      <style>@import url(https://evil.example/a.css); rect { fill: url(https://evil.example/?leak) }</style>
      <rect width="1" height="1" fill="url(https://evil.example/p#g)"/>
      <rect width="2" height="2" style="fill:red;background:url(https://evil.example/b);stroke:url( 'https://evil.example/c' )"/>
      <rect width="3" height="3" style="fill:\\75rl(https://evil.example/d)"/>
      <rect width="4" height="4" style="fill:/**/url(https://evil.example/e)"/>
      <rect width="5" height="5" mask="url(data:image/svg+xml,x)" clip-path="url(&quot;#c&quot;)"/>
      <rect width="6" height="6" fill="expression(alert(1))"/>
      <rect width="7" height="7" style="behavior:url(x.htc);-moz-binding:url(x.xml#b)"/>
    </svg>`);
    expect(out).not.toMatch(/evil|<style|@import|background|\\|expression|behavior|binding|data:/i);
    const rects = parsed(out).getElementsByTagName('rect');
    expect(rects.length).toBe(7);
    expect(rects.item(1)?.getAttribute('style')).toBe('fill:red');
    expect(rects.item(4)?.getAttribute('clip-path')).toBe('url("#c")');
    expect(rects.item(4)?.hasAttribute('mask')).toBe(false);
  });

  test('what is not an SVG is refused', async () => {
    expect(await refusal('just some text')).toMatch(/not an SVG/);
    expect(await refusal('<html><body><svg/></body></html>')).toMatch(/root element is not <svg>/);
    expect(await refusal('<svg xmlns="http://example.org/not-svg"><rect/></svg>')).toMatch(/root element/);
    expect(await refusal(`<svg ${NS}><g></svg>`)).toMatch(/not well-formed/);
    const binary = {
      type: 'image/svg+xml' as const,
      data: Buffer.from([0xff, 0xfe, 0x00, 0x80, 0xc3]).toString('base64'),
    };
    const result = await sanitiseLogo(binary);
    expect(result.ok === false && result.message).toMatch(/not UTF-8/);
  });

  test('an SVG with nothing left to draw, or nested absurdly deep, is refused', async () => {
    expect(await refusal(`<svg ${NS}><script>alert(1)</script></svg>`)).toMatch(/nothing left to draw/);
    expect(
      await refusal(
        `<svg ${NS}><foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject></svg>`,
      ),
    ).toMatch(/nothing left to draw/);
    const deep = `<svg ${NS}>${'<g>'.repeat(200)}<rect/>${'</g>'.repeat(200)}</svg>`;
    expect(await refusal(deep)).toMatch(/deeper than 64/);
  });

  test('values are escaped on the way out; characters XML forbids are dropped', async () => {
    const out = await kept(`<svg ${NS}><text font-family='"Open Sans"' x="1">a &lt;b&gt; &#0;c</text></svg>`);
    expect(out).toBe(`<svg ${NS}><text font-family="&quot;Open Sans&quot;" x="1">a &lt;b&gt; c</text></svg>`);
    expect(parsed(out).getElementsByTagName('text').item(0)?.textContent).toBe('a <b> c');
  });

  test('an SVG without the namespace declaration gets it; url-safe base64 is accepted', async () => {
    const out = await kept('<svg viewBox="0 0 1 1"><rect width="1" height="1"/></svg>');
    expect(out).toBe(`<svg ${NS} viewBox="0 0 1 1"><rect width="1" height="1"/></svg>`);
    const text = `<svg ${NS}><text>????>>>~~~</text></svg>`;
    const urlSafe = svg(text, 'base64url');
    expect(urlSafe.data).toMatch(/[-_]/);
    const result = await sanitiseLogo(urlSafe);
    expect(result.ok && new TextDecoder().decode(result.bytes)).toBe(
      `<svg ${NS}><text>????&gt;&gt;&gt;~~~</text></svg>`,
    );
  });

  test('an SVG over 64 KiB once sanitised is refused; one that shrinks under it is kept', async () => {
    const path = '<path d="M0 0 L100 100 L0 100 Z" fill="#123456"/>';
    const big = `<svg ${NS}>${path.repeat(1400)}</svg>`;
    expect(big.length).toBeGreaterThan(65_536);
    expect(await refusal(big)).toMatch(/KiB once sanitised; at most 64 KiB/);
    const padded = `<svg ${NS}><metadata>${'x'.repeat(70_000)}</metadata>${path}</svg>`;
    const out = await kept(padded);
    expect(out).toBe(`<svg ${NS}>${path}</svg>`);
  });
});
