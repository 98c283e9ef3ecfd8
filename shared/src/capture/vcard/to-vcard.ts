import ICAL from 'ical.js';
import type { CapturedContact } from '../captured-contact';

type Params = Record<string, string | string[]>;

const PHONE_TYPES: Record<CapturedContact['phones'][number]['label'], string[]> = {
  work: ['work', 'voice'],
  home: ['home', 'voice'],
  mobile: ['cell'],
  fax: ['fax'],
  other: ['voice'],
};

/**
 * What a card's FN shows (FN is required): the name, else the organisation, the email or the
 * number, as address books do; `parseVCards` knows an FN that repeats an email or number is no name.
 */
function formattedName(c: CapturedContact): string {
  return c.name ?? c.organization ?? c.emails[0]?.address ?? c.phones[0]?.number ?? '';
}

/**
 * Writes contacts as one vCard 4.0 file (RFC 6350) through ical.js, which escapes and folds the
 * text: FN, N, KIND, ORG, TITLE, EMAIL and TEL with their types, ADR, URL, PHOTO (url or
 * embedded image as a data: uri) and NOTE. E.164 numbers are written as `tel:` uris, others as text.
 * @example toVCard([{ kind: 'person', name: '王小明', emails: [], phones: [], urls: [], vcardUrls: [], source: {}, fieldSources: {}, alternates: {} }])
 * // 'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:王小明\r\nN:王;小明;;;\r\nEND:VCARD\r\n'
 */
export function toVCard(contacts: readonly CapturedContact[]): string {
  return contacts
    .map((c) => {
      const card = new ICAL.Component('vcard');
      const add = (name: string, params: Params, type: string, value: string | string[]) =>
        card.addProperty(new ICAL.Property([name, params, type, value]));
      add('version', {}, 'text', '4.0');
      if (c.kind === 'organization') add('kind', {}, 'text', 'org');
      add('fn', {}, 'text', formattedName(c));
      if (c.kind === 'person' && (c.familyName || c.givenName)) {
        add('n', {}, 'text', [c.familyName ?? '', c.givenName ?? '', '', '', '']);
      }
      // An organisation's own card repeats its name in ORG, as RFC 6350's examples do.
      const organization = c.organization ?? (c.kind === 'organization' ? c.name : undefined);
      if (organization || c.department) {
        add('org', {}, 'text', [organization ?? '', ...(c.department ? [c.department] : [])]);
      }
      if (c.title) add('title', {}, 'text', c.title);
      for (const e of c.emails) add('email', { type: e.label }, 'text', e.address);
      for (const p of c.phones) {
        const params = { type: PHONE_TYPES[p.label] };
        if (p.number.startsWith('+')) add('tel', params, 'uri', `tel:${p.number}`);
        else add('tel', params, 'text', p.number);
      }
      const a = c.address;
      if (a && (a.street || a.city || a.region || a.postalCode || a.country || a.text)) {
        const params: Params = a.text && !a.street ? { label: a.text } : {};
        add('adr', params, 'text', [
          '',
          '',
          a.street ?? '',
          a.city ?? '',
          a.region ?? '',
          a.postalCode ?? '',
          a.country ?? '',
        ]);
      }
      for (const url of c.urls) add('url', {}, 'uri', url);
      if (c.photo) add('photo', {}, 'uri', `data:${c.photo.mediaType};base64,${c.photo.base64}`);
      else if (c.photoUrl) add('photo', {}, 'uri', c.photoUrl);
      if (c.note) add('note', {}, 'text', c.note);
      return `${card.toString()}\r\n`;
    })
    .join('');
}
