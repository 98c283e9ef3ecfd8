export * from './address-list';
export * from './captured-contact-draft';
export * from './contact-draft-check';
export * from './displayed-date';
export * from './message-capture';
export * from './open-message';
export * from './signature-draft';
