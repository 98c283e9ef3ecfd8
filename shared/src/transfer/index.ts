export * from './backup';
export * from './cell-values';
export * from './column-mapping';
export * from './contact-rows';
export * from './csv-table';
export * from './import-rows';
export * from './purchase-rows';
export * from './vcard-transfer';
