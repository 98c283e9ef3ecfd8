import { z } from 'zod';
import { Address, baseRecordShape, requiredText, shortText, tagList } from './common';

/**
 * A company's domain: a lower-case host name without scheme or path (example.com). Unicode labels
 * (阿里巴巴.中国) and their punycode form are both accepted: `new URL(...).hostname` gives punycode
 * (xn--…), whose top-level label has digits and hyphens.
 */
export const Domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(?=.{1,253}$)([a-z0-9\u00a1-\uffff]([a-z0-9\u00a1-\uffff-]{0,61}[a-z0-9\u00a1-\uffff])?\.)+([a-z\u00a1-\uffff]{2,63}|xn--[a-z0-9-]{1,59})$/,
    {
      error: 'must be a domain name such as example.com',
    },
  );

export const Company = z.object({
  ...baseRecordShape,
  name: requiredText(200),
  domain: Domain.optional(),
  industry: shortText(100).optional(),
  size: z.enum(['1-10', '11-50', '51-200', '201-1000', '1001-5000', '5001+']).optional(),
  address: Address.optional(),
  tags: tagList.default([]),
});
export type Company = z.infer<typeof Company>;
export type CompanyInput = z.input<typeof Company>;
