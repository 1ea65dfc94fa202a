import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  getVariableValues,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  type ASTNode,
  type ASTVisitor,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { validationFailure } from './validation-failure.js';

export interface QueryCostWeights {
  /** Each root field (a query or mutation: at least one database round trip), per alias. */
  rootField: number;
  /** Rows assumed for a list of objects without pagination (`invoices`, `contacts`, `lines`, `allocations`). */
  unpaginatedList: number;
  /** Page size assumed when `first` is left out of a paginated field whose argument has no default: the largest page. */
  largestPage: number;
}

export const DEFAULT_QUERY_COST_WEIGHTS: QueryCostWeights = { rootField: 50, unpaginatedList: 10, largestPage: 100 };

/** The page size a `first` given by a variable stands for; `absent` is the page a null or left-out `first` gets. */
type VariablePage = (name: string, absent: number) => number;

/** A document whose cost depends on its variables: the operations to count again with a request's variables. */
interface VariableCost {
  operations: OperationDefinitionNode[];
  fragments: Map<string, FragmentDefinitionNode>;
}

/**
 * The query cost limit: an estimate of the rows and round trips an operation may cause, read off the schema, and a
 * refusal (BAD_USER_INPUT, QUERY_TOO_COSTLY) of the operations above `max`:
 * - every field costs 1; a root field costs `rootField`, for each alias (a hundred aliases of a
 *   query are a hundred queries);
 * - a paginated field (one with a `first` argument) multiplies its selection by `first`, by the
 *   argument's default (20) when it is left out or null (`largestPage` when the argument has none);
 * - a list of objects without pagination multiplies its selection by `unpaginatedList`, except a
 *   connection's `edges`, already counted by the connection's page size.
 *
 * A `first` given by a variable is exact too, in two steps, because a validation rule sees no variables:
 * - `rule` (validation, which Mercurius runs once per document and caches) counts it as the smallest page it can
 *   be (1, or the argument's default if that is smaller and the variable may be null): it refuses a document too
 *   costly for every value, and remembers the others whose cost depends on their variables;
 * - `preExecution` (a Mercurius hook, every request) counts those again with the request's variables (a variable
 *   left out: its declared default) and refuses the same way. A document without a variable page pays nothing.
 * A variable's declared default is not a bound: a request may send any value. Mercurius passes the same parsed
 * document to both (it caches documents by source), hence a WeakMap keyed by it.
 */
export function queryCostLimit(max: number, weights: QueryCostWeights = DEFAULT_QUERY_COST_WEIGHTS) {
  const variableCosts = new WeakMap<DocumentNode, VariableCost>();

  const rule = (context: ValidationContext): ASTVisitor => {
    const document = context.getDocument();
    const fragments = fragmentsOf(document);
    return {
      OperationDefinition(node) {
        const root = context.getSchema().getRootType(node.operation);
        if (!root) return;
        let dependsOnVariables = false;
        const nullable = new Set((node.variableDefinitions ?? []).filter((d) => d.type.kind !== Kind.NON_NULL_TYPE).map((d) => d.variable.name.value));
        const smallestPage: VariablePage = (name, absent) => {
          dependsOnVariables = true;
          return nullable.has(name) ? Math.min(1, absent) : 1;
        };
        const total = new QueryCost(context.getSchema(), fragments, weights, smallestPage).of(node.selectionSet, root, new Set(), 0, true);
        if (total > max) context.reportError(tooCostly(total, max, node));
        else if (dependsOnVariables) {
          const known = variableCosts.get(document) ?? { operations: [], fragments };
          if (!known.operations.includes(node)) known.operations.push(node);
          variableCosts.set(document, known);
        }
      },
    };
  };

  /**
   * A document with several operations: this hook is not told which one runs, so each operation whose variables
   * the request's fit is counted (one of them is the one that runs). Bad variables are left to execution, which
   * refuses them with graphql-js's message (jit-guard.ts).
   */
  const preExecution = async (schema: GraphQLSchema, document: DocumentNode, _context: unknown, variables?: Record<string, unknown> | null) => {
    const known = variableCosts.get(document);
    if (!known) return undefined;
    for (const operation of known.operations) {
      const root = schema.getRootType(operation.operation);
      const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
      if (!root || coerced.errors) continue;
      const given: VariablePage = (name, absent) => {
        const value = coerced.coerced[name];
        return typeof value === 'number' ? Math.max(1, value) : absent;
      };
      const total = new QueryCost(schema, known.fragments, weights, given).of(operation.selectionSet, root, new Set(), 0, true);
      if (total > max) throw validationFailure([tooCostly(total, max, operation)]);
    }
    return undefined;
  };

  return { rule, preExecution };
}

function tooCostly(total: number, max: number, node: ASTNode): GraphQLError {
  return new GraphQLError(`Query is too expensive: cost ${total} exceeds the limit of ${max} / クエリが大きすぎます`, {
    nodes: [node],
    extensions: { code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_COSTLY' },
  });
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  }
  return fragments;
}

class QueryCost {
  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Map<string, FragmentDefinitionNode>,
    private readonly weights: QueryCostWeights,
    private readonly variablePage: VariablePage,
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
      const absent = typeof firstArg.defaultValue === 'number' ? firstArg.defaultValue : this.weights.largestPage;
      if (given?.kind === Kind.INT) return Math.max(1, Number(given.value));
      if (given?.kind === Kind.VARIABLE) return this.variablePage(given.name.value, absent);
      return absent;
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
