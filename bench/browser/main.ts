import { benchContactsInsert } from './contacts-insert';
import { benchCsvImport } from './csv-import';

// The page only exposes the benchmarks; bench/run.mjs calls them and records the figures.
Object.assign(globalThis, {
  keepcardBench: { contactsInsert: benchContactsInsert, csvImport: benchCsvImport },
});
