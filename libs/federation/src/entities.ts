import { Branch } from './branch.entity.js';

export const federationEntities = [Branch];
