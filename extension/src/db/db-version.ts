// The database's name and version, without Dexie: the card's plain-IndexedDB snapshot read
// (queries/card-idb-reader.ts) checks that the database it opened has the schema this code declares.

/** The IndexedDB database of the extension. */
export const DB_NAME = 'keepcard';

/** The newest `version(n)` declared in db.ts (a test holds the two together). */
export const SCHEMA_VERSION = 11;

/** The version IndexedDB reports: Dexie stores version n as n × 10. */
export const IDB_VERSION = SCHEMA_VERSION * 10;
