/**
 * Who is calling and what they may do: roles, the Actor, the access decorators (@Allow, @Public,
 * @SignedIn, @CurrentActor) and branch scope. A leaf: core only. Signing in, sessions and the guard
 * that turns a token into an Actor are #auth's.
 */
export * from './role.js';
export * from './role-lists.js';
export * from './actor.js';
export * from './access-rule.decorator.js';
export * from './branch-access.js';
export * from './access.errors.js';
