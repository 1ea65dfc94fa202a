import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/**
 * A whole number of minor units. Sent as a JSON number (exact up to 2^53 - 1,
 * far beyond any sum this platform books); accepted as an integer literal or a
 * string of digits. Never a float.
 */
export const AmountScalar = new GraphQLScalarType<bigint, number>({
  name: 'Amount',
  description: "Integer count of the currency's minor unit (JPY: yen). Never fractional.",
  serialize(value) {
    const n = typeof value === 'bigint' ? value : BigInt(value as string | number);
    if (n > BigInt(Number.MAX_SAFE_INTEGER) || n < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new GraphQLError('Amount exceeds the exactly representable range');
    }
    return Number(n);
  },
  parseValue(value) {
    return parseAmount(value);
  },
  parseLiteral(ast) {
    if (ast.kind === Kind.INT || ast.kind === Kind.STRING) return parseAmount(ast.value);
    throw new GraphQLError('Amount must be a whole number of minor units (e.g. 3000 for ¥3,000)', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  },
});

function parseAmount(value: unknown): bigint {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^-?\d{1,18}$/.test(value)) return BigInt(value);
  throw new GraphQLError(
    `Amount must be a whole number of minor units, not ${JSON.stringify(value)} / 金額は最小通貨単位の整数で指定してください`,
    { extensions: { code: 'BAD_USER_INPUT' } },
  );
}
