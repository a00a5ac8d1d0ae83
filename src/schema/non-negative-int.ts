// NonNegativeInt as the contract names it (graphql-scalars' name, description and JSON schema),
// but exact: graphql-scalars' own parses values with parseInt, so that 2.9 became 2 and 1e300
// became 1 — money silently changed. Here a value is taken only when it is exactly a whole number
// from 0 to 2^53 − 1 (what a JavaScript number holds exactly, within PostgreSQL's bigint); a
// fraction, a larger number or text is refused with BAD_USER_INPUT, never rounded.
import { GraphQLError, GraphQLScalarType, Kind, print, type ValueNode } from 'graphql';
import { GraphQLNonNegativeInt } from 'graphql-scalars';

function exact(value: unknown, shown: string): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  throw new GraphQLError(
    `NonNegativeInt cannot represent ${shown.slice(0, 40)}: send a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, never a fraction or text`,
    { extensions: { code: 'BAD_USER_INPUT' } },
  );
}

export const NonNegativeInt = new GraphQLScalarType<number, number>({
  ...GraphQLNonNegativeInt.toConfig(),
  serialize: (value) => exact(value, String(value)),
  parseValue: (value) => exact(value, JSON.stringify(value) ?? String(value)),
  parseLiteral: (node: ValueNode) =>
    exact(node.kind === Kind.INT ? Number(node.value) : undefined, print(node)),
});
