import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

/**
 * Rejects queries whose estimated cost is above `max`: every field costs 1, and a
 * list field's children are multiplied by its `first` argument (default 20).
 */
export function queryCostRule(max: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) {
      if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    }
    return {
      OperationDefinition(node) {
        const cost = selectionCost(node.selectionSet, fragments, new Set(), 0);
        if (cost > max) {
          context.reportError(
            new GraphQLError(`Query is too expensive: cost ${cost} exceeds the limit of ${max} / クエリが大きすぎます`, {
              nodes: [node],
              extensions: { code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_COSTLY' },
            }),
          );
        }
      },
    };
  };
}

function selectionCost(
  set: SelectionSetNode | undefined,
  fragments: Map<string, FragmentDefinitionNode>,
  seen: Set<string>,
  depth: number,
): number {
  if (!set || depth > 50) return 0;
  let total = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      total += 1 + multiplier(selection) * selectionCost(selection.selectionSet, fragments, seen, depth + 1);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      total += selectionCost(selection.selectionSet, fragments, seen, depth + 1);
    } else {
      const name = selection.name.value;
      if (seen.has(name)) continue;
      total += selectionCost(fragments.get(name)?.selectionSet, fragments, new Set([...seen, name]), depth + 1);
    }
  }
  return total;
}

function multiplier(field: FieldNode): number {
  const first = field.arguments?.find((a) => a.name.value === 'first');
  if (!first) return 1;
  if (first.value.kind === Kind.INT) return Math.max(1, Number(first.value.value));
  return 100; // a variable: assume the largest page
}
