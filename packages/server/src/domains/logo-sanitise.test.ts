import { describe, expect, test } from 'vitest';
import { sanitiseLogo } from './logo-sanitise.js';

const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>';

describe('logo uploads: the base64 around the image', () => {
  test('standard and url-safe base64, padded or not, decode to the same logo', async () => {
    const bytes = Buffer.from(SVG);
    const forms = [
      bytes.toString('base64'),
      bytes.toString('base64url'),
      bytes.toString('base64').replace(/=+$/, ''),
    ];
    for (const data of forms) {
      const result = await sanitiseLogo({ type: 'image/svg+xml', data });
      expect(result.ok && new TextDecoder().decode(result.bytes)).toBe(SVG);
    }
  });

  test('base64 garbage, whitespace, stray padding and empty data are refused', async () => {
    for (const data of ['%%%', 'PHN2 Zy8+', 'PHN2\nZy8+', 'PHN2Zy8+===', 'PHN2Z', '==', '<svg/>']) {
      const result = await sanitiseLogo({ type: 'image/svg+xml', data });
      expect(result.ok, data).toBe(false);
      expect(!result.ok && result.message, data).toMatch(/^data is (not base64|empty)\.$/);
    }
  });
});
