import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

export interface QueryCostWeights {
  /** Each root field (a query or mutation: at least one database round trip), per alias. */
  rootField: number;
  /** Rows assumed for a list of objects without pagination (`invoices`, `contacts`, `lines`, `allocations`). */
  unpaginatedList: number;
  /** Page size assumed when `first` is a variable (validation does not see variables): the largest page. */
  variablePage: number;
}

export const DEFAULT_QUERY_COST_WEIGHTS: QueryCostWeights = { rootField: 50, unpaginatedList: 10, variablePage: 100 };

/**
 * Rejects operations whose estimated cost is above `max`, an estimate of the rows and round
 * trips an operation may cause, read off the schema:
 * - every field costs 1; a root field costs `rootField`, for each alias (a hundred aliases of a
 *   query are a hundred queries);
 * - a paginated field (one with a `first` argument) multiplies its selection by `first`, by the
 *   argument's default (20) when it is left out, by `variablePage` when it is a variable;
 * - a list of objects without pagination multiplies its selection by `unpaginatedList`, except a
 *   connection's `edges`, already counted by the connection's page size.
 */
export function queryCostRule(max: number, weights: QueryCostWeights = DEFAULT_QUERY_COST_WEIGHTS) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) {
      if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    }
    const cost = new QueryCost(context.getSchema(), fragments, weights);
    return {
      OperationDefinition(node) {
        const root = context.getSchema().getRootType(node.operation);
        if (!root) return;
        const total = cost.of(node.selectionSet, root, new Set(), 0, true);
        if (total > max) {
          context.reportError(
            new GraphQLError(`Query is too expensive: cost ${total} exceeds the limit of ${max} / クエリが大きすぎます`, {
              nodes: [node],
              extensions: { code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_COSTLY' },
            }),
          );
        }
      },
    };
  };
}

class QueryCost {
  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Map<string, FragmentDefinitionNode>,
    private readonly weights: QueryCostWeights,
  ) {}

  of(set: SelectionSetNode | undefined, parent: GraphQLCompositeType, seen: Set<string>, depth: number, root = false): number {
    if (!set || depth > 50) return 0;
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        total += this.field(selection, parent, seen, depth, root);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += this.of(selection.selectionSet, this.condition(selection.typeCondition?.name.value) ?? parent, seen, depth + 1, root);
      } else {
        const name = selection.name.value;
        const fragment = this.fragments.get(name);
        if (seen.has(name) || !fragment) continue;
        total += this.of(fragment.selectionSet, this.condition(fragment.typeCondition.name.value) ?? parent, new Set([...seen, name]), depth + 1, root);
      }
    }
    return total;
  }

  private field(node: FieldNode, parent: GraphQLCompositeType, seen: Set<string>, depth: number, root: boolean): number {
    const definition = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[node.name.value] : undefined;
    const base = root && !node.name.value.startsWith('__') ? this.weights.rootField : 1;
    if (!definition) return base + this.of(node.selectionSet, parent, seen, depth + 1);
    const type = getNamedType(definition.type);
    const children = isCompositeType(type) ? this.of(node.selectionSet, type, seen, depth + 1) : 0;
    return base + this.multiplier(node, definition, parent) * children;
  }

  private multiplier(node: FieldNode, definition: GraphQLField<unknown, unknown>, parent: GraphQLCompositeType): number {
    const firstArg = definition.args.find((a) => a.name === 'first');
    if (firstArg) {
      const given = node.arguments?.find((a) => a.name.value === 'first')?.value;
      if (!given) return typeof firstArg.defaultValue === 'number' ? firstArg.defaultValue : this.weights.variablePage;
      if (given.kind === Kind.INT) return Math.max(1, Number(given.value));
      return this.weights.variablePage;
    }
    if (!isListType(getNullableType(definition.type)) || !isCompositeType(getNamedType(definition.type))) return 1;
    // A connection's edges: its page size is counted on the connection field.
    const isEdges = node.name.value === 'edges' && (isObjectType(parent) || isInterfaceType(parent)) && 'pageInfo' in parent.getFields();
    return isEdges ? 1 : this.weights.unpaginatedList;
  }

  private condition(name: string | undefined): GraphQLCompositeType | undefined {
    const type = name ? this.schema.getType(name) : undefined;
    return type && isCompositeType(type) ? type : undefined;
  }
}
