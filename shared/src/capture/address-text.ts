import type { CapturedAddress } from './captured-contact';

/**
 * An address on one line, parts in the order they are written in most countries that reps sell
 * to (street, city, region, postal code, country); `text` when the source gave no parts.
 * @example addressText({ street: '1 Main St', city: 'Springfield', postalCode: '12345' }) // '1 Main St, Springfield, 12345'
 */
export function addressText(address: CapturedAddress | undefined): string {
  if (!address) return '';
  const parts = [address.street, address.city, address.region, address.postalCode, address.country].filter(
    Boolean,
  );
  return parts.length ? parts.join(', ') : (address.text ?? '');
}
