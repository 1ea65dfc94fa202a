import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * The names of the fields the query selects at `path` below the resolved field (e.g. `['edges', 'node']`
 * of a connection), through inline fragments and fragment spreads, aliases read as the field's own name.
 * For a list resolver that reads only the columns a query asks for. `@include`/`@skip` are ignored: a field
 * they may leave out still counts as selected (reading a column too many is harmless; one too few is not).
 */
export function selectedFields(info: GraphQLResolveInfo, path: readonly string[] = []): Set<string> {
  let level: readonly SelectionSetNode[] = info.fieldNodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
  for (const name of path) level = fieldsOf(level, info).flatMap((f) => (f.name.value === name && f.selectionSet ? [f.selectionSet] : []));
  return new Set(fieldsOf(level, info).map((f) => f.name.value));
}

function fieldsOf(sets: readonly SelectionSetNode[], info: GraphQLResolveInfo, seen = new Set<string>()): FieldNode[] {
  const out: FieldNode[] = [];
  for (const set of sets) {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) out.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) out.push(...fieldsOf([selection.selectionSet], info, seen));
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = info.fragments[selection.name.value];
        if (fragment) out.push(...fieldsOf([fragment.selectionSet], info, seen));
      }
    }
  }
  return out;
}
