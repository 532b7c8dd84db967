import { useLazy } from '../hooks.js';

const loadQrCode = () => import('./qr-code.js');

/**
 * The QR code of `text`, its encoder (`uqr`, about 5 KB gzipped) loaded only when the share page shows it, so it
 * stays out of the first load. Vite splits it into its own same-origin chunk, which the CSP's `script-src 'self'`
 * allows. Until the chunk arrives (or if it cannot load) an empty box of the same size holds the place; the link
 * and its copy button above do not depend on it (offline after the first load, that is what matters).
 */
export function LazyQrCode({ text, label }: { text: string; label: string }) {
  const chunk = useLazy(loadQrCode);
  return chunk ? <chunk.QrCode text={text} label={label} /> : <div class="qr" />;
}
