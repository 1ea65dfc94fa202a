import type { ValueTransformer } from 'typeorm';
import type { CostLines } from './budget.js';

/** Cost lines per category as jsonb: amounts kept as strings of digits (exact), bigint in code. */
export const costLinesTransformer: ValueTransformer = {
  to: (value: CostLines | null | undefined) =>
    value === null || value === undefined ? value : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, v.toString()])),
  from: (value: Record<string, string> | null) => (value === null ? null : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, BigInt(v)]))),
};
