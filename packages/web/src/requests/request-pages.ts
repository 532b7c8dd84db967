import type { ComponentType } from 'preact';
import type { RequestPage } from '../route.js';
import { CreateRequestPage } from './create-request-page.js';
import { InboxPage } from './inbox-page.js';
import { RequestReceiptPage } from './request-receipt-page.js';
import { RespondPage } from './respond-page.js';

/**
 * The request-a-secret pages by route (docs/web.md "Requests"). They ride in the account pages' lazy chunk
 * (`account/account-pages.ts`), never in the first load; the HPKE code they need comes with the SDK's request
 * methods, which load it on first use.
 */
export const REQUEST_PAGES: Record<RequestPage, ComponentType<{ param?: string }>> = {
  request: CreateRequestPage,
  respond: RespondPage,
  inbox: InboxPage,
  'request-receipt': RequestReceiptPage,
};
