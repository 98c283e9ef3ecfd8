import { isCjkName, splitPersonName } from '../names';
import type { Address } from '../schemas/common';
import { Company } from '../schemas/company';
import { ContactEmail, type ContactPhone, type RecordSource } from '../schemas/contact';
import { parseRecord, ValidationError } from '../schemas/validation';
import type { SourcedDraft } from '../webmail/captured-contact-draft';
import {
  countryCodeOf,
  parseBirthdayCell,
  parseGenderCell,
  phonesOfCell,
  splitListCell,
} from './cell-values';
import type { ColumnMapping, ContactField } from './column-mapping';
import type { CsvTable } from './csv-table';
import { CHECK_BASE, type ImportRowError, type RowCells, rowError, rowsOf } from './import-rows';

/** One good row of a contacts file: the identity draft capture also uses, plus import-only fields. */
export interface ContactImportRow {
  row: number;
  draft: SourcedDraft;
  gender?: 'female' | 'male' | 'other' | 'unspecified';
  preferences?: string;
}

export interface ContactRowOptions {
  /** Region for phone numbers written without a country code (the rep's setting, CN by default). */
  defaultRegion: string;
  fileName: string;
  now: number;
  /** Read 05/03/2026 as 5 March (otherwise month first, unless the first number is above 12). */
  dayFirst?: boolean;
}

/** The import field a Contact schema path came from, for naming the column of a refused value. */
function fieldOfPath(path: string): ContactField | null {
  const head = /^(\w+)(?:\[\d+\])?(?:\.(\w+))?/.exec(path);
  if (!head) return null;
  const [, top, sub] = head;
  const direct: Record<string, ContactField> = {
    displayName: 'displayName',
    givenName: 'givenName',
    familyName: 'familyName',
    title: 'title',
    emails: 'email',
    phones: 'phone',
    birthday: 'birthday',
    gender: 'gender',
    tags: 'tags',
    preferences: 'preferences',
  };
  if (top === 'address') return (sub as ContactField | undefined) ?? 'street';
  return direct[top!] ?? null;
}

function nameOf(cells: RowCells): { displayName: string; fromName: boolean } {
  const full = cells.get('displayName');
  if (full) return { displayName: full, fromName: true };
  const family = cells.get('familyName');
  const given = cells.get('givenName');
  if (family || given) {
    const cjk = isCjkName(`${family}${given}`);
    return {
      displayName: cjk ? `${family}${given}` : [given, family].filter(Boolean).join(' '),
      fromName: false,
    };
  }
  return { displayName: '', fromName: false };
}

/**
 * Reads the rows of a contacts file into drafts for the repository, checking every value: a row with
 * a bad value is refused with the field, the column and the reason; the others are kept. Emails,
 * phones (normalised to E.164 with `defaultRegion`) and tags may list several values in one cell.
 * A row without a name uses its first email or phone as the name, as capture does.
 * @example contactRowsFromTable(parseCsvTable('姓名,手机\n王小明,13800138000'), ['displayName', 'mobile'], opts).items[0].draft.phones[0].number // '+8613800138000'
 */
export function contactRowsFromTable(
  table: CsvTable,
  mapping: ColumnMapping,
  opts: ContactRowOptions,
): { items: ContactImportRow[]; errors: ImportRowError[] } {
  const items: ContactImportRow[] = [];
  const errors: ImportRowError[] = [];
  const source: RecordSource = {
    kind: 'import',
    importFile: opts.fileName.slice(0, 300),
    capturedAt: opts.now,
  };
  for (const cells of rowsOf(table, mapping)) {
    const bad: ImportRowError[] = [];
    const emails: ContactEmail[] = [];
    for (const cell of cells.all('email'))
      for (const address of splitListCell(cell)) {
        const parsed = ContactEmail.safeParse({ address });
        if (parsed.success) emails.push(parsed.data);
        else bad.push(rowError(cells, 'email', 'invalid-email', { value: address }));
      }
    const phones: ContactPhone[] = [];
    for (const [field, label] of [
      ['mobile', 'mobile'],
      ['phone', 'work'],
    ] as const)
      for (const cell of cells.all(field)) {
        const read = phonesOfCell(cell, opts.defaultRegion, label);
        phones.push(...read.phones);
        for (const value of read.bad) bad.push(rowError(cells, field, 'invalid-phone', { value }));
      }
    const name = nameOf(cells);
    const displayName = name.displayName || emails[0]?.address || phones[0]?.raw || '';
    if (!displayName) bad.push(rowError(cells, 'displayName', 'required'));
    const draft: SourcedDraft = { displayName, emails, phones, urls: [], source };
    const split = name.fromName ? splitPersonName(displayName) : {};
    const given = cells.get('givenName') || split.givenName;
    const family = cells.get('familyName') || split.familyName;
    if (given) draft.givenName = given;
    if (family) draft.familyName = family;
    const title = cells.get('title');
    if (title) draft.title = title;
    const organization = cells.get('company');
    if (organization) {
      const check = Company.shape.name.safeParse(organization);
      if (check.success) draft.organization = check.data;
      else bad.push(rowError(cells, 'company', 'invalid', { reason: check.error.issues[0]!.message }));
    }
    const address: Address = {};
    for (const part of ['street', 'city', 'region', 'postalCode'] as const) {
      const value = cells.get(part);
      if (value) address[part] = value;
    }
    const country = cells.get('country');
    if (country) {
      const code = countryCodeOf(country);
      if (code) address.country = code;
      else bad.push(rowError(cells, 'country', 'invalid-country'));
    }
    if (Object.keys(address).length > 0) draft.address = address;
    const birthday = cells.get('birthday');
    if (birthday) {
      const value = parseBirthdayCell(birthday, opts.dayFirst);
      if (value) draft.birthday = value;
      else bad.push(rowError(cells, 'birthday', 'invalid-date'));
    }
    const tags = cells.all('tags').flatMap(splitListCell);
    if (tags.length > 0) draft.tags = tags;
    const item: ContactImportRow = { row: cells.row, draft };
    const gender = cells.get('gender');
    if (gender) {
      const value = parseGenderCell(gender);
      if (value) item.gender = value;
      else bad.push(rowError(cells, 'gender', 'invalid-gender'));
    }
    const preferences = cells.all('preferences').join('\n');
    if (preferences) item.preferences = preferences;
    if (bad.length === 0) bad.push(...schemaErrors(cells, item));
    if (bad.length > 0) errors.push(...bad);
    else items.push(item);
  }
  return { items, errors };
}

/** The contact the row would create, checked by the shared Contact schema (lengths, limits, formats). */
function schemaErrors(cells: RowCells, item: ContactImportRow): ImportRowError[] {
  const { organization: _o, ...fields } = item.draft;
  try {
    parseRecord('contacts', {
      ...CHECK_BASE,
      ...fields,
      ...(item.gender && { gender: item.gender }),
      ...(item.preferences && { preferences: { text: item.preferences } }),
    });
    return [];
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return error.issues.map((issue) => {
      const field = fieldOfPath(issue.field);
      return rowError(cells, field ?? issue.field, 'invalid', {
        reason: issue.reason,
        column: field ? cells.column(field) : null,
        value: field ? cells.get(field) : '',
      });
    });
  }
}
