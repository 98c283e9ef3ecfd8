import type { z } from 'zod';
import { Company } from './company';
import { Contact } from './contact';
import { Feedback } from './feedback';
import { Interaction } from './interaction';
import { LoyaltyEntry } from './loyalty';
import { Note } from './note';
import { Purchase } from './purchase';
import { Task } from './task';

/** Every synced table and the schema its rows must satisfy. */
export const tableSchemas = {
  contacts: Contact,
  companies: Company,
  notes: Note,
  interactions: Interaction,
  purchases: Purchase,
  feedback: Feedback,
  tasks: Task,
  loyalty: LoyaltyEntry,
} as const;

export type TableName = keyof typeof tableSchemas;
export const tableNames = Object.keys(tableSchemas) as TableName[];
export type RecordOf<T extends TableName> = z.infer<(typeof tableSchemas)[T]>;
export type InputOf<T extends TableName> = z.input<(typeof tableSchemas)[T]>;

export function isTableName(name: string): name is TableName {
  return Object.hasOwn(tableSchemas, name);
}
