import { type ComponentType, render } from 'preact';
import { localisePage, type MessageKey } from '../i18n.js';
import '../styles.css';

/** Renders a page's root component into #app, with the page's language and title. */
export function mount(Page: ComponentType, title: MessageKey): void {
  localisePage(title);
  render(<Page />, document.getElementById('app')!);
}
