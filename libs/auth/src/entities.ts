import { LoginToken } from './login-token.entity.js';
import { RoleGrant } from './role-grant.entity.js';
import { User } from './user.entity.js';

export const authEntities = [User, RoleGrant, LoginToken];
