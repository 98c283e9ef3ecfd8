import { OpenMessage, WebmailSite } from '@keepcard/shared';
import { type Browser, browser } from 'wxt/browser';
import { z } from 'zod';
import { SyncMessage, type SyncReplies } from './sync/sync-messages';

/**
 * Every message between the extension's parts, as one discriminated union (STYLE 7). Content
 * scripts read untrusted pages, so what they send is parsed with the shared schemas on arrival.
 */

/** What a webmail tab shows now: a message, or none (a list, a compose window, a settings page). */
export const WebmailReport = z.object({
  site: WebmailSite,
  /** Set when a message is open. */
  message: OpenMessage.nullable(),
  /** When the content script read the page (epoch ms, the page's clock). */
  readAt: z.number(),
});
export type WebmailReport = z.infer<typeof WebmailReport>;

export const ExtensionMessage = z.discriminatedUnion('type', [
  /** Webmail content script → extension pages: the open message changed (sent on every change, debounced). */
  z.object({ type: z.literal('webmail:changed'), report: WebmailReport }),
  /** Extension page → webmail content script: what is open now? Answered with a `WebmailReport`. */
  z.object({ type: z.literal('webmail:get') }),
  // Sync: settings page and other extension pages → background (src/sync/sync-messages.ts).
  ...SyncMessage,
]);
export type ExtensionMessage = z.infer<typeof ExtensionMessage>;

/** The answer each message expects. */
export interface ReplyTo extends SyncReplies {
  'webmail:changed': undefined;
  'webmail:get': WebmailReport;
}

type MessageOf<T extends ExtensionMessage['type']> = Extract<ExtensionMessage, { type: T }>;

/** The message if it is one of ours and well-formed, else null (never throws). */
export function parseExtensionMessage(value: unknown): ExtensionMessage | null {
  const parsed = ExtensionMessage.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/**
 * Sends to the extension's pages (side panel, background). Resolves undefined when none listens
 * (the side panel is closed): that is normal, not an error.
 */
export async function sendToExtension<T extends ExtensionMessage['type']>(
  message: MessageOf<T>,
): Promise<ReplyTo[T] | undefined> {
  try {
    return (await browser.runtime.sendMessage(message)) as ReplyTo[T];
  } catch {
    return undefined;
  }
}

/** Sends to a tab's content script; undefined when the tab has none (not a webmail tab) or it did not answer. */
export async function sendToTab<T extends ExtensionMessage['type']>(
  tabId: number,
  message: MessageOf<T>,
): Promise<ReplyTo[T] | undefined> {
  try {
    return (await browser.tabs.sendMessage(tabId, message)) as ReplyTo[T];
  } catch {
    return undefined;
  }
}

/** The report in an answer, if it is a well-formed one. */
export function parseWebmailReport(value: unknown): WebmailReport | null {
  const parsed = WebmailReport.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export type MessageSender = Browser.runtime.MessageSender;
