import { normalizePhone } from '@keepcard/shared';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { type ContactEdit, editContact } from '../../db/activity-repo';
import type { ContactRow } from '../../db/db';
import { getDb } from '../../db/db';
import { getSettings } from '../../db/settings-repo';
import { writeContext } from '../common/write-context';
import { useI18n } from '../i18n-context';
import { ActionForm, FormField, useFormErrors } from './ActionForm';

const lines = (text: string) =>
  text
    .split(/[\n;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
const list = (text: string) =>
  text
    .split(/[,，、\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
const optional = (text: string) => text.trim() || undefined;

/**
 * Edits the contact's fields. The whole result is validated by the shared contact schema; each error
 * names its field next to the control it came from, and nothing typed is lost.
 */
export function EditContactForm({
  contact,
  done,
  cancel,
}: {
  contact: ContactRow;
  done: (m: string) => void;
  cancel: () => void;
}) {
  const { t } = useI18n();
  const errors = useFormErrors();
  const company = useLiveQuery(
    async () => (contact.companyId ? ((await getDb().companies.get(contact.companyId))?.name ?? '') : ''),
    [contact.companyId],
  );
  const [companyName, setCompanyName] = useState<string | null>(null);
  const [f, setF] = useState(() => ({
    displayName: contact.displayName,
    givenName: contact.givenName ?? '',
    familyName: contact.familyName ?? '',
    title: contact.title ?? '',
    gender: contact.gender ?? '',
    birthday: contact.birthday ?? '',
    emails: contact.emails.map((e) => e.address).join('\n'),
    phones: contact.phones.map((p) => p.raw).join('\n'),
    country: contact.address?.country ?? '',
    region: contact.address?.region ?? '',
    city: contact.address?.city ?? '',
    street: contact.address?.street ?? '',
    postalCode: contact.address?.postalCode ?? '',
    tags: contact.tags.join(', '),
    preferences: contact.preferences.text,
    preferenceTags: contact.preferences.tags.join(', '),
    photoUrl: contact.photoUrl ?? '',
  }));
  const set = (key: keyof typeof f) => (e: { target: { value: string } }) =>
    setF({ ...f, [key]: e.target.value });
  const text = (key: keyof typeof f, label: string, field = key as string) => (
    <FormField label={label} error={errors.of(field)}>
      {(p) => <input {...p} value={f[key]} onChange={set(key)} />}
    </FormField>
  );

  const save = async () => {
    const { defaultRegion } = await getSettings();
    const labelsByPhone = new Map(contact.phones.map((p) => [p.raw, p.label]));
    const labelsByEmail = new Map(contact.emails.map((e) => [e.address, e.label]));
    const address = {
      country: optional(f.country),
      region: optional(f.region),
      city: optional(f.city),
      street: optional(f.street),
      postalCode: optional(f.postalCode),
    };
    const edit: ContactEdit = {
      displayName: f.displayName,
      givenName: optional(f.givenName),
      familyName: optional(f.familyName),
      title: optional(f.title),
      gender: (f.gender || undefined) as ContactRow['gender'],
      birthday: optional(f.birthday),
      emails: lines(f.emails).map((address) => ({
        address,
        label: labelsByEmail.get(address.toLowerCase()) ?? 'work',
      })),
      phones: lines(f.phones).map((raw) =>
        normalizePhone(raw, defaultRegion, labelsByPhone.get(raw) ?? 'mobile'),
      ),
      address: Object.values(address).some((v) => v !== undefined) ? address : undefined,
      tags: list(f.tags),
      preferences: { text: f.preferences, tags: list(f.preferenceTags) },
      photoUrl: optional(f.photoUrl),
    };
    if (companyName !== null) edit.companyName = companyName;
    try {
      await editContact(contact.id, edit, await writeContext());
      done(t('action.saved.edit'));
    } catch (e) {
      errors.set(e);
    }
  };

  return (
    <ActionForm title={t('action.edit')} errors={errors.errors} onCancel={cancel} onSave={save}>
      {text('displayName', t('field.displayName'))}
      <div className="grid grid-cols-2 gap-2">
        {text('familyName', t('field.familyName'))}
        {text('givenName', t('field.givenName'))}
      </div>
      {text('title', t('field.title'))}
      <FormField label={t('field.company')} error={errors.of('companyId')}>
        {(p) => (
          <input
            {...p}
            value={companyName ?? company ?? ''}
            onChange={(e) => setCompanyName(e.target.value)}
          />
        )}
      </FormField>
      <div className="grid grid-cols-2 gap-2">
        <FormField label={t('field.gender')} error={errors.of('gender')}>
          {(p) => (
            <select {...p} value={f.gender} onChange={set('gender')}>
              <option value="">{t('gender.unspecified')}</option>
              <option value="female">{t('gender.female')}</option>
              <option value="male">{t('gender.male')}</option>
              <option value="other">{t('gender.other')}</option>
            </select>
          )}
        </FormField>
        <FormField label={t('field.birthday')} error={errors.of('birthday')}>
          {(p) => <input {...p} value={f.birthday} onChange={set('birthday')} placeholder="1985-06-01" />}
        </FormField>
      </div>
      <FormField label={t('form.emailsOnePerLine')} error={errors.of('emails')}>
        {(p) => <textarea {...p} rows={2} value={f.emails} onChange={set('emails')} />}
      </FormField>
      <FormField label={t('form.phonesOnePerLine')} error={errors.of('phones')}>
        {(p) => <textarea {...p} rows={2} value={f.phones} onChange={set('phones')} />}
      </FormField>
      <div className="grid grid-cols-3 gap-2">
        {text('country', t('field.address.country'), 'address.country')}
        {text('region', t('field.address.region'), 'address.region')}
        {text('city', t('field.address.city'), 'address.city')}
      </div>
      <div className="grid grid-cols-3 gap-2">
        <div className="col-span-2">{text('street', t('field.address.street'), 'address.street')}</div>
        {text('postalCode', t('field.address.postalCode'), 'address.postalCode')}
      </div>
      {text('tags', t('form.tagsComma'), 'tags')}
      <FormField label={t('field.preferences')} error={errors.of('preferences')}>
        {(p) => <textarea {...p} rows={2} value={f.preferences} onChange={set('preferences')} />}
      </FormField>
      {text('preferenceTags', t('form.preferenceTagsComma'), 'preferences.tags')}
      {text('photoUrl', t('field.photoUrl'))}
    </ActionForm>
  );
}
