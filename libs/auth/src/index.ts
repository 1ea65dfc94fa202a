// Roles, the Actor and the access decorators live in the leaf #access (audit uses them without
// depending on auth); re-exported here for the libraries that sign people in and check access.
export * from '#access';
export * from './access.guard.js';
export * from './actor.service.js';
export * from './session-token.service.js';
export * from './user.entity.js';
export * from './role-grant.entity.js';
export * from './login-token.entity.js';
export * from './entities.js';
export * from './auth.errors.js';
export * from './user-accounts.service.js';
export * from './user-administration.service.js';
export * from './member-link-confirmations.service.js';
export * from './auth.module.js';
export * from './client-ip.decorator.js';
export * from './user-directory.service.js';
export * from './validate-input.js';
export * from './api/user.object.js';
export * from './api/one-sign-in-per-request.rule.js';
export { SIGN_IN_LIMITS } from './sign-in-rate-limit.js';
export * from './fixed-window-counters.js';
export * from './api/auth-api.module.js';
