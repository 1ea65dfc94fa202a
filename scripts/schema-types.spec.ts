import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { generate, TYPES_FILE } from './schema-types.js';

describe('test/support/schema-types.ts', () => {
  it('is what scripts/schema-types.ts generates from schema.gql and the tests’ documents (npm run schema rewrites it)', () => {
    expect(readFileSync(TYPES_FILE, 'utf8')).toBe(generate());
  });

  it('types the documents it found: RecordPayment’s result and variables', () => {
    const text = generate();
    expect(text).toMatch(/export type RecordPaymentMutation = \{\n  recordPayment: \{\n    id: string;/);
    expect(text).toContain('export interface RecordPaymentMutationVariables {\n  input: RecordPaymentInput;\n}');
    expect(text).toContain("export type PaymentMethod = 'BANK_STATEMENT'");
  });
});
