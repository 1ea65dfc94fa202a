import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';

/** The mutations that try a credential: one of them per request. */
export const SIGN_IN_FIELDS: ReadonlySet<string> = new Set(['signIn', 'signInWithLink', 'requestSignInLink']);

/**
 * Refuses a request that carries more than one sign-in field (`a: signIn(…) b: signIn(…)`, also
 * through fragments): without it one HTTP request could try many passwords, and every rate limit
 * that counts requests would undercount. Counted over the whole document.
 */
export function oneSignInPerRequestRule(context: ValidationContext): ASTVisitor {
  let count = 0;
  return {
    Field(node) {
      if (context.getParentType()?.name !== 'Mutation' || !SIGN_IN_FIELDS.has(node.name.value)) return;
      if (++count === 2) {
        context.reportError(
          new GraphQLError('Only one sign-in per request / サインインは1回のリクエストにつき1つまでです', {
            nodes: [node],
            extensions: { code: 'BAD_USER_INPUT', reason: 'ONE_SIGN_IN_PER_REQUEST' },
          }),
        );
      }
    },
  };
}
