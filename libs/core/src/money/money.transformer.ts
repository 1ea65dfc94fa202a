import type { ValueTransformer } from 'typeorm';

/** bigint columns come back from pg as strings; keep them exact as bigint. */
export const bigintTransformer: ValueTransformer = {
  to: (value: bigint | null | undefined) => (value === null || value === undefined ? value : value.toString()),
  from: (value: string | null) => (value === null ? null : BigInt(value)),
};
