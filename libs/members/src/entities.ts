export const membersEntities: (new () => object)[] = [];
